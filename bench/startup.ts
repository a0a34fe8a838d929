// Process start to ready: content loaded and validated, store open, first reply possible.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median, type Benchmark } from './harness.js';

const root = new URL('../', import.meta.url).pathname;

export const startup: Benchmark = {
  name: 'start-up',
  async run({ quick }) {
    const runs = quick ? 3 : 10;
    const db = join(mkdtempSync(join(tmpdir(), 'gp-start-')), 'start.db');
    const built = spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: root }).status === 0;
    const time = (args: string[], input?: string) => {
      const start = process.hrtime.bigint();
      spawnSync('node', args, { cwd: root, input });
      return Number(process.hrtime.bigint() - start) / 1e6;
    };
    const samples = { built: [] as number[], tsx: [] as number[], bare: [] as number[] };
    for (let i = 0; i < runs; i += 1) {
      // The chat answers one "help" line and exits: the whole path from process start to first reply.
      if (built) samples.built.push(time(['dist/src/index.js', 'chat', '--db', db, '--user', `b${i}`], 'help\n'));
      samples.tsx.push(time(['--import', 'tsx', 'src/index.ts', 'chat', '--db', db, '--user', `s${i}`], 'help\n'));
      samples.bare.push(time(['-e', '0']));
    }
    return [
      ...(built ? [{
        benchmark: 'start-up', measure: 'process start to first reply, built (npm run build; node dist/src/index.js chat)', value: median(samples.built), unit: 'ms',
        peer: { name: 'empty node process', value: median(samples.bare) }, target: '< 500 ms',
      }] : []),
      {
        benchmark: 'start-up', measure: 'process start to first reply, from source (npm run chat, tsx)', value: median(samples.tsx), unit: 'ms',
        peer: { name: 'empty node process', value: median(samples.bare) },
      },
    ];
  },
};
