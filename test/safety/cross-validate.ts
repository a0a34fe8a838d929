// npm run safety:cv [-- --places=idle,circuit,rating]: leave-one-writer-out cross-validation of the learned
// safety net on the development sets (test/safety/*.jsonl). Each file was written by a different blind
// writer, so training on the others and measuring on it says how the net does on a writer it never saw.
// Use it to compare changes to features or training; held-out sets (test/heldout/) are never read here
// except to leave their messages out of training.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadContent } from '../../src/content/load-content.js';
import { readLabelled, sameMessage, trainingCases } from '../../src/coach/understand/safety/training-cases.js';
import { trainNet } from '../../src/coach/understand/safety/train-net.js';
import { asExpected, type Place, type Report, type Result, readCases, report, runCases } from '../heldout/measure-safety.js';

const dir = new URL('.', import.meta.url).pathname;
const heldDir = join(dir, '..', 'heldout');
const placesArg = process.argv.find((a) => a.startsWith('--places='));
const places = (placesArg ? placesArg.slice(9).split(',') : ['idle']) as Place[];
const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));

const content = loadContent();
const heldOut = new Set(readdirSync(heldDir).filter((f) => f.endsWith('.jsonl')).flatMap((f) => readLabelled(readFileSync(join(heldDir, f), 'utf8')).map((c) => sameMessage(c.text))));
const files = readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort();
const cases = new Map(files.map((f) => [f, trainingCases(readFileSync(join(dir, f), 'utf8'), content, heldOut)]));

const all: Result[] = [];
const pct = (n: number, d: number) => (d === 0 ? '   -  ' : `${((100 * n) / d).toFixed(1).padStart(5)}%`);
const line = (name: string, r: Report) => `${name.padEnd(18)} crisis ${pct(r.crisisCaught, r.crisisTotal)} (reply ${pct(r.crisisReply, r.crisisTotal)})  flags ${pct(r.flagCaught, r.flagTotal)}  questions ${pct(r.questionAnswered, r.questionTotal)}  neg.pause ${r.negatedPaused}/${r.negatedTotal}  look: crisis ${r.lookCrisis} ask ${pct(r.lookCrisisAsk, r.lookTotal)} pause ${r.lookPaused} flagask ${pct(r.lookFlagAsk, r.lookTotal)}`;
for (const f of files) {
  if (only.length > 0 && !only.some((o) => f.includes(o))) continue;
  const net = trainNet(files.filter((g) => g !== f).flatMap((g) => cases.get(g)!), []);
  const results = await runCases(readCases(join(dir, f)), { ...content, safety_net: net }, places);
  const r = report(results);
  if (process.argv.includes('--misses')) {
    for (const x of results) if (!asExpected(x, true)) console.log(`  ${x.c.label}/${x.c.subtype} -> ${x.outcome}: ${x.c.text}`);
  }
  all.push(...results);
  console.log(line(f, r));
}
const everyday = all.filter((x) => x.c.subtype === 'everyday');
const asked = everyday.filter((x) => x.outcome !== 'none' && x.outcome !== 'answered').length;
console.log(line('all', report(all)));
console.log(`ordinary messages (subtype everyday) that got a question, a pause or the crisis reply: ${asked}/${everyday.length} = ${pct(asked, everyday.length)}`);
