// The session machine's pure steps: the first snapshot, a restored one, and one transition. xstate's own
// helpers (transition, initialTransition, createActor(...).getSnapshot()) build a throwaway actor, and with
// it the machine's whole initial state, on every call; the machine invokes and spawns nothing and a turn
// never runs deferred actions, so one inert scope per machine serves every call with the same result.
import { createActor, type ActorScope, type EventFromLogic } from 'xstate';
import type { SessionMachine } from './session-machine.js';

export type Snapshot = ReturnType<SessionMachine['getInitialSnapshot']>;

export interface MachineSteps {
  initial(): Snapshot;
  /** A persisted snapshot brought back to life (throws when it does not fit the machine). */
  restore(persisted: unknown): Snapshot;
  transition(from: Snapshot, event: EventFromLogic<SessionMachine>): Snapshot;
}

const cache = new WeakMap<SessionMachine, MachineSteps>();

export function machineSteps(machine: SessionMachine): MachineSteps {
  const hit = cache.get(machine);
  if (hit) return hit;
  const self = createActor(machine);
  // Actions a step would hand to a running actor are dropped, as xstate's pure transition() drops them.
  const scope = {
    self, system: self.system, id: '', sessionId: '', logger: () => {}, defer: () => {}, emit: () => {}, stopChild: () => {}, actionExecutor: () => {},
  } as unknown as ActorScope<Snapshot, EventFromLogic<SessionMachine>>;
  const steps: MachineSteps = {
    initial: () => machine.getInitialSnapshot(scope as never),
    restore: (persisted) => machine.restoreSnapshot(persisted as never, scope as never) as Snapshot,
    transition: (from, event) => machine.transition(from, event, scope as never),
  };
  cache.set(machine, steps);
  return steps;
}
