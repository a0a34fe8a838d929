// 10,000 check-ins due at the same minute, three scheduler processes on one PostgreSQL database:
// every check-in is delivered, and none twice.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { seedPostgres } from '../../bench/reminder-fanout.js';
import { freshPostgresDatabase, hasPostgres } from '../helpers/backends.js';

const root = new URL('../../', import.meta.url).pathname;
const USERS = 10_000;

function worker(url: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn('node', ['--import', 'tsx', 'bench/peers/fanout-worker.ts', url], { cwd: root, env: { ...process.env, FANOUT_RECORD: '1' } });
    let out = '';
    child.stdout.on('data', (c) => { out += c; });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out.split('\n').filter((l) => l.startsWith('to ')).map((l) => l.slice(3))) : reject(new Error(`worker exited ${code}`))));
  });
}

describe.skipIf(!hasPostgres)('scheduler fan-out across processes', () => {
  it(`delivers ${USERS} due check-ins exactly once with 3 processes`, async () => {
    const db = await freshPostgresDatabase();
    try {
      await seedPostgres(db.url, USERS);
      const deliveries = (await Promise.all([worker(db.url), worker(db.url), worker(db.url)]));
      const all = deliveries.flat();
      expect(all).toHaveLength(USERS);
      expect(new Set(all).size).toBe(USERS);
      // The work was shared: no process did it all alone.
      expect(deliveries.filter((d) => d.length > 0).length).toBeGreaterThan(1);
    } finally {
      await db.drop();
    }
  }, 300_000);
});
