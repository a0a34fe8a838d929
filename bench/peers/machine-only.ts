// Peer for the in-process turn: the same understanding and machine step (runTurn, as handleTurn runs it), with no storage at all.
import { createSessionMachine } from '../../src/coach/session/session-machine.js';
import { machineSteps, type Snapshot } from '../../src/coach/session/machine-steps.js';
import type { Content } from '../../src/content/schema.js';
import { choiceNames, runTurn } from '../../src/coach/turn-policy.js';
import { understand } from '../../src/coach/understand/understand.js';

export function createMachineOnlyPeer(content: Content) {
  const machine = createSessionMachine(content);
  const steps = machineSteps(machine);
  const snapshots = new Map<string, Snapshot>();
  return (key: string, text: string, now: Date) => {
    const stored = snapshots.get(key);
    const snapshot = stored ?? steps.initial();
    const facts = { now: now.toISOString(), today: now.toISOString().slice(0, 10), log: [], contentVersion: content.version };
    const understanding = understand(text, content, { choiceNames: choiceNames(content, snapshot) });
    const next = runTurn(machine, snapshot, { kind: 'message', understanding }, facts, { firstMessage: !stored });
    snapshots.set(key, { ...next, context: { ...next.context, out: [], effects: [] } } as Snapshot);
  };
}
