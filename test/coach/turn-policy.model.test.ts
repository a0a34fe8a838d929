// Model-based checks of conversation repair, over every prompt the session machine can show (xstate/graph),
// through the same turn policy handleTurn uses and real message understanding: a question at any prompt is
// answered and the same prompt comes back; a clarifying question's "neither" comes back to it too; and a yes
// or no only ever answers the last question shown.
import { describe, expect, it } from 'vitest';
import { initialTransition, transition } from 'xstate';
import { getShortestPaths } from 'xstate/graph';
import { loadContent } from '../../src/content/load-content.js';
import { createSessionMachine, shortPrompt } from '../../src/coach/session/session-machine.js';
import type { Say, SessionEvent, TurnFacts } from '../../src/coach/session/session-types.js';
import { choiceNames, expectation, runTurn, type Snapshot } from '../../src/coach/turn-policy.js';
import { understand } from '../../src/coach/understand/understand.js';

const content = loadContent();
const machine = createSessionMachine(content);

const today = '2026-11-23';
const facts: TurnFacts = { today, now: `${today}T19:00:00.000Z`, log: [], contentVersion: content.version };
const afterYesterday: TurnFacts = {
  ...facts, log: [{ key: 'y', day: '2026-11-22', step: 1, dilatorSize: null, painDuring: 1, painAfter: 1, painNextDay: null }],
};
const plain = (type: string) => ({ type, facts }) as SessionEvent;
const events: SessionEvent[] = [
  { type: 'START', facts: afterYesterday },
  ...['START', 'YES', 'NO', 'DONE', 'SKIP', 'REPEAT', 'STOP', 'HURT', 'DELETE', 'EVALUATED', 'CHANGE_REMINDER'].map(plain),
  { type: 'RATING', value: 1, facts },
  { type: 'RATING', value: 5, facts },
  { type: 'CHOOSE', choices: [1, 3], facts },
  { type: 'TEXT', text: 'breathing slowly', facts },
  { type: 'TIME', hour: 20, minute: 0, facts },
  { type: 'ZONE', zone: 'Europe/Berlin', facts },
  { type: 'MAYBE_RED_FLAG', ids: ['red.bleeding'], facts },
];
const key = (s: Snapshot) => JSON.stringify([s.value, s.status, s.context.screeningIndex, s.context.day?.circuitIndex ?? null,
  s.context.day?.choices.length ?? 0, s.context.progress !== null, s.context.redFlags.length > 0]);
// Each path is replayed with transition(), exactly as a turn runs (the graph's own snapshots are only used to find paths).
const reached = getShortestPaths(machine, { events, serializeState: key as never, limit: 20_000 }).map((p) => p.steps
  .filter((step) => !step.event.type.startsWith('xstate.'))
  .reduce((s, step) => transition(machine, s, step.event as SessionEvent)[0], initialTransition(machine)[0]));

const stateId = (s: Snapshot) => JSON.stringify(s.value);
/** Every state that shows a question and waits for its answer. */
const prompts = reached.filter((s) => s.status !== 'done' && expectation(s) !== undefined && s.context.prompt.length > 0
  && !s.matches({ main: 'idle' }) && !s.matches('paused'));

function say(from: Snapshot, text: string): Snapshot {
  const fromTurn = { ...from, context: { ...from.context, out: [], effects: [] } } as Snapshot;
  const u = understand(text, content, { choiceNames: choiceNames(content, fromTurn) });
  return runTurn(machine, fromTurn, { kind: 'message', understanding: u }, facts, { firstMessage: false });
}
const ids = (says: readonly Say[]) => says.map((s) => ('id' in s ? s.id : s.kind));

