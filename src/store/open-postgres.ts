// PostgreSQL for production and for several server processes sharing one database.
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { CoachError } from '../errors.js';
import type { Database } from './db-schema.js';
import { migrate } from './kysely-store.js';
import { PostgresStore } from './postgres-store.js';
import type { FieldCipher } from './field-cipher.js';
import { postgresLiveness } from './claimer-liveness.js';

/** The URL without its password, safe to print. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable DATABASE_URL)';
  }
}

export async function openPostgresStore(url: string, options: { poolSize?: number; cipher?: FieldCipher } = {}): Promise<PostgresStore> {
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10, connectionTimeoutMillis: 5000 });
  // An idle client that loses its server must not crash the process; the next query reports it instead.
  pool.on('error', () => {});
  try {
    const client = await pool.connect();
    client.release();
  } catch (cause) {
    await pool.end().catch(() => {});
    throw new CoachError('store_unavailable', `cannot reach PostgreSQL at ${redactUrl(url)}: ${(cause as Error).message}. Start the server or fix DATABASE_URL (unset it to use the embedded SQLite file).`, cause);
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  await migrate(db, 'postgres');
  return new PostgresStore(pool, db, options.cipher, await postgresLiveness(url));
}
