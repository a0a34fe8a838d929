// The one door every channel uses: a user's message in, the coach's replies out, the record committed in between.
import { randomUUID } from 'node:crypto';
import { createActor, initialTransition } from 'xstate';
import { renderMessage } from '../content/render-message.js';
import type { Content } from '../content/schema.js';
import type { PendingDelivery, Store } from './store-port.js';
import { CoachError, errorLabel } from '../errors.js';
import type { BotReply } from './bot-reply.js';
import { ConversationLock } from './conversation-lock.js';
import { localDay } from './local-time.js';
import { renderReplies } from './render-replies.js';
import { applyRephraser, type Rephraser } from './rephraser.js';
import { createSessionMachine, emptyContext, type SessionMachine } from './session/session-machine.js';
import type { SessionContext, TurnFacts } from './session/session-types.js';
import { choiceNames, expectation, runTurn, type Snapshot } from './turn-policy.js';
import { understand } from './understand/understand.js';
import type { UserEvent } from './user-event.js';

export interface CoachOptions {
  content: Content;
  store: Store;
  /** The clock; tests and scripted journeys move it. */
  now?: () => Date;
  /** Time zone used until the user has told us theirs. */
  defaultTimeZone?: string;
  /** Optional LLM voice for rephrasable replies (off by default). */
  rephraser?: Rephraser;
  /** Told about a turn that failed (never with message contents). */
  onError?: (error: unknown) => void;
}

/** Hands replies to the user; the outbox row is dropped only after it resolves. */
export type Deliver = (conversationKey: string, replies: BotReply[]) => Promise<void>;

export interface Coach {
  /**
   * Runs one turn. With `deliver`, the committed replies are delivered through it and then forgotten;
   * without it, returning them counts as delivery (the caller sends them in its response).
   */
  handleTurn(conversationKey: string, event: UserEvent, deliver?: Deliver): Promise<BotReply[]>;
  /** Delivers replies that were committed but not delivered (the process stopped, or the channel failed). */
  redeliver(deliver: Deliver, scope?: { key?: string; immediately?: boolean }): Promise<number>;
}

/** How many practice sessions the rules look back over (1-3 a day: several weeks). */
const PRACTICE_LOOKBACK = 60;
/** Waits before the 1st, 2nd, ... retry of a failed delivery; after the last, the replies are parked. */
const DELIVERY_BACKOFF_MS = [10_000, 60_000, 300_000, 1_800_000];
/** A turn that lost a race with another process is re-run on the fresh state this many times. */
const MAX_ATTEMPTS = 8;

