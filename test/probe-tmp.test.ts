import { it } from 'vitest';
import { loadContent } from '../src/content/load-content.js';
import { runTranscript } from './helpers/transcript.js';
const dir = new URL('./transcripts/', import.meta.url).pathname;
const content = loadContent();
const u = (user: string) => ({ user, expect: [], absent: [], contains: [] });
const runs: Record<string, unknown[]> = {
  lubeAtEx5: [{ use: 'onboarding.yaml' }, u('start'), u('done'), u('done'), u('1 and 3'), u('done'), u('lube'), u('yes'), u('lube'), u('the first one')],
  timeBye: [u('hi'), u('yes'), u('no'), u('no'), u('no'), u('no'), u('bye'), u('8pm')],
  ratingQs: [{ use: 'onboarding.yaml' }, u('start'), { use: 'circuit-after-check.yaml' }, u('done'), u('done'), u('is it normal to be sore the next day?'), u('what if i am scared of it?'), u('thrusting hurts but going in is fine, is that ok?'), u('do i need to do kegels?'), u('1')],
  clarifyByName: [u('hi'), u('is this private? who sees this'), u('how long will this take'), u('is this private? who sees this'), u('what about lube?'), u('neither')],
  crisisFeeling: [{ use: 'onboarding.yaml' }, u('start'), u('i feel so broken, i just want to die')],
};
for (const [name, steps] of Object.entries(runs)) {
  it(name, async () => {
    const { turns } = await runTranscript(dir, { title: name, zone: 'Europe/Berlin', start: '2026-11-23T17:00:00Z', steps: steps as never }, content);
    for (const turn of turns.slice(-8)) console.log(`${name} | ${turn.user} => ${turn.replies.map((r) => r.contentIds.join('+')).join(' | ')}\n      ${turn.replies.map((r) => r.text).join(' / ').slice(0, 300).replace(/\n/g, ' ¶ ')}`);
  });
}
