// npm run bench [-- --quick] [-- --only "name,name"]: runs every benchmark (or those whose name contains one of
// the given words), prints a table, writes bench/results/latest.json (bench/results/partial.json with --only).
// Benchmarks print figures and ratios measured in one run; they never fail on a number.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import type { Benchmark, Row } from './harness.js';
import { updateReadme } from './readme-table.js';
import { resultsTable, type Results } from './table.js';
import { reminderFanout } from './reminder-fanout.js';
import { size } from './size.js';
import { startup } from './startup.js';
import { turnInProcess } from './turn-in-process.js';
import { turnMultiprocess } from './turn-multiprocess.js';

const quick = process.argv.includes('--quick');
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt > 0 ? (process.argv[onlyAt + 1] ?? '').split(',').map((w) => w.trim()).filter(Boolean) : [];
const databaseUrl = process.env.DATABASE_URL || undefined;
const benchmarks: Benchmark[] = [turnInProcess, turnMultiprocess, startup, size, reminderFanout];
for (const extra of ['./botframework-turn.js', './llm-latency.js']) {
  try {
    const mod = await import(extra) as { benchmark?: Benchmark };
    if (mod.benchmark) benchmarks.push(mod.benchmark);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ERR_MODULE_NOT_FOUND') throw error;
  }
}

const rows: Row[] = [];
for (const b of benchmarks) {
  if (only.length && !only.some((w) => b.name.includes(w))) continue;
  process.stderr.write(`running ${b.name}${quick ? ' (quick)' : ''}...\n`);
  try {
    rows.push(...await b.run({ quick, databaseUrl }));
  } catch (error) {
    rows.push({ benchmark: b.name, measure: `failed: ${(error as Error).message.split('\n')[0]}`, value: NaN, unit: '' });
  }
}

const machine = `${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
console.log(`\nGentlePath benchmarks${quick ? ' (quick)' : ''} on ${machine}${databaseUrl ? '' : ' (PostgreSQL skipped: DATABASE_URL not set)'}\n`);
console.log(resultsTable(rows));
const results: Results = { when: new Date().toISOString(), quick, machine, rows };
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
// A part of the run never replaces the whole run's figures (the README's table is made from one whole run).
writeFileSync(new URL(only.length ? './results/partial.json' : './results/latest.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
// A full run is the README's table; a quick run (CI) only checks the benchmarks still run.
if (!quick && !only.length) updateReadme();
