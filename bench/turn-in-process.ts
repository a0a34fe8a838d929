// handleTurn with its durable commit vs the same machine step with no storage: 1,000 users round-robin.
import { createCoach, type Deliver } from '../src/coach/handle-turn.js';
import { loadContent } from '../src/content/load-content.js';
import { openPostgresStore } from '../src/store/open-postgres.js';
import { openSqliteStore } from '../src/store/open-sqlite.js';
import type { Store } from '../src/coach/store-port.js';
import pg from 'pg';
import { elapsedMs, type Benchmark, type Row } from './harness.js';
import { taggedUrl, watchServer } from './pg-server-load.js';
import { createMachineOnlyPeer } from './peers/machine-only.js';
import { dailyScript } from './scripts.js';
import { understand } from '../src/coach/understand/understand.js';
import { cases } from '../test/coach/understand/cases.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A channel that takes every reply at once (what the real channels' deliver does, minus the network). */
const channel: Deliver = async () => {};

async function turnsPerSecond(store: Store, users: number, rounds: number, deliver?: Deliver): Promise<{ perSecond: number; usPerTurn: number; turns: number; cpuUsPerTurn: number }> {
  const content = loadContent();
  const now = new Date('2026-11-23T18:00:00Z');
  const coach = createCoach({ content, store, now: () => now });
  const script = dailyScript();
  const runId = Date.now().toString(36);
  let turns = 0;
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  for (let line = 0; line < Math.min(rounds, script.length); line += 1) {
    for (let u = 0; u < users; u += 1) {
      await coach.handleTurn(`bench-${runId}-${u}`, { text: script[line]! }, deliver);
      turns += 1;
    }
  }
  const ms = elapsedMs(start);
  const used = process.cpuUsage(cpu);
  return { perSecond: (turns / ms) * 1000, usPerTurn: (ms * 1000) / turns, turns, cpuUsPerTurn: (used.user + used.system) / turns };
}

export const turnInProcess: Benchmark = {
  name: 'turn in process',
  async run({ quick, databaseUrl }) {
    const users = quick ? 200 : 1000;
    const rounds = quick ? 10 : dailyScript().length;
    const rows: Row[] = [];
    const content = loadContent();
    const peer = createMachineOnlyPeer(content);
    const script = dailyScript();
    const peerStart = process.hrtime.bigint();
    let peerTurns = 0;
    for (let line = 0; line < Math.min(rounds, script.length); line += 1) {
      for (let u = 0; u < users; u += 1) { peer(`p-${u}`, script[line]!, new Date('2026-11-23T18:00:00Z')); peerTurns += 1; }
    }
    const peerPerSecond = (peerTurns / elapsedMs(peerStart)) * 1000;

    rows.push({ benchmark: 'turn in process', measure: 'the turn without storage (understanding + machine step), per turn', value: 1e6 / peerPerSecond, unit: 'µs', target: '<= 50 µs' });
    // Understanding alone (once a timed test): the understanding tests' messages against the real flows/, CPU time, best of 3.
    const messages = cases.map((c) => c.msg);
    for (const m of messages) understand(m, content);
    const trial = () => {
      const t0 = process.cpuUsage();
      for (let r = 0; r < (quick ? 5 : 20); r += 1) for (const m of messages) understand(m, content);
      const used = process.cpuUsage(t0);
      return (used.user + used.system) / ((quick ? 5 : 20) * messages.length);
    };
    rows.push({
      benchmark: 'turn in process', measure: `understanding alone, per typical message (${messages.length} messages of the understanding tests, CPU time, best of 3)`,
      value: Math.min(trial(), trial(), trial()), unit: 'µs', peer: { name: 'the turn without storage (µs)', value: 1e6 / peerPerSecond }, target: 'well under 1,000 µs',
    });
    const file = join(mkdtempSync(join(tmpdir(), 'gp-bench-')), 'bench.db');
    const sqlite = await openSqliteStore(file);
    const s = await turnsPerSecond(sqlite, users, rounds);
    await sqlite.close();
    rows.push({ benchmark: 'turn in process', measure: `SQLite file, ${users} users round-robin`, value: s.perSecond, unit: 'turns/s', peer: { name: 'machine step, no storage', value: peerPerSecond }, target: '>= 5,000 turns/s' });
    rows.push({ benchmark: 'turn in process', measure: 'one handleTurn incl. SQLite commit', value: s.usPerTurn, unit: 'µs', peer: { name: 'machine step, no storage (µs)', value: 1e6 / peerPerSecond }, target: 'within 1.5x of the peer' });
    // The channels' path: replies handed to deliver, so they are kept in the outbox until it resolves, then removed.
    const file2 = join(mkdtempSync(join(tmpdir(), 'gp-bench-')), 'bench.db');
    const sqlite2 = await openSqliteStore(file2);
    const d = await turnsPerSecond(sqlite2, users, rounds, channel);
    await sqlite2.close();
    rows.push({ benchmark: 'turn in process', measure: `SQLite file, ${users} users, replies through a channel's deliver (outbox row kept until delivered)`, value: d.perSecond, unit: 'turns/s', peer: { name: 'machine step, no storage', value: peerPerSecond } });
    if (databaseUrl) {
      // Its connections are named, so the server's CPU for them can be read; statements are counted at the driver.
      const tag = `gp-bench-turn-${process.pid}`;
      const store = await openPostgresStore(taggedUrl(databaseUrl, tag));
      const server = await watchServer(databaseUrl, tag);
      const statements = countStatements();
      const p = await turnsPerSecond(store, users, rounds);
      const sent = statements.stop();
      const load = await server.stop();
      await store.close();
      const b = 'turn in process';
      rows.push({ benchmark: b, measure: `PostgreSQL, 1 process, ${users} users`, value: p.perSecond, unit: 'turns/s', peer: { name: 'machine step, no storage', value: peerPerSecond }, target: '>= 1,000 turns/s' });
      rows.push({ benchmark: b, measure: 'PostgreSQL: one handleTurn, wall time', value: p.usPerTurn, unit: 'µs', peer: { name: 'machine step, no storage (µs)', value: 1e6 / peerPerSecond } });
      rows.push({ benchmark: b, measure: 'PostgreSQL: the coach process\'s CPU per turn', value: p.cpuUsPerTurn, unit: 'µs', peer: { name: 'wall time per turn (µs)', value: p.usPerTurn } });
      rows.push({ benchmark: b, measure: 'PostgreSQL: the server\'s CPU per turn (its backends, from /proc)', value: (load.cpuSeconds * 1e6) / p.turns, unit: 'µs', peer: { name: 'wall time per turn (µs)', value: p.usPerTurn } });
      rows.push({ benchmark: b, measure: 'PostgreSQL: statements (round trips) per turn', value: sent / p.turns, unit: '' });
    }
    return rows;
  },
};

/** Counts the statements this process sends to PostgreSQL (each is one round trip) until stop(). */
function countStatements(): { stop: () => number } {
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  let n = 0;
  proto.query = function query(this: unknown, ...args: unknown[]) { n += 1; return original.apply(this, args); };
  return { stop: () => { proto.query = original; return n; } };
}
