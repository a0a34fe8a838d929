// Reminder fan-out: N users due at the same minute, claimed and delivered to a local fake channel.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { createCoach } from '../src/coach/handle-turn.js';
import { loadContent } from '../src/content/load-content.js';
import { createScheduler } from '../src/scheduler/scheduler.js';
import { openPostgresStore } from '../src/store/open-postgres.js';
import { openSqliteStore } from '../src/store/open-sqlite.js';
import { elapsedMs, type Benchmark, type Row } from './harness.js';

export const DUE = '2026-11-24T19:00:00.000Z';
const root = new URL('../', import.meta.url).pathname;

/** An onboarded user's stored conversation, copied for every seeded user. */
async function onboardedConversation() {
  const store = await openSqliteStore(':memory:');
  const coach = createCoach({ content: loadContent(), store, now: () => new Date('2026-11-23T18:00:00Z') });
  for (const text of ['hi', 'yes', 'no', 'no', 'no', 'no', '8pm', 'UTC']) await coach.handleTurn('seed', { text });
  const stored = (await store.loadConversation('seed'))!;
  await store.close();
  return { snapshot: JSON.stringify(stored.snapshot), contentVersion: stored.contentVersion };
}

const rowFor = (i: number, seed: { snapshot: string; contentVersion: string }) => ({
  key: `fan:${i}`, snapshot: seed.snapshot, content_version: seed.contentVersion, version: 9, time_zone: 'UTC', reminder_time: '19:00',
  created_at: '2026-11-23T18:00:00Z', updated_at: '2026-11-23T18:00:00Z',
});

export async function seedSqlite(file: string, users: number) {
  const seed = await onboardedConversation();
  (await openSqliteStore(file)).close();
  const db = new BetterSqlite3(file);
  const conv = db.prepare('insert into conversations (key, snapshot, content_version, version, time_zone, reminder_time, created_at, updated_at) values (@key, @snapshot, @content_version, @version, @time_zone, @reminder_time, @created_at, @updated_at)');
  const job = db.prepare("insert into jobs (conversation_key, kind, due_at, status, attempts) values (?, 'checkin', ?, 'pending', 0)");
  db.transaction(() => { for (let i = 0; i < users; i += 1) { conv.run(rowFor(i, seed)); job.run(`fan:${i}`, DUE); } })();
  db.close();
}

export async function seedPostgres(url: string, users: number) {
  const seed = await onboardedConversation();
  await (await openPostgresStore(url)).close();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query("delete from jobs where conversation_key like 'fan:%'");
  await client.query("delete from conversations where key like 'fan:%'");
  await client.query('delete from outbox where conversation_key like \'fan:%\'');
  for (let from = 0; from < users; from += 5000) {
    const n = Math.min(5000, users - from);
    await client.query(`insert into conversations (key, snapshot, content_version, version, time_zone, reminder_time, created_at, updated_at)
      select 'fan:' || g, $1, $2, 9, 'UTC', '19:00', '2026-11-23T18:00:00Z', '2026-11-23T18:00:00Z' from generate_series($3::int, $4::int) g`, [seed.snapshot, seed.contentVersion, from, from + n - 1]);
    await client.query(`insert into jobs (conversation_key, kind, due_at, status, attempts)
      select 'fan:' || g, 'checkin', $1, 'pending', 0 from generate_series($2::int, $3::int) g`, [DUE, from, from + n - 1]);
  }
  await client.end();
}

/** Runs `processes` scheduler processes (bench/peers/fanout-worker.ts) until all are drained; returns ms and deliveries. */
function runWorkers(url: string, processes: number): Promise<{ ms: number; delivered: number }> {
  const start = process.hrtime.bigint();
  return Promise.all(Array.from({ length: processes }, () => new Promise<number>((resolve, reject) => {
    const child = spawn('node', ['--import', 'tsx', 'bench/peers/fanout-worker.ts', url], { cwd: root });
    let out = '';
    child.stdout.on('data', (c) => { out += c; });
    child.on('error', reject);
    child.on('close', () => resolve(Number(/delivered (\d+)/.exec(out)?.[1] ?? 0)));
  }))).then((counts) => ({ ms: elapsedMs(start), delivered: counts.reduce((a, b) => a + b, 0) }));
}

export const reminderFanout: Benchmark = {
  name: 'reminder fan-out',
  async run({ quick, databaseUrl }) {
    const users = quick ? 5_000 : 100_000;
    const rows: Row[] = [];
    const file = join(mkdtempSync(join(tmpdir(), 'gp-fan-')), 'fan.db');
    await seedSqlite(file, users);
    const store = await openSqliteStore(file);
    let delivered = 0;
    const coach = createCoach({ content: loadContent(), store, now: () => new Date(DUE) });
    const scheduler = createScheduler({ store, coach, now: () => new Date(DUE), deliver: async (_key, replies) => { if (replies.some((r) => r.contentIds.includes('reminder.checkin'))) delivered += 1; } });
    const start = process.hrtime.bigint();
    await scheduler.drain();
    const ms = elapsedMs(start);
    await store.close();
    const rate = (n: number, inMs: number) => Math.round((n / inMs) * 1000).toLocaleString('en-US');
    rows.push({ benchmark: 'reminder fan-out', measure: `${users} due check-ins, SQLite, 1 process (${delivered} delivered, ${rate(delivered, ms)}/s)`, value: ms / 1000, unit: 's', target: '< 30 s for 100,000' });
    if (databaseUrl) {
      let single = 0;
      for (const processes of [1, 4]) {
        await seedPostgres(databaseUrl, users);
        const r = await runWorkers(databaseUrl, processes);
        if (processes === 1) single = r.ms / 1000;
        // The processes' start (loading the code and flows/) is inside the time.
        rows.push({
          benchmark: 'reminder fan-out', measure: `${users} due check-ins, PostgreSQL, ${processes} process(es) (${r.delivered} delivered, ${rate(r.delivered, r.ms)}/s, process start included)`,
          value: r.ms / 1000, unit: 's', ...(processes > 1 ? { peer: { name: '1 process (s)', value: single }, target: '< 60 s for 100,000' } : {}),
        });
      }
    }
    return rows;
  },
};
