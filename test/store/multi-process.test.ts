// Several coach processes on one PostgreSQL database: the same conversation served by different
// processes at once, duplicates arriving together, and no update lost.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshPostgresDatabase, hasPostgres } from '../helpers/backends.js';

const root = new URL('../../', import.meta.url).pathname;
const PROCESSES = 4;
const CONVERSATIONS = 50;
const script = ['hi', 'yes', 'no', 'no', 'no', 'no', '8pm', 'UTC', 'start', 'no', 'done', 'done', '1 and 3', 'done', 'done', 'done', 'done', '1', '2', 'skip'];
const NOW = '2026-11-23T18:00:00.000Z';

class Worker {
  private seq = 0;
  private readonly waiting = new Map<number, (r: { ids?: string[]; error?: string }) => void>();
  readonly ready: Promise<void>;
  constructor(readonly child: ChildProcessWithoutNullStreams) {
    let markReady!: () => void;
    this.ready = new Promise((r) => { markReady = r; });
    createInterface({ input: child.stdout }).on('line', (line) => {
      const msg = JSON.parse(line);
      if (msg.ready) return markReady();
      this.waiting.get(msg.seq)?.(msg);
      this.waiting.delete(msg.seq);
    });
  }
  turn(key: string, text: string, inboundId: string) {
    const seq = this.seq++;
    return new Promise<{ ids?: string[]; error?: string }>((resolve) => {
      this.waiting.set(seq, resolve);
      this.child.stdin.write(`${JSON.stringify({ seq, key, text, inboundId, now: NOW })}\n`);
    });
  }
}

describe.skipIf(!hasPostgres)('several processes on PostgreSQL', () => {
  let db: Awaited<ReturnType<typeof freshPostgresDatabase>>;
  let workers: Worker[] = [];
  beforeAll(async () => {
    db = await freshPostgresDatabase();
    // Migrations run once before the fleet starts, as a deploy would; the workers then race on data only.
    const first = new Worker(spawn('node', ['--import', 'tsx', 'test/helpers/turn-worker.ts', db.url], { cwd: root }));
    await first.ready;
    workers = [first, ...Array.from({ length: PROCESSES - 1 }, () => new Worker(spawn('node', ['--import', 'tsx', 'test/helpers/turn-worker.ts', db.url], { cwd: root })))];
    await Promise.all(workers.map((w) => w.ready));
  }, 60_000);
  afterAll(async () => {
    for (const w of workers) w.child.kill();
    await db?.drop();
  });

  it(`${PROCESSES} processes x ${CONVERSATIONS} conversations x ${script.length} messages: nothing lost, nothing twice`, async () => {
    const pick = () => workers[Math.floor(Math.random() * workers.length)]!;
    const errors: string[] = [];
    await Promise.all(Array.from({ length: CONVERSATIONS }, async (_, c) => {
      const key = `conv-${c}`;
      for (const [i, text] of script.entries()) {
        // Every message arrives twice at once, at two processes (a redelivery storm).
        const copies = await Promise.all([pick().turn(key, text, `m${i}`), pick().turn(key, text, `m${i}`)]);
        errors.push(...copies.filter((r) => r.error).map((r) => r.error!));
        if (copies.every((r) => (r.ids ?? []).length === 0)) errors.push(`${key} m${i}: no copy was answered`);
        if (copies.every((r) => (r.ids ?? []).length > 0)) errors.push(`${key} m${i}: answered twice`);
        if (i === 18) {
          // Three different messages for the same conversation at the same time, at different processes.
          const extra = await Promise.all(['help', 'progress', 'help'].map((t, j) => workers[j % workers.length]!.turn(key, t, `x${j}`)));
          errors.push(...extra.filter((r) => !(r.ids ?? []).length).map(() => `${key}: a concurrent message got no reply`));
        }
      }
    }));
    expect(errors).toEqual([]);

    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const versions = await client.query('select key, version from conversations order by key');
    const practice = await client.query('select conversation_key, step, pain_during, pain_after from practice_log');
    const inbound = await client.query('select count(*)::int as n from inbound_ids');
    await client.end();
    // The sequential result: every conversation took every message once, and logged one session (1 during, 2 after).
    expect(versions.rows).toHaveLength(CONVERSATIONS);
    expect(versions.rows.every((r) => r.version === script.length + 3)).toBe(true);
    expect(inbound.rows[0].n).toBe(CONVERSATIONS * (script.length + 3));
    expect(practice.rows).toHaveLength(CONVERSATIONS);
    expect(practice.rows.every((r) => r.step === 1 && r.pain_during === 1 && r.pain_after === 2)).toBe(true);
  }, 300_000);
});
