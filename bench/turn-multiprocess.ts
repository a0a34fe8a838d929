// Turns per second on PostgreSQL with 1 and 4 coach processes sharing the database (users spread over them).
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { elapsedMs, type Benchmark, type Row } from './harness.js';
import { dailyScript } from './scripts.js';
import { processCpuSeconds, taggedUrl, watchServer } from './pg-server-load.js';

const root = new URL('../', import.meta.url).pathname;
/** Users each process serves before the timed part. */
const WARM_UP_USERS = 20;

function startWorker(url: string) {
  const child: ChildProcessWithoutNullStreams = spawn('node', ['--import', 'tsx', 'test/helpers/turn-worker.ts', url], { cwd: root });
  const waiting = new Map<number, () => void>();
  let seq = 0;
  const ready = new Promise<void>((resolve) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      const msg = JSON.parse(line) as { ready?: boolean; seq?: number };
      if (msg.ready) resolve();
      else if (msg.seq !== undefined) { waiting.get(msg.seq)?.(); waiting.delete(msg.seq); }
    });
  });
  return {
    ready,
    turn: (key: string, text: string) => new Promise<void>((resolve) => {
      const id = seq++;
      waiting.set(id, resolve);
      child.stdin.write(`${JSON.stringify({ seq: id, key, text, inboundId: `${key}:${id}`, now: '2026-11-23T18:00:00.000Z' })}\n`);
    }),
    cpuSeconds: () => processCpuSeconds(child.pid!),
    stop: () => child.kill(),
  };
}

export const turnMultiprocess: Benchmark = {
  name: 'turns across processes',
  async run({ quick, databaseUrl }) {
    if (!databaseUrl) return [];
    const users = quick ? 100 : 400;
    const script = dailyScript();
    const rows: Row[] = [];
    let single = 0;
    const b = 'turns across processes';
    for (const processes of [1, 4]) {
      // The workers' connections are named, so the server's CPU for them and their lock waits can be watched.
      const tag = `gp-bench-mp${processes}-${process.pid}`;
      const workers = Array.from({ length: processes }, () => startWorker(taggedUrl(databaseUrl, tag)));
      await Promise.all(workers.map((w) => w.ready));
      const run = `mp${processes}-${Date.now().toString(36)}`;
      // Each process first takes a few users through the whole script, untimed: what is loaded or compiled on
      // first use (the chart's Vega, the JIT) is paid once per process, and this measures the steady state.
      for (const text of script) {
        await Promise.all(workers.flatMap((w, i) => Array.from({ length: WARM_UP_USERS }, (_, u) => w.turn(`${run}-warm-${i}-${u}`, text))));
      }
      const server = await watchServer(databaseUrl, tag);
      const clientCpu = workers.map((w) => w.cpuSeconds());
      const start = process.hrtime.bigint();
      for (const text of script) {
        await Promise.all(Array.from({ length: users }, (_, u) => workers[u % processes]!.turn(`${run}-${u}`, text)));
      }
      const ms = elapsedMs(start);
      const turns = users * script.length;
      const perSecond = (turns / ms) * 1000;
      const clientSeconds = workers.reduce((sum, w, i) => sum + w.cpuSeconds() - clientCpu[i]!, 0);
      const load = await server.stop();
      for (const w of workers) w.stop();
      if (processes === 1) single = perSecond;
      rows.push({
        benchmark: b, measure: `PostgreSQL, ${processes} process(es), ${users} users, ${script.length} turns each`,
        value: perSecond, unit: 'turns/s', ...(processes > 1 ? { peer: { name: '1 process', value: single } } : {}),
        ...(processes > 1 ? { target: '>= 1.5x' } : {}),
      });
      // Where the two cores go: the coach processes' CPU and the server's, per turn, against the wall time per turn.
      // The ratio (CPU per turn over wall time per turn) is how many cores they kept busy.
      rows.push({
        benchmark: b, measure: `${processes} process(es): CPU per turn, coach processes + server backends (${(clientSeconds * 1e6 / turns).toFixed(0)} + ${(load.cpuSeconds * 1e6 / turns).toFixed(0)} µs); ratio = cores busy`,
        value: ((clientSeconds + load.cpuSeconds) * 1e6) / turns, unit: 'µs', peer: { name: 'wall time per turn (µs)', value: (ms * 1000) / turns },
      });
      rows.push({ benchmark: b, measure: `${processes} process(es): active server backends seen waiting on a lock`, value: load.lockWaitShare * 100, unit: '%' });
    }
    return rows;
  },
};
