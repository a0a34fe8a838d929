// Turns per second on PostgreSQL with 1 and 4 coach processes sharing the database (users spread over them).
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { elapsedMs, type Benchmark, type Row } from './harness.js';
import { dailyScript } from './scripts.js';

const root = new URL('../', import.meta.url).pathname;

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
    for (const processes of [1, 4]) {
      const workers = Array.from({ length: processes }, () => startWorker(databaseUrl));
      await Promise.all(workers.map((w) => w.ready));
      const run = `mp${processes}-${Date.now().toString(36)}`;
      const start = process.hrtime.bigint();
      for (const text of script) {
        await Promise.all(Array.from({ length: users }, (_, u) => workers[u % processes]!.turn(`${run}-${u}`, text)));
      }
      const perSecond = (users * script.length) / elapsedMs(start) * 1000;
      for (const w of workers) w.stop();
      if (processes === 1) single = perSecond;
      rows.push({
        benchmark: 'turns across processes', measure: `PostgreSQL, ${processes} process(es), ${users} users, ${script.length} turns each`,
        value: perSecond, unit: 'turns/s', ...(processes > 1 ? { peer: { name: '1 process', value: single } } : {}),
      });
    }
    return rows;
  },
};
