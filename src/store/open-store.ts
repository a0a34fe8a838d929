// Picks the backend: PostgreSQL when DATABASE_URL is set, otherwise the embedded SQLite file.
import { cipherFromEnv, type FieldCipher } from './field-cipher.js';
import type { KyselyStore } from './kysely-store.js';
import { openPostgresStore } from './open-postgres.js';
import { openSqliteStore } from './open-sqlite.js';

export function openStore(settings: { databaseUrl?: string; dbPath: string }, cipher: FieldCipher = cipherFromEnv()): Promise<KyselyStore> {
  return settings.databaseUrl ? openPostgresStore(settings.databaseUrl, { cipher }) : openSqliteStore(settings.dbPath, cipher);
}
