// Strength wording before and after the unlock: once strength work is open, nothing the coach says calls it locked
// or still to come (the unlock message, its exercises, and the FAQ answer).
import { describe, expect, it } from 'vitest';
import { loadContent } from '../../../src/content/load-content.js';
import { renderReplies } from '../../../src/coach/render-replies.js';
import { createSessionMachine } from '../../../src/coach/session/session-machine.js';
import type { TurnFacts } from '../../../src/coach/session/session-types.js';
import { choiceNames, runTurn, type Snapshot } from '../../../src/coach/turn-policy.js';
import { understand } from '../../../src/coach/understand/understand.js';
import { startProgress, type PracticeSession } from '../../../src/coach/progression/practice.js';

const content = loadContent();
const machine = createSessionMachine(content);

function at(progress: ReturnType<typeof startProgress>, value: object): Snapshot {
  return machine.resolveState({ value: value as never, context: {
    profile: { consentAt: 'x', consentVersion: 'x', historyFlags: [], reminderTime: '20:00', timeZone: 'UTC' },
    progress, day: null, screeningIndex: 0, redFlags: [], unclearRedFlags: [], prompt: [], out: [], effects: [],
  } as never });
}
async function say(snapshot: Snapshot, text: string, facts: TurnFacts) {
  const u = understand(text, content, { choiceNames: choiceNames(content, snapshot) });
  const next = runTurn(machine, snapshot, { kind: 'message', understanding: u }, facts, { firstMessage: false });
  const replies = await renderReplies(content, next.context.out, { progress: next.context.progress, practice: [], today: facts.today, loadExport: async () => ({}) as never }, undefined);
  return { next, text: replies.map((r) => r.text).join('\n') };
}

describe('strength wording', () => {
  const day = (n: number) => `2026-03-${String(n).padStart(2, '0')}`;
  // Four comfortable days at the dilator step, all rated the day after: the fifth unlocks strength work.
  const log: PracticeSession[] = [1, 2, 3, 4].map((n): PracticeSession => ({ key: `k${n}`, day: day(n), step: 4, dilatorSize: 2, painDuring: 1, painAfter: 1, painNextDay: 1 }))
    .concat([{ key: 'k5', day: day(5), step: 4, dilatorSize: 2, painDuring: 1, painAfter: 1, painNextDay: null }]);
  const facts: TurnFacts = { today: day(6), now: `${day(6)}T19:00:00.000Z`, log, contentVersion: content.version };

  it('the unlock and everything said with it call strength work open, never locked', async () => {
    const progress = { ...startProgress(day(1)), step: 4, dilatorSize: 2, levelSince: day(1) };
    const { next, text } = await say(at(progress, { main: 'idle' }), 'start', facts);
    const rated = await say(next, '1', facts);
    expect(rated.next.context.progress?.strengthUnlocked).toBe(true);
    expect(rated.text).toContain('gentle strength work is now open');
    expect(rated.text.toLowerCase()).not.toMatch(/stays locked|until comfortable|i'll tell you when/);
    void text;
  });

  it('the FAQ says "I\'ll tell you when" before the unlock and "open now" after it', async () => {
    const question = 'when does strength work come in?';
    const before = await say(at({ ...startProgress(day(1)), step: 3 }, { main: 'idle' }), question, facts);
    expect(before.text).toContain("I'll tell you when");
    const after = await say(at({ ...startProgress(day(1)), step: 4, dilatorSize: 2, strengthUnlocked: true }, { main: 'idle' }), question, facts);
    expect(after.text).not.toContain("I'll tell you when");
    expect(after.text).toContain('gentle strength work is open');
    expect(after.text).toContain('20-30 metres');
  });
});