describe('conversation repair, from every prompt', () => {
  it('covers the prompts of onboarding, the check-in, the pause and the side questions', () => {
    const seen = new Set(prompts.map(stateId));
    for (const state of ['consent', 'screening', 'reminderTime', 'timeZone', 'nextDayRating', 'safetyCheck', 'circuit', 'exposure',
      'ratingDuring', 'ratingAfter', 'journal', 'pausedForEvaluation', 'confirmingClearance', 'confirmingRedFlag', 'confirmingDelete', 'changingReminder']) {
      expect([...seen].some((s) => s.includes(`"${state}"`)), state).toBe(true);
    }
    expect(prompts.length).toBeGreaterThan(20);
  });

  it('answers a question at any prompt, then shows the same prompt again in one short line', () => {
    for (const from of prompts) {
      const next = say(from, 'what about lube?');
      const where = stateId(from);
      expect(stateId(next), where).toBe(where);
      expect(ids(next.context.out), where).toContain('faq.lube');
      expect(next.context.out.at(-1), where).toEqual(shortPrompt(from.context.prompt)[0]);
      expect(next.context.prompt, where).toEqual(from.context.prompt);
      expect(next.context.effects.filter((e) => e.kind !== 'schedule' && e.kind !== 'cancel'), where).toEqual([]);
    }
  });

  it('asks a clarifying question of its own, and its "neither" (or "no") returns to the same prompt', () => {
    for (const from of prompts) {
      const where = stateId(from);
      const asked = say(from, 'is this private? who sees this');
      expect(ids(asked.context.out), where).toContain('clarify.ask');
      expect(expectation(asked), where).toBe('choice');
      for (const answer of ['neither', 'no']) {
        const back = say(asked, answer);
        expect(stateId(back), `${where} ${answer}`).toBe(where);
        expect(back.context.clarify ?? null).toBeNull();
        expect(back.context.out.at(-1), `${where} ${answer}`).toEqual(shortPrompt(from.context.prompt)[0]);
        expect(back.context.prompt).toEqual(from.context.prompt);
      }
      const picked = say(asked, '1');
      expect(stateId(picked), where).toBe(where);
      expect(ids(picked.context.out)[0], where).toMatch(/^faq\./);
    }
  });

  it('answers another question asked instead of a pick, then shows the prompt underneath again (the clarifying question is closed)', () => {
    for (const from of prompts) {
      const where = stateId(from);
      const next = say(say(from, 'is this private? who sees this'), 'what about lube?');
      expect(stateId(next), where).toBe(where);
      expect(ids(next.context.out), where).toContain('faq.lube');
      expect(next.context.clarify ?? null, where).toBeNull();
      expect(next.context.out.at(-1), where).toEqual(shortPrompt(from.context.prompt)[0]);
      expect(next.context.effects.filter((e) => e.kind !== 'schedule' && e.kind !== 'cancel'), where).toEqual([]);
    }
  });

  it('never lets a yes or no answer a question other than the last one shown', () => {
    for (const from of prompts) {
      const where = stateId(from);
      // While a clarifying question is open, yes/no belong to it, never to the question underneath.
      const asked = say(from, 'is this private? who sees this');
      for (const answer of ['yes', 'no']) {
        const next = say(asked, answer);
        expect(stateId(next), `${where} ${answer}`).toBe(where);
        expect(next.context.effects, `${where} ${answer}`).toEqual([]);
      }
      // After an aside the same question is shown again, so yes/no answer it exactly as they would have before.
      const aside = say(from, 'what about lube?');
      for (const answer of ['yes', 'no']) {
        expect(stateId(say(aside, answer)), `${where} ${answer}`).toBe(stateId(say(from, answer)));
      }
    }
  });

  it('meets a feeling or small talk at any prompt with a kind reply and the same prompt (never an answer to it)', () => {
    for (const from of prompts) {
      const where = stateId(from);
      for (const [text, id] of [['honestly i feel so broken', 'feeling.shame'], ['thank you', 'small.thanks']] as const) {
        const next = say(from, text);
        expect(ids(next.context.out), `${where} ${text}`).toContain(id);
        // At the journal prompt a sentence about how she feels is her journal line (kept, and met kindly).
        if (from.matches({ main: { day: 'journal' } }) && id === 'feeling.shame') continue;
        expect(stateId(next), `${where} ${text}`).toBe(where);
        expect(next.context.out.at(-1), `${where} ${text}`).toEqual(shortPrompt(from.context.prompt)[0]);
      }
    }
  });

  it('lets crisis words win over a feeling said with them, at any prompt', () => {
    for (const from of prompts) {
      const where = stateId(from);
      const said = ids(say(from, 'i feel so broken, i just want to die').context.out);
      expect(said, where).toContain('safety.crisis');
      expect(said, where).not.toContain('feeling.shame');
    }
  });

  it('answers what it cannot handle with one line and the same buttons, never a reprint', () => {
    // (At the journal prompt any text is her sentence, so it is left out here.)
    for (const from of prompts.filter((s) => expectation(s) !== 'text')) {
      const where = stateId(from);
      const next = say(from, 'asdfghjkl');
      expect(stateId(next), where).toBe(where);
      expect(next.context.out.length, where).toBeLessThanOrEqual(2);
      expect(next.context.out.some((s) => s.kind === 'exercise' || s.kind === 'step'), where).toBe(false);
      expect(expectation(next), where).toBe(expectation(from));
    }
  });
});

describe('turn policy around the machine', () => {
  const first = (text: string) => runTurn(machine, initialTransition(machine)[0], {
    kind: 'message', understanding: understand(text, content),
  }, facts, { firstMessage: true });

  it('a first message only opens the conversation: a "yes" or a question is not an answer to a consent question not yet shown', () => {
    for (const text of ['yes', 'what about lube?', 'no']) {
      const opened = first(text);
      expect(ids(opened.context.out), text).toEqual(expect.arrayContaining(['onboarding.welcome', 'onboarding.consent_ask']));
      expect(ids(opened.context.out), text).not.toContain('onboarding.consent_thanks');
      expect(ids(opened.context.out), text).not.toContain('onboarding.consent_declined');
      expect(opened.context.profile.consentAt, text).toBeNull();
    }
  });

  it('a first message in crisis is answered with emergency help at once', () => {
    expect(ids(first('i just want to die').context.out)).toContain('safety.crisis');
  });

  it('a new local day closes yesterday\'s unfinished session: "start" the next evening is not yesterday\'s journal line', () => {
    const atJournal = reached.find((s) => s.matches({ main: { day: 'journal' } }) && s.context.day !== null);
    expect(atJournal).toBeDefined();
    const tomorrow: TurnFacts = { ...facts, today: '2026-11-24', now: '2026-11-24T19:00:00.000Z' };
    const next = runTurn(machine, { ...atJournal!, context: { ...atJournal!.context, out: [], effects: [] } } as Snapshot,
      { kind: 'message', understanding: understand('start', content) }, tomorrow, { firstMessage: false });
    expect(next.context.effects.filter((e) => e.kind === 'saveJournal')).toEqual([]);
    expect(next.context.day?.date ?? null).not.toBe(today);
    expect(next.matches({ main: { day: 'journal' } })).toBe(false);
  });
});
