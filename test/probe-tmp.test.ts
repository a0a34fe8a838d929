import { it } from 'vitest';
import { loadContent } from '../src/content/load-content.js';
import { readTranscript, runTranscript } from './helpers/transcript.js';
const dir = new URL('./transcripts/', import.meta.url).pathname;
const content = loadContent();
// [file, insert before the step whose user text starts with (or '' to append), lines]
const probes: Array<[string, string, string[]]> = [
  ['red-flag-bulge.yaml', '', ['start']],
  ['crisis.yaml', "i'm not going to do anything", ['ok']],
  ['red-flag-odour.yaml', 'Ive been checked!', ['fine. ill book an appointment']],
];
for (const [file, before, lines] of probes) {
  it(`${file}`, async () => {
    const t = readTranscript(dir, file);
    const i = before ? t.steps.findIndex((s) => 'user' in s && s.user.startsWith(before)) : t.steps.length;
    const steps = [...t.steps.slice(0, i), ...lines.map((user) => ({ user, expect: [], absent: [], contains: [] })), ...t.steps.slice(i, i + 2)];
    const { turns } = await runTranscript(dir, { ...t, steps: steps as never }, content);
    const k = turns.length - (t.steps.slice(i, i + 2).filter((s) => 'user' in s).length) - lines.length;
    for (const turn of turns.slice(k - 1)) console.log(`${file} | ${turn.user} => ${turn.replies.map((r) => r.contentIds.join('+')).join(' | ')}\n      ${turn.replies.map((r) => r.text).join(' / ').slice(0, 250).replace(/\n/g, ' ¶ ')}`);
  });
}
