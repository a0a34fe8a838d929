// Picks the backend: PostgreSQL when DATABASE_URL is set, otherwise the embedded SQLite file.
import { cipherFromEnv, type FieldCipher } from './field-cipher.js';
import type { KyselyStore } from './kysely-store.js';

/** Only the backend in use is loaded, which keeps start-up short. */
export async function openStore(settings: { databaseUrl?: string; dbPath: string }, cipher: FieldCipher = cipherFromEnv()): Promise<KyselyStore> {
  if (settings.databaseUrl) return (await import('./open-postgres.js')).openPostgresStore(settings.databaseUrl, { cipher });
  return (await import('./open-sqlite.js')).openSqliteStore(settings.dbPath, cipher);
}
