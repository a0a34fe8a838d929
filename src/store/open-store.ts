// Picks the backend: PostgreSQL when DATABASE_URL is set, otherwise the embedded SQLite file.
import type { KyselyStore } from './kysely-store.js';
import { openPostgresStore } from './open-postgres.js';
import { openSqliteStore } from './open-sqlite.js';

export function openStore(settings: { databaseUrl?: string; dbPath: string }): Promise<KyselyStore> {
  return settings.databaseUrl ? openPostgresStore(settings.databaseUrl) : openSqliteStore(settings.dbPath);
}
