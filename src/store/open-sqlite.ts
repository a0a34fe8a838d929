// The embedded default: one SQLite file (WAL), no server, no accounts.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { CoachError } from '../errors.js';
import type { Database } from './db-schema.js';
import { migrate } from './kysely-store.js';
import { SqliteStore } from './sqlite-store.js';
import { plainText, type FieldCipher } from './field-cipher.js';

/**
 * Kysely prepares every query anew; the same few statements run on every turn, so keep them prepared.
 * The cache is bounded by the number of distinct SQL texts the store emits (a few dozen).
 */
function withStatementCache(sqlite: BetterSqlite3.Database): BetterSqlite3.Database {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return new Proxy(sqlite, {
    get(target, property, receiver) {
      if (property !== 'prepare') {
        const value = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      }
      return (sql: string) => {
        let statement = cache.get(sql);
        if (!statement) {
          statement = target.prepare(sql);
          if (cache.size < 500) cache.set(sql, statement);
        }
        return statement;
      };
    },
  });
}

/** How long a process starting beside another waits for the other's migration (ms). */
const MIGRATION_WAIT_MS = 30_000;

/**
 * Migrates holding the file's write lock (BEGIN IMMEDIATE): a second process (or connection) starting at
 * the same moment waits, then finds the schema up to date. SQLite has transactional DDL, so a failed
 * migration leaves nothing half-made (Kysely runs SQLite migrations without a transaction of its own).
 * The wait polls rather than using busy_timeout, which would block the event loop of a process that holds
 * the lock on another connection.
 */
export async function migrateSqlite(sqlite: BetterSqlite3.Database, db: Kysely<Database>): Promise<void> {
  const giveUpAt = Date.now() + MIGRATION_WAIT_MS;
  sqlite.pragma('busy_timeout = 0');
  try {
    for (;;) {
      try {
        sqlite.exec('BEGIN IMMEDIATE');
        break;
      } catch (cause) {
        if ((cause as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() > giveUpAt) {
          throw new CoachError('store_unavailable', `cannot lock the SQLite database to migrate it (another process holds it): ${(cause as Error).message}`, cause);
        }
        await new Promise((r) => setTimeout(r, 25));
      }
    }
  } finally {
    sqlite.pragma('busy_timeout = 5000');
  }
  try {
    await migrate(db, 'sqlite');
    sqlite.exec('COMMIT');
  } catch (error) {
    if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
    throw error;
  }
}

export async function openSqliteStore(path: string, cipher: FieldCipher = plainText): Promise<SqliteStore> {
  let sqlite: BetterSqlite3.Database;
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    sqlite = new BetterSqlite3(path);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('busy_timeout = 5000');
    // Deleted rows are overwritten with zeros, not just unlinked: "delete my data" leaves no readable copy in the file.
    sqlite.pragma('secure_delete = ON');
  } catch (cause) {
    throw new CoachError('store_unavailable', `cannot open the SQLite database at ${path}: ${(cause as Error).message}. Check the path (--db or GENTLEPATH_DB) and that the folder is writable.`, cause);
  }
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  await migrateSqlite(sqlite, db);
  return new SqliteStore(sqlite, db, cipher);
}
