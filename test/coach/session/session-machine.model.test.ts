// Model-based checks over every path of the session machine (xstate/graph): every state is reachable,
// every state can get back to idle, and a red flag or crisis from every state is handled.
import { describe, expect, it } from 'vitest';
import { initialTransition, transition } from 'xstate';
import { getShortestPaths } from 'xstate/graph';
import { loadContent } from '../../../src/content/load-content.js';
import { createSessionMachine } from '../../../src/coach/session/session-machine.js';
import type { SessionEvent, TurnFacts } from '../../../src/coach/session/session-types.js';

const content = loadContent();
const machine = createSessionMachine(content);
type Snap = ReturnType<typeof initialTransition<typeof machine>>[0];

const today = '2026-11-23';
const fresh: TurnFacts = { today, now: `${today}T19:00:00.000Z`, log: [], contentVersion: content.version };
const afterYesterday: TurnFacts = {
  ...fresh, log: [{ key: 'y', day: '2026-11-22', step: 1, dilatorSize: null, painDuring: 1, painAfter: 1, painNextDay: null }],
};

const plain = (type: string, facts = fresh) => ({ type, facts }) as SessionEvent;
const events: SessionEvent[] = [
  ...['START', 'YES', 'NO', 'DONE', 'SKIP', 'REPEAT', 'STOP', 'PAUSE', 'CONTINUE', 'HELP', 'PROGRESS',
    'DISCLAIMER', 'EXPORT', 'DELETE', 'EVALUATED', 'UNKNOWN', 'CHANGE_REMINDER', 'SNOOZE', 'REMINDERS_OFF', 'START_TIMER'].map((t) => plain(t)),
  plain('START', afterYesterday),
  { type: 'RATING', value: 1, facts: fresh },
  { type: 'RATING', value: 1, facts: afterYesterday },
  { type: 'RATING', value: 5, facts: fresh },
  { type: 'CHOOSE', choices: [1, 3], facts: fresh },
  { type: 'TEXT', text: 'breathing slowly', facts: fresh },
  { type: 'TIME', hour: 20, minute: 0, facts: fresh },
  { type: 'ZONE', zone: 'Europe/Berlin', facts: fresh },
  { type: 'TOPIC', id: 'trouble.burning', facts: fresh },
  { type: 'MAYBE_RED_FLAG', ids: ['red.bleeding'], facts: fresh },
];

const key = (s: Snap) => JSON.stringify([s.value, s.status, s.context.screeningIndex, s.context.day?.circuitIndex ?? null, s.context.progress !== null, s.context.redFlags.length > 0]);
const paths = getShortestPaths(machine, { events, serializeState: key as never, limit: 20_000 });
const reached = paths.map((p) => p.state as Snap);

function leafStates(node: typeof machine.root, prefix: string[] = []): string[] {
  const children = Object.values(node.states).filter((c) => c.type !== 'history');
  if (children.length === 0) return [prefix.join('.')];
  return children.flatMap((c) => leafStates(c, [...prefix, c.key]));
}
const stateId = (s: Snap) => {
  const walk = (v: unknown): string => (typeof v === 'string' ? v : Object.entries(v as object).map(([k, c]) => `${k}.${walk(c)}`)[0]!);
  return walk(s.value);
};

