// Flow hygiene a person notices: one greeting per check-in, one reply to a high rating, a hold timer that still
// fires after a question, and the safety checklist asked once a day.
import { describe, expect, it } from 'vitest';
import { initialTransition } from 'xstate';
import { loadContent } from '../../../src/content/load-content.js';
import { createSessionMachine } from '../../../src/coach/session/session-machine.js';
import type { Say, TurnFacts } from '../../../src/coach/session/session-types.js';
import { choiceNames, runTurn, type Snapshot } from '../../../src/coach/turn-policy.js';
import { understand } from '../../../src/coach/understand/understand.js';

const content = loadContent();
const machine = createSessionMachine(content);
const facts = (now: string): TurnFacts => ({ now, today: now.slice(0, 10), log: [], contentVersion: content.version });
const ids = (out: readonly Say[]) => out.map((s) => ('id' in s ? s.id : s.kind));

function say(snapshot: Snapshot, text: string, now: string): Snapshot {
  const clean = { ...snapshot, context: { ...snapshot.context, out: [], effects: [] } } as Snapshot;
  const u = understand(text, content, { choiceNames: choiceNames(content, clean) });
  return runTurn(machine, clean, { kind: 'message', understanding: u }, facts(now), { firstMessage: false });
}
function onboarded(now: string): Snapshot {
  let s = initialTransition(machine)[0];
  for (const text of ['yes', 'no', 'no', 'no', 'no', '8pm', 'UTC']) s = say(s, text, now);
  return s;
}

describe('flow hygiene', () => {
  it('greets once when a scheduled check-in opens the day', () => {
    const s = onboarded('2026-11-23T10:00:00.000Z');
    const due = { ...s, context: { ...s.context, out: [], effects: [] } } as Snapshot;
    const next = runTurn(machine, due, { kind: 'system', job: 'checkin' }, facts('2026-11-24T20:00:00.000Z'), { firstMessage: false });
    const out = ids(next.context.out);
    expect(out).toContain('reminder.checkin');
    expect(out).not.toContain('checkin.greeting');
  });

  it('asks the safety checklist once a day: not again right after onboarding, again the next day', () => {
    const s = onboarded('2026-11-23T10:00:00.000Z');
    expect(ids(say(s, 'start', '2026-11-23T10:05:00.000Z').context.out)).not.toContain('safety.check_ask');
    expect(ids(say(s, 'start', '2026-11-24T10:05:00.000Z').context.out)).toContain('safety.check_ask');
  });

  it('answers a rating above 2 once, not twice', () => {
    let s = say(onboarded('2026-11-23T10:00:00.000Z'), 'start', '2026-11-23T10:01:00.000Z');
    for (const text of ['done', 'done', '1 and 3', 'done', 'done', 'done', 'done']) s = say(s, text, '2026-11-23T10:02:00.000Z');
    expect(s.matches({ main: { day: 'ratingDuring' } })).toBe(true);
    const out = ids(say(s, '5', '2026-11-23T10:03:00.000Z').context.out);
    expect(out.filter((id) => id === 'safety.step_back_now' || id === 'rating.high_during')).toEqual(['safety.step_back_now']);
  });

  it('keeps a hold timer through a question at the exposure step, and offers Stop there', () => {
    let s = say(onboarded('2026-11-23T10:00:00.000Z'), 'start', '2026-11-23T10:01:00.000Z');
    for (const text of ['done', 'done', '1 and 3', 'done', 'done', 'done']) s = say(s, text, '2026-11-23T10:02:00.000Z');
    expect(s.matches({ main: { day: 'exposure' } })).toBe(true);
    s = say(s, 'start timer', '2026-11-23T10:03:00.000Z');
    expect(s.context.effects.some((e) => e.kind === 'schedule' && e.job === 'hold_timer')).toBe(true);
    s = say(s, 'what about lube?', '2026-11-23T10:03:20.000Z');
    expect(ids(s.context.out)).toEqual(['faq.lube', 'exposure.controls']);
    const clean = { ...s, context: { ...s.context, out: [], effects: [] } } as Snapshot;
    const fired = runTurn(machine, clean, { kind: 'system', job: 'hold_timer' }, facts('2026-11-23T10:04:00.000Z'), { firstMessage: false });
    expect(ids(fired.context.out)).toContain('timer.done');
    const stop = say(s, 'stop, it hurts', '2026-11-23T10:04:10.000Z');
    expect(stop.matches({ main: { day: 'ratingDuring' } })).toBe(true);
  });
});
