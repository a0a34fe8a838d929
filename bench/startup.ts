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
    const ready: number[] = [];
    const bare: number[] = [];
    for (let i = 0; i < runs; i += 1) {
      // The chat answers one "help" line and exits: the whole path from process start to first reply.
      let start = process.hrtime.bigint();
      spawnSync('node', ['--import', 'tsx', 'src/index.ts', 'chat', '--db', db, '--user', `s${i}`], { cwd: root, input: 'help\n' });
      ready.push(Number(process.hrtime.bigint() - start) / 1e6);
      start = process.hrtime.bigint();
      spawnSync('node', ['--import', 'tsx', '-e', '0'], { cwd: root });
      bare.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    return [{
      benchmark: 'start-up', measure: 'process start to first reply (chat, SQLite)', value: median(ready), unit: 'ms',
      peer: { name: 'empty node+tsx process', value: median(bare) }, target: '< 500 ms',
    }];
  },
};
