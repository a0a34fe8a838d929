// One turn of the conversation as a pure function: what a message (or a due job) means where the person is,
// the session events it becomes, and the machine's step through them. handleTurn does the I/O around it;
// the model tests drive this same function, so the repair rules below are covered by them.
import type { Content } from '../content/schema.js';
import type { SessionMachine } from './session/session-machine.js';
import { machineSteps, type Snapshot } from './session/machine-steps.js';
import type { Expectation, JobKind, StateMeta, TurnFacts } from './session/session-types.js';
import { toEvents, type BareEvent, type Waiting } from './to-events.js';
import type { Understanding } from './understand/understand.js';

export type { Snapshot };

export type TurnInput =
  | { kind: 'system'; job: JobKind }
  | { kind: 'opening' }
  | { kind: 'message'; understanding: Understanding };

export interface TurnOptions {
  /** True when nothing is stored for this conversation yet. */
  firstMessage: boolean;
}

/** What the state now shown waits for, and (while a clarifying question is open) the topics it offered. */
export function waitingFor(snapshot: Snapshot): Waiting {
  const metas = Object.values(snapshot.getMeta() as Record<string, StateMeta | undefined>).filter(Boolean);
  const meta = metas.at(-1);
  const clarifying = snapshot.context.clarify ?? undefined;
  if (clarifying && clarifying.length > 0) return { expects: 'choice', slot: meta?.slot, clarifying };
  return { expects: meta?.expects, slot: meta?.slot };
}

/** What the buttons under the last reply answer. */
export function expectation(snapshot: Snapshot): Expectation | undefined {
  const waiting = waitingFor(snapshot);
  // After a mis-tapped "yes" at the safety checklist, the person can say so without claiming a clearance.
  if (waiting.expects === 'cleared' && snapshot.context.last?.kind === 'safetyYes') return 'cleared_or_mistake';
  return waiting.expects;
}

/** Option names the person may answer with: the hip openers on that exercise, or the topics of a clarifying question. */
export function choiceNames(content: Content, snapshot: Snapshot): string[] {
  const clarify = snapshot.context.clarify;
  if (clarify && clarify.length > 0) {
    return clarify.map((id) => [...content.troubleshooting, ...content.faq].find((t) => t.id === id)?.title ?? id);
  }
  if (!snapshot.matches({ main: { day: 'circuit' } })) return [];
  return (content.circuit[snapshot.context.day?.circuitIndex ?? 0]?.options ?? []).map((o) => o.name);
}

/** Runs one turn through the machine and returns the snapshot after it (its context holds the replies and effects). */
export function runTurn(machine: SessionMachine, snapshot: Snapshot, input: TurnInput, facts: TurnFacts, options: TurnOptions): Snapshot {
  const steps = machineSteps(machine);
  const step = (from: Snapshot, bare: BareEvent) => steps.transition(from, { ...bare, facts } as Parameters<typeof steps.transition>[1]);
  let next = snapshot;
  // Anything the person writes means they are here: reminders go back to normal.
  if (input.kind === 'message') next = step(next, { type: 'ACTIVE' });
  // A new local day closes yesterday's unfinished session (its ratings are already stored) before the message is read,
  // so "start" the next evening is not taken as yesterday's journal line.
  if (next.context.day && next.context.day.date !== facts.today) next = step(next, { type: 'NEW_DAY' });
  const waiting = waitingFor(next);
  let events: BareEvent[] = input.kind === 'system' ? [{ type: 'SCHEDULED', job: input.job }]
    : input.kind === 'opening' ? [{ type: 'OPEN' }]
      : toEvents(input.understanding, waiting.expects, waiting);
  // A first message only opens the conversation (the welcome asks for consent), unless it needs help at once.
  if (options.firstMessage) events = events.filter((e) => e.type === 'CRISIS' || e.type === 'RED_FLAG');
  for (const bare of events) next = step(next, bare);
  // A message the current step has no use for still gets an answer: one short line and the buttons.
  if (input.kind !== 'system' && next.context.out.length === 0) next = step(next, { type: 'UNKNOWN' });
  return next;
}
