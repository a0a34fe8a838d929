// The learned safety net (flows/safety-net.json) behind the rules: it may ask or answer, never act alone;
// it is exactly what its blind development data gives; it never learned from a held-out set.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCoach } from '../../../../src/coach/handle-turn.js';
import { understand } from '../../../../src/coach/understand/understand.js';
import { loadContent } from '../../../../src/content/load-content.js';
import type { Content, SafetyNet } from '../../../../src/content/schema.js';
import { readLabelled, sameMessage, trainingCases } from '../../../../src/coach/understand/safety/training-cases.js';
import { trainNet } from '../../../../src/coach/understand/safety/train-net.js';
import { projectRoot } from '../../../../src/project-root.js';
import { openSqliteStore } from '../../../../src/store/open-sqlite.js';

const content = loadContent();
const shipped = content.safety_net!;

/** A net whose every head says `bias` whatever the message (a broken or badly trained model). */
function constantNet(bias: number): SafetyNet {
  const head = { bias, threshold: 0.3, weights: {} };
  return { ...shipped, heads: { self: head, others: head, red_flag: head, question: { ...head, bias: -20 } }, kinds: { 'red.infection': head } };
}
const withNet = (net: SafetyNet): Content => ({ ...content, safety_net: net });

describe('the learned safety net', () => {
  it('ships with the coach and reads what the rules alone would miss', () => {
    expect(shipped).toBeDefined();
    const rulesOnly: Content = { ...content, safety_net: undefined };
    // development examples of our own, in the spirit of the blind sets: hopelessness without the usual words
    const said = 'tbh everyone would cope fine if i just stopped turning up to my own life';
    expect(understand(said, rulesOnly).maybeCrisis ?? understand(said, rulesOnly).crisis).toBeFalsy();
    expect(understand(said, content).maybeCrisis).toBe('self');
  });

  it('never gives the crisis reply or pauses on its own: a net that fires on everything only asks', async () => {
    const loud = withNet(constantNet(20));
    const u = understand('we went for a lovely walk by the sea today', loud);
    expect(u.crisis).toBe(false);
    expect(u.redFlags).toEqual([]);
    expect(u.maybeCrisis).toBe('self');
    // and in the coach: one kind question, and "no" returns to where the person was (this net hears only "walk")
    const walk = { bias: -20, threshold: 0.3, weights: { 'w:walk': 40 } };
    const store = await openSqliteStore(':memory:');
    const coach = createCoach({ content: withNet({ ...constantNet(-20), heads: { ...constantNet(-20).heads, self: walk } }), store });
    await coach.handleTurn('u', { text: 'hi' });
    const asked = await coach.handleTurn('u', { text: 'we went for a lovely walk by the sea today' });
    expect(asked.flatMap((r) => r.contentIds)).toContain('safety.crisis_ask_self');
    expect(asked.flatMap((r) => r.contentIds)).not.toContain('safety.crisis');
    const back = await coach.handleTurn('u', { text: 'no' });
    expect(back.flatMap((r) => r.contentIds)).not.toContain('safety.crisis');
    await store.close();
  });

  it('asks about a red flag only when a symptom is named, never about pain alone', () => {
    // a net that reads a red flag in everything, and no crisis
    const quiet = { bias: -20, threshold: 0.3, weights: {} };
    const flagEverything = withNet({ ...constantNet(20), heads: { ...constantNet(20).heads, self: quiet, others: quiet } });
    expect(understand('sooo sore this morning after size 3', flagEverything).maybeRedFlags).toEqual([]);
    expect(understand('it aches a bit, like a 2', flagEverything).maybeRedFlags).toEqual([]);
    const infection = content.red_flags.find((f) => f.detects.includes('infection'))!.id;
    expect(understand('my discharge looks kind of different this week', flagEverything).maybeRedFlags).toEqual([infection]);
  });

  it('a net that doubts everything turns what the rules act on into a question, but never a medical emergency', () => {
    const silent = withNet(constantNet(-20));
    const doubted = understand('i want to die', silent);
    expect(doubted.crisis).toBe(false);
    expect(doubted.maybeCrisis).toBe('self');
    const emergency = understand('i am soaked through, bleeding heavily and feel faint', silent);
    expect(emergency.crisis).toBe(true);
    // pills already taken are an emergency too
    expect(understand('no. but i took too many pills last night and i feel really weird', silent).crisis).toBe(true);
  });

  it('gives way to a plain request when only it would ask, unless it is quite sure; the rules still ask first', () => {
    const loud = withNet(constantNet(0));   // every head says 0.5: would ask, not quite sure
    expect(understand('ok actually please delete my data, all of it', loud).maybeCrisis).toBeUndefined();
    expect(understand('ok actually please delete my data, all of it', loud).command).toBe('delete');
    expect(understand('we went for a lovely walk by the sea today', loud).maybeCrisis).toBe('self');
    expect(understand('please delete my data', withNet(constantNet(20))).maybeCrisis).toBe('self');
    // a question of the rules' own ("is this app for suicidal people?") is never dropped for a request
    expect(understand('stop. is this app for suicidal people?', loud).maybeCrisis).toBe('self');
  });

  it('keeps the crisis reply for plain statements with the shipped net', () => {
    for (const text of ['im going to kill myself tonight', 'i took all my sleeping pills an hour ago', 'he held me down and did it anyway after i said no']) {
      expect(understand(text, content).crisis, text).toBe(true);
    }
  });

  it('answers a question about a symptom instead of pausing', () => {
    const u = understand('random one but if i ever notice blood on the dilator should i stop or is a little ok?', content);
    expect(u.redFlags).toEqual([]);
    expect(u.askedRedFlags.length).toBeGreaterThan(0);
  });

  it('is exactly what its development data gives (npm run safety:train), and learned from no held-out set', () => {
    const devDir = join(projectRoot, 'test', 'safety');
    const files = readdirSync(devDir).filter((f) => f.endsWith('.jsonl')).sort();
    expect(shipped.trained_on.map((t) => t.file)).toEqual(files.map((f) => `test/safety/${f}`));
    expect(shipped.trained_on.every((t) => !t.file.includes('heldout'))).toBe(true);
    const texts = files.map((f) => readFileSync(join(devDir, f), 'utf8'));
    expect(shipped.trained_on.map((t) => t.sha256)).toEqual(texts.map((t) => createHash('sha256').update(t).digest('hex')));
    const heldDir = join(projectRoot, 'test', 'heldout');
    const heldOut = new Set(readdirSync(heldDir).filter((x) => x.endsWith('.jsonl')).flatMap((f) => readLabelled(readFileSync(join(heldDir, f), 'utf8')).map((c) => sameMessage(c.text))));
    expect(heldOut.size).toBeGreaterThan(1000);
    const cases = texts.map((t) => trainingCases(t, content, heldOut));
    // a message also written in a held-out set is left out of training
    expect(cases.flat().length).toBeLessThan(texts.flatMap((t) => readLabelled(t)).length);
    expect(trainNet(cases.flat(), shipped.trained_on), 'flows/safety-net.json is not what its data gives: run npm run safety:train').toEqual(shipped);
    expect(shipped.trained_on.map((t) => t.messages)).toEqual(cases.map((c) => c.length));
  }, 120_000);
});
