// The embedded default: one SQLite file (WAL), no server, no accounts.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { CoachError } from '../errors.js';
import type { Database } from './db-schema.js';
import { KyselyStore, migrate } from './kysely-store.js';
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

export async function openSqliteStore(path: string, cipher: FieldCipher = plainText): Promise<KyselyStore> {
  let sqlite: BetterSqlite3.Database;
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    sqlite = new BetterSqlite3(path);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('busy_timeout = 5000');
  } catch (cause) {
    throw new CoachError('store_unavailable', `cannot open the SQLite database at ${path}: ${(cause as Error).message}. Check the path (--db or GENTLEPATH_DB) and that the folder is writable.`, cause);
  }
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  await migrate(db, 'sqlite');
  return new KyselyStore(db, (e) => (e as { code?: string })?.code?.startsWith('SQLITE_CONSTRAINT') ?? false, cipher, 'sqlite');
}