export function createCoach(options: CoachOptions): Coach {
  const { content, store } = options;
  const machine = createSessionMachine(content);
  const lock = new ConversationLock();
  const clock = options.now ?? (() => new Date());
  const defaultZone = options.defaultTimeZone ?? 'UTC';
  const onError = options.onError ?? (() => {});

  async function attempt(key: string, event: UserEvent): Promise<{ replies: BotReply[]; outboxId?: string } | 'conflict'> {
    if (event.inboundId && (await store.hasInbound(key, event.inboundId))) return { replies: [] };
    const stored = await store.loadConversation(key);
    const now = clock();
    let snapshot = stored ? restore(machine, content, stored.snapshot, stored.contentVersion !== content.version) : initialTransition(machine)[0];
    const facts: TurnFacts = {
      now: now.toISOString(),
      today: localDay(now, snapshot.context.profile.timeZone ?? defaultZone),
      log: stored ? await store.recentPractice(key, PRACTICE_LOOKBACK) : [],
      contentVersion: content.version,
    };

    const input = event.system ? { kind: 'system' as const, job: event.system.job }
      : event.opening ? { kind: 'opening' as const }
        : { kind: 'message' as const, understanding: understand(event.text, content, { choiceNames: choiceNames(content, snapshot) }) };
    snapshot = runTurn(machine, snapshot, input, facts, { firstMessage: !stored });

    const { out, effects, progress } = snapshot.context;
    const scripted = await renderReplies(content, out, {
      progress, practice: facts.log, today: facts.today, timeZone: snapshot.context.profile.timeZone, loadExport: () => store.exportUser(key),
    }, expectation(snapshot), choiceNames(content, snapshot));
    const replies = await applyRephraser(options.rephraser, scripted);

    const persisted = machine.getPersistedSnapshot(snapshot) as unknown as { context: SessionContext };
    persisted.context = { ...persisted.context, out: [], effects: [] };
    const outboxId = replies.length > 0 ? randomUUID() : undefined;
    const result = await store.commitTurn({
      key, expectedVersion: stored?.version ?? 0, snapshot: persisted, contentVersion: content.version,
      profile: snapshot.context.profile, effects, inboundId: event.inboundId, now: facts.now,
      outbox: outboxId ? { id: outboxId, replies } : undefined,
      completesJob: event.system && { kind: event.system.job, dueAt: event.system.dueAt },
    });
    if (result === 'conflict') return 'conflict';
    return result === 'duplicate' ? { replies: [] } : { replies, outboxId };
  }

  /** Hands committed replies to the channel; on failure they stay in the outbox, retried with backoff, then parked. */
  async function deliverFromOutbox(pending: PendingDelivery, deliver: Deliver): Promise<boolean> {
    try {
      await deliver(pending.key, pending.replies as BotReply[]);
      await store.markDelivered(pending.id);
      return true;
    } catch (error) {
      onError(error);
      const delay = DELIVERY_BACKOFF_MS[pending.attempts];
      await store.failDelivery(pending.id, errorLabel(error), delay === undefined ? null : new Date(clock().getTime() + delay).toISOString());
      return false;
    }
  }

  return {
    async handleTurn(key, event, deliver) {
      return lock.run(key, async () => {
        try {
          for (let i = 0; i < MAX_ATTEMPTS; i += 1) {
            const turn = await attempt(key, event);
            if (turn === 'conflict') continue;
            if (turn.outboxId) {
              if (deliver) await deliverFromOutbox({ id: turn.outboxId, key, replies: turn.replies, attempts: 0 }, deliver);
              else await store.markDelivered(turn.outboxId);
            }
            return turn.replies;
          }
          throw new CoachError('store_conflict', `turn for one conversation lost ${MAX_ATTEMPTS} races in a row`);
        } catch (error) {
          // A scheduled job is retried by the scheduler; a person gets a kind word and can send again.
          if (event.system) throw error;
          // Nothing was committed: the user can simply send the message again.
          onError(error);
        }
        const sorry = renderMessage(content, 'error.save_failed');
        const replies = [{ text: sorry.text, contentIds: [sorry.id], rephrasable: false }];
        if (deliver) await deliver(key, replies).catch(onError);
        return replies;
      });
    },

    async redeliver(deliver, scope = {}) {
      // On start-up, the only process serving a conversation need not wait for the crashed turn's lease.
      const now = scope.immediately ? '9999-12-31T23:59:59.999Z' : clock().toISOString();
      let delivered = 0;
      for (const pending of await store.pendingDeliveries(now, 1000, scope.key)) {
        if (await lock.run(pending.key, () => deliverFromOutbox(pending, deliver))) delivered += 1;
      }
      return delivered;
    },
  };
}


/**
 * Restores a stored snapshot. After a content change, a user mid-session is brought back to the start of
 * their day (idle) with their program position kept, because the session's place may no longer exist;
 * a position beyond the new program (a step or size removed) is moved to the nearest one that exists.
 */
function restore(machine: SessionMachine, content: Content, stored: unknown, contentChanged: boolean): Snapshot {
  if (!contentChanged) {
    try {
      return createActor(machine, { snapshot: stored as never }).getSnapshot();
    } catch {
      // An unreadable snapshot falls back to the safe point below rather than blocking the user.
    }
  }
  const context = (stored as { context?: SessionContext }).context;
  const progress = context?.progress;
  if (!context || !progress) return initialTransition(machine)[0];
  const step = Math.min(Math.max(1, progress.step), content.steps.length);
  const usesDilator = content.steps.find((s) => s.number === step)?.uses_dilator ?? false;
  const dilatorSize = usesDilator ? Math.min(progress.dilatorSize ?? 1, content.parameters.dilator.sizes) : null;
  const value = (stored as { value?: unknown }).value;
  const paused = JSON.stringify(value ?? '').includes('pausedForEvaluation');
  return machine.resolveState({
    // A pause for evaluation survives a content change: safety never resets by accident.
    value: { main: paused ? 'pausedForEvaluation' : 'idle' },
    context: { ...emptyContext(), ...context, progress: { ...progress, step, dilatorSize }, day: null, out: [], effects: [], prompt: [] },
  });
}
