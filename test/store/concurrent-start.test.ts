// Several processes starting at the same moment on a database nobody has used yet: they take turns at the
// migrations and all come up (no "table already exists", no stack trace).
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freshPostgresDatabase, hasPostgres } from '../helpers/backends.js';

const root = new URL('../../', import.meta.url).pathname;
const PROCESSES = 4;

function worker(startAt: number, target: string): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('node', ['--import', 'tsx', 'test/helpers/open-store-worker.ts', String(startAt), target], { cwd: root });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => { out += c.toString(); });
    child.stderr.on('data', (c: Buffer) => { err += c.toString(); });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

/** Starts the workers together (after their imports are done) and checks each came up and answered. */
async function startTogether(target: string): Promise<void> {
  const startAt = Date.now() + 4000;
  const runs = await Promise.all(Array.from({ length: PROCESSES }, () => worker(startAt, target)));
  for (const run of runs) {
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/^up [1-9]/);
  }
}

describe('concurrent first start', () => {
  it(`${PROCESSES} processes on one new SQLite file all come up and answer`, async () => {
    await startTogether(join(mkdtempSync(join(tmpdir(), 'gp-start-')), 'new.db'));
  }, 60_000);

  it.skipIf(!hasPostgres)(`${PROCESSES} processes on one new PostgreSQL database all come up and answer`, async () => {
    const db = await freshPostgresDatabase();
    try {
      await startTogether(db.url);
    } finally {
      await db.drop();
    }
  }, 60_000);
});

describe('concurrent first start in one process', () => {
  it('three connections opening one new SQLite file at once all migrate and work', async () => {
    const { openSqliteStore } = await import('../../src/store/open-sqlite.js');
    const file = join(mkdtempSync(join(tmpdir(), 'gp-start-')), 'new.db');
    const stores = await Promise.all([openSqliteStore(file), openSqliteStore(file), openSqliteStore(file)]);
    try {
      for (const store of stores) expect(await store.loadConversation('web:nobody')).toBeNull();
    } finally {
      for (const store of stores) await store.close();
    }
  });
});
