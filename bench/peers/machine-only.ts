// Peer for the in-process turn: the same understanding and machine step, with no storage at all.
import { initialTransition, transition } from 'xstate';
import { createSessionMachine } from '../../src/coach/session/session-machine.js';
import type { Content } from '../../src/content/schema.js';
import { toEvents } from '../../src/coach/to-events.js';
import { understand } from '../../src/coach/understand/understand.js';

export function createMachineOnlyPeer(content: Content) {
  const machine = createSessionMachine(content);
  const snapshots = new Map<string, ReturnType<typeof initialTransition<typeof machine>>[0]>();
  return (key: string, text: string, now: Date) => {
    let snapshot = snapshots.get(key) ?? initialTransition(machine)[0];
    const facts = { now: now.toISOString(), today: now.toISOString().slice(0, 10), log: [], contentVersion: content.version };
    for (const event of toEvents(understand(text, content), undefined)) {
      snapshot = transition(machine, snapshot, { ...event, facts } as never)[0];
    }
    snapshots.set(key, { ...snapshot, context: { ...snapshot.context, out: [], effects: [] } } as typeof snapshot);
  };
}
