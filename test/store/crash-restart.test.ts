// Kill -9 in the middle of a multi-day journey, start again with the same script: the journey
// continues, every rating given before the kill is there, and nothing is stored twice.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../src/store/open-postgres.js';
import { openSqliteStore } from '../../src/store/open-sqlite.js';
import { freshPostgresDatabase, hasPostgres } from '../helpers/backends.js';

const root = new URL('../../', import.meta.url).pathname;
const script = readFileSync(join(root, 'test/transcripts/two-week-journey.txt'), 'utf8');

/** Runs the terminal chat on the script; kills it with SIGKILL once `killAfter` user lines were echoed. */
function runChat(args: string[], env: NodeJS.ProcessEnv, killAfter?: number): Promise<{ out: string; err: string; killed: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn('node', ['--import', 'tsx', 'src/index.ts', 'chat', ...args], { cwd: root, env: { ...process.env, ...env } });
    let out = '';
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => { err += chunk.toString(); });
    let echoed = 0;
    let killed = false;
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      echoed = (out.match(/^> /gm) ?? []).length;
      if (killAfter !== undefined && !killed && echoed >= killAfter) { killed = true; child.kill('SIGKILL'); }
    });
    child.on('error', reject);
    child.on('close', () => resolve({ out, err, killed }));
    child.stdin.end(script);
  });
}

const backends = [
  { name: 'sqlite', available: true },
  { name: 'postgres', available: hasPostgres },
];

describe.each(backends)('crash and restart on $name', ({ name, available }) => {
  it.skipIf(!available)('continues the journey with every rating kept and no duplicates', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'gp-crash-')), 'crash.db');
    const pgdb = name === 'postgres' ? await freshPostgresDatabase() : null;
    const env = pgdb ? { DATABASE_URL: pgdb.url } : {};
    const args = ['--user', 'crash', '--db', file, '--tz', 'Europe/Berlin', '--run-id', 'journey'];
    try {
      const first = await runChat(args, env, 90);
      expect(first.killed, `the first run ended on its own: ${first.err.slice(0, 500)}`).toBe(true);
      const second = await runChat(args, env);
      expect(second.out).toMatch(/dilator size 2/);

      const store = pgdb ? await openPostgresStore(pgdb.url) : await openSqliteStore(file);
      const record = await store.exportUser('terminal:crash');
      await store.close();
      expect(record.practice).toHaveLength(14);
      expect(new Set(record.practice.map((p) => p.day)).size).toBe(14);
      expect(record.practice.every((p) => p.painDuring === 1 && p.painAfter === 1)).toBe(true);
      expect(record.practice.filter((p) => p.painNextDay === 0)).toHaveLength(13);
      expect(record.journal).toHaveLength(7);
    } finally {
      await pgdb?.drop();
    }
  }, 180_000);
});
