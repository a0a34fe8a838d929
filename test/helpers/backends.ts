// The store backends every storage test runs on. PostgreSQL tests use a fresh database per call and
// skip with a visible message when no server answers (CI makes sure one does).
import pg from 'pg';
import { openPostgresStore } from '../../src/store/open-postgres.js';
import { openSqliteStore } from '../../src/store/open-sqlite.js';
import type { KyselyStore } from '../../src/store/kysely-store.js';

export const adminUrl = process.env.GENTLEPATH_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function postgresAnswers(): Promise<boolean> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

export const hasPostgres = await postgresAnswers();
if (!hasPostgres) {
  if (process.env.CI) throw new Error(`PostgreSQL tests must run in CI, but nothing answers at ${adminUrl}`);
  console.warn(`\n[gentlepath] PostgreSQL tests SKIPPED: nothing answers at ${adminUrl}\n`);
}

/** Creates an empty database and returns its URL and a function that drops it. */
export async function freshPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `gp_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export interface Backend {
  name: string;
  available: boolean;
  open: () => Promise<{ store: KyselyStore; cleanup: () => Promise<void> }>;
}

export const backends: Backend[] = [
  {
    name: 'sqlite', available: true,
    open: async () => {
      const store = await openSqliteStore(':memory:');
      return { store, cleanup: () => store.close() };
    },
  },
  {
    name: 'postgres', available: hasPostgres,
    open: async () => {
      const db = await freshPostgresDatabase();
      const store = await openPostgresStore(db.url);
      return { store, cleanup: async () => { await store.close(); await db.drop(); } };
    },
  },
];