describe('session machine, every path', () => {
  it('reaches every state (checkIn is a passing-through state)', () => {
    const seen = new Set(reached.map(stateId));
    // the crisis question is entered only by MAYBE_CRISIS, tested from every state below (as an event here it multiplies the graph)
    const missing = leafStates(machine.root).filter((s) => !seen.has(s) && s !== 'main.day.checkIn' && s !== 'confirmingCrisis');
    expect(missing).toEqual([]);
  });

  it('can get back to idle from every state, except after the data was deleted', () => {
    const stuck = reached.filter((s) => s.status !== 'done').filter((from) => {
      const back = getShortestPaths(machine, {
        events, fromState: from, serializeState: key as never, toState: (s) => (s as Snap).matches({ main: 'idle' }), limit: 20_000,
      });
      return back.length === 0;
    });
    expect(stuck.map(stateId)).toEqual([]);
  });

  it('pauses the program on a red flag from every state', () => {
    for (const from of reached.filter((s) => s.status !== 'done')) {
      const [next] = transition(machine, from, { type: 'RED_FLAG', ids: ['red.bleeding'], facts: fresh });
      expect(next.matches({ main: 'pausedForEvaluation' }), `from ${stateId(from)}`).toBe(true);
      expect(next.context.out.some((o) => o.kind === 'message' && o.id === 'safety.paused'), `from ${stateId(from)}`).toBe(true);
    }
  });

  it('answers crisis language with emergency help from every state', () => {
    for (const from of reached.filter((s) => s.status !== 'done')) {
      const [next] = transition(machine, from, plain('CRISIS'));
      expect(next.context.out.some((o) => o.kind === 'message' && o.id === 'safety.crisis'), `from ${stateId(from)}`).toBe(true);
      const [resumed] = transition(machine, next, plain('EXERCISE_SHOULD_NOT_RESUME'));
      expect(resumed.matches('paused')).toBe(true);
    }
  });

  it('asks one kind question on a possible crisis from every state: yes gets the crisis reply, no returns exactly', () => {
    for (const from of reached.filter((s) => s.status !== 'done')) {
      for (const about of ['self', 'others'] as const) {
        const [asked] = transition(machine, from, { type: 'MAYBE_CRISIS', about, facts: fresh });
        expect(asked.matches('confirmingCrisis'), `from ${stateId(from)}`).toBe(true);
        expect(asked.context.out.some((o) => o.kind === 'message' && o.id === `safety.crisis_ask_${about}`), `from ${stateId(from)}`).toBe(true);
        const [yes] = transition(machine, asked, plain('YES'));
        expect(yes.context.out.some((o) => o.kind === 'message' && o.id === 'safety.crisis'), `yes from ${stateId(from)}`).toBe(true);
        expect(yes.matches('paused'), `yes from ${stateId(from)}`).toBe(true);
        const [no] = transition(machine, asked, plain('NO'));
        // back where the person was: the same state (the crisis question only ever sits on top of it)
        const back = stateId(from) === 'interrupted' || stateId(from) === 'paused' || stateId(from).startsWith('confirming') ? stateId(no) !== 'confirmingCrisis' : stateId(no) === stateId(from);
        expect(back, `no from ${stateId(from)} went to ${stateId(no)}`).toBe(true);
      }
    }
  });

  it('answers a question about red flags from every state without pausing or moving on', () => {
    for (const from of reached.filter((s) => s.status !== 'done')) {
      const [next] = transition(machine, from, { type: 'RED_FLAG_QUESTION', ids: ['red.bleeding'], facts: fresh });
      expect(next.context.out.some((o) => o.kind === 'item' && o.id === 'faq.red_flags'), `from ${stateId(from)}`).toBe(true);
      expect(stateId(next), `from ${stateId(from)}`).toBe(stateId(from));
    }
  });

  it('keeps exercise guidance off while paused for evaluation, whatever the user says', () => {
    const paused = reached.find((s) => s.matches({ main: 'pausedForEvaluation' }))!;
    for (const event of events.filter((e) => !['YES', 'EVALUATED', 'DELETE'].includes(e.type))) {
      const [next] = transition(machine, paused, event);
      expect(next.matches({ main: 'day' }), event.type).toBe(false);
      expect(next.context.out.some((o) => o.kind === 'exercise' || o.kind === 'step'), event.type).toBe(false);
    }
  });

  it('resumes only after the user confirms a clinician cleared them, one level easier', () => {
    let snap = initialTransition(machine)[0];
    for (const e of ['YES', 'NO', 'NO', 'NO', 'NO']) snap = transition(machine, snap, plain(e))[0];
    snap = transition(machine, snap, { type: 'TIME', hour: 8, minute: 0, facts: fresh })[0];
    snap = transition(machine, snap, { type: 'ZONE', zone: 'UTC', facts: fresh })[0];
    expect(snap.matches({ main: 'idle' })).toBe(true);
    snap = transition(machine, snap, { type: 'RED_FLAG', ids: ['red.fever'], facts: fresh })[0];
    snap = transition(machine, snap, plain('EVALUATED'))[0];
    expect(snap.matches({ main: 'confirmingClearance' })).toBe(true);
    snap = transition(machine, snap, plain('NO'))[0];
    expect(snap.matches({ main: 'pausedForEvaluation' })).toBe(true);
    snap = transition(machine, snap, plain('EVALUATED'))[0];
    snap = transition(machine, snap, plain('YES'))[0];
    expect(snap.matches({ main: 'idle' })).toBe(true);
    expect(snap.context.redFlags).toEqual([]);
  });
});
