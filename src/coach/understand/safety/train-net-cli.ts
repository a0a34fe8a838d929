// npm run safety:train [-- --check] [FILE.jsonl ...]: trains the learned safety net from the blind
// development sets (every test/safety/*.jsonl by default: dev-set*, everyday*) and writes flows/safety-net.json.
// --check writes nothing and fails when the file in flows/ is not what its data gives (run by the tests).
// Never pass a held-out set (test/heldout/): those only measure.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { projectRoot } from '../../../project-root.js';
import { defaultFlowsDir, loadContent, SAFETY_NET_FILE } from '../../../content/load-content.js';
import { readLabelled, sameMessage, trainingCases } from './training-cases.js';
import { trainNet } from './train-net.js';

const args = process.argv.slice(2);
const check = args.includes('--check');
const devDir = join(projectRoot, 'test', 'safety');
const files = args.filter((a) => !a.startsWith('--'));
const sources = files.length > 0 ? files : readdirSync(devDir).filter((f) => f.endsWith('.jsonl')).sort().map((f) => join(devDir, f));
if (sources.some((f) => f.includes('heldout'))) throw new Error('held-out sets only measure; never train on them');

const content = loadContent();
const texts = sources.map((f) => readFileSync(f, 'utf8'));
// held-out sets are read only to leave their messages out of training (independent writers sometimes write the same line)
const heldDir = join(projectRoot, 'test', 'heldout');
const heldOut = new Set(readdirSync(heldDir).filter((f) => f.endsWith('.jsonl')).flatMap((f) => readLabelled(readFileSync(join(heldDir, f), 'utf8')).map((c) => sameMessage(c.text))));
const perFile = texts.map((t) => trainingCases(t, content, heldOut));
const net = trainNet(perFile.flat(), sources.map((f, i) => ({
  file: relative(projectRoot, f), sha256: createHash('sha256').update(texts[i]!).digest('hex'), messages: perFile[i]!.length,
})));
const json = `${JSON.stringify(net, null, 1)}\n`;
const target = join(defaultFlowsDir, SAFETY_NET_FILE);
if (check) {
  const same = readFileSync(target, 'utf8') === json;
  console.log(same ? `flows/${SAFETY_NET_FILE} matches its training data` : `flows/${SAFETY_NET_FILE} is out of date: run npm run safety:train`);
  process.exit(same ? 0 : 1);
}
writeFileSync(target, json);
console.log(`wrote flows/${SAFETY_NET_FILE}: ${sources.length} files, ${Object.values(net.heads).reduce((n, h) => n + Object.keys(h.weights).length, 0)} weights`);
