// The rephrase cache table on both store backends: insert, read back, overwrite a slot, prune old versions.
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import type { Database } from '../../src/store/db-schema.js';
import { migrate } from '../../src/store/kysely-store.js';
import { KyselyRephraseCache, type RephraseCacheKey } from '../../src/store/rephrase-cache.js';
import { openSqliteStore } from '../../src/store/open-sqlite.js';
import { freshPostgresDatabase, hasPostgres } from '../helpers/backends.js';

const key: RephraseCacheKey = { contentId: 'faq.lube', contentVersion: 'v1', tone: 'warm', locale: 'en', sourceHash: 'abc', slot: 0 };

async function exercise(db: Kysely<Database>) {
  const cache = new KyselyRephraseCache(db);
  expect(await cache.get(key)).toBeNull();
  await cache.put(key, { text: 'first', rejectedReason: null, model: 'm', createdAt: '2026-11-23T18:00:00.000Z' });
  expect(await cache.get(key)).toEqual({ text: 'first', rejectedReason: null, model: 'm', createdAt: '2026-11-23T18:00:00.000Z' });
  await cache.put(key, { text: null, rejectedReason: 'number_changed', model: 'm', createdAt: '2026-11-24T18:00:00.000Z' });
  expect(await cache.get(key)).toMatchObject({ text: null, rejectedReason: 'number_changed' });
  await cache.put({ ...key, slot: 1 }, { text: 'second', rejectedReason: null, model: 'm', createdAt: 'x' });
  await cache.put({ ...key, contentVersion: 'v0' }, { text: 'old', rejectedReason: null, model: 'm', createdAt: 'x' });
  expect(await cache.count()).toBe(3);
  expect(await cache.pruneOtherVersions('v1')).toBe(1);
  expect(await cache.count()).toBe(2);
}

describe('rephrase cache table', () => {
  it('works on SQLite, on the store\'s own connection', async () => {
    const store = await openSqliteStore(':memory:');
    await exercise(store.kysely);
    expect(await store.rephraseCache.count()).toBe(2);
    await store.close();
  });

  it.skipIf(!hasPostgres)('works on PostgreSQL', async () => {
    const fresh = await freshPostgresDatabase();
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: fresh.url, max: 2 }) }) });
    try {
      await migrate(db, 'postgres');
      await exercise(db);
    } finally {
      await db.destroy();
      await fresh.drop();
    }
  });
});
