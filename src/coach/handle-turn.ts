// The one door every channel uses: a user's message in, the coach's replies out, the record committed in between.
import { randomUUID } from 'node:crypto';
import { renderMessage } from '../content/render-message.js';
import type { Content } from '../content/schema.js';
import type { PendingDelivery, Store, StoredConversation } from './store-port.js';
import { CoachError, errorLabel } from '../errors.js';
import type { BotReply } from './bot-reply.js';
import { ConversationLock } from './conversation-lock.js';
import { localDay } from './local-time.js';
import { planRedelivery } from './redelivery-plan.js';
import { renderReplies } from './render-replies.js';
import { applyRephraser, type Rephraser } from './rephraser.js';
import { fitLevel, ladderOf } from './progression/levels.js';
import { createSessionMachine, emptyContext, type SessionMachine } from './session/session-machine.js';
import { machineSteps } from './session/machine-steps.js';
import type { SessionContext, TurnFacts } from './session/session-types.js';
import { choiceNames, expectation, runTurn, type Snapshot } from './turn-policy.js';
import { understand } from './understand/understand.js';
import { raiseWithSecondOpinion, type SafetySecondOpinion } from './safety-second-opinion.js';
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
  /** Optional LLM second opinion on messages the safety rules found safe; it can only raise to a kind question. */
  safetyCheck?: SafetySecondOpinion;
  /** Told about a turn that failed (never with message contents). */
  onError?: (error: unknown) => void;
}

/** Hands replies to the user; the outbox row is dropped only after it resolves. */
export type Deliver = (conversationKey: string, replies: BotReply[]) => Promise<void>;

export interface Coach {
  /**
   * Runs one turn. With `deliver`, the committed replies are delivered through it and then forgotten;
   * without it, returning them counts as delivery (the caller sends them in its response), so they are
   * not kept in the outbox at all.
   */
  handleTurn(conversationKey: string, event: UserEvent, deliver?: Deliver): Promise<BotReply[]>;
  /**
   * Delivers replies that were committed but not delivered (the process stopped, or the channel failed),
   * claiming each batch so no other process sends it too. `immediately`: also batches waiting for their
   * next try. Returns how many batches were finished.
   */
  redeliver(deliver: Deliver, scope?: { key?: string; keyPrefixes?: readonly string[]; immediately?: boolean }): Promise<number>;
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

  /** Understanding, safety first; a failed safety check is reported (never the text) and treated as "ask". */
  async function readMessage(text: string, snapshot: Snapshot) {
    const u = understand(text, content, { choiceNames: choiceNames(content, snapshot) });
    if (u.safetyFailed) onError(new CoachError('safety_check_failed', 'the safety check failed on a message; the coach asks instead'));
    return raiseWithSecondOpinion(u, options.safetyCheck);
  }

  async function attempt(key: string, event: UserEvent, keep: boolean): Promise<{ replies: BotReply[]; outboxId?: string; version?: number; duplicate?: true } | 'conflict'> {
    const read = await store.loadTurn(key, event.inboundId, PRACTICE_LOOKBACK);
    if (read.seen) return { replies: [], duplicate: true };
    const stored = read.conversation;
    const now = clock();
    let snapshot = stored ? restore(machine, content, stored.snapshot, stored.contentVersion !== content.version) : machineSteps(machine).initial();
    const facts: TurnFacts = {
      now: now.toISOString(),
      today: localDay(now, snapshot.context.profile.timeZone ?? defaultZone),
      log: read.practice,
      contentVersion: content.version,
    };

    const input = event.system ? { kind: 'system' as const, job: event.system.job }
      : event.opening ? { kind: 'opening' as const }
        : { kind: 'message' as const, understanding: await readMessage(event.text, snapshot) };
    snapshot = runTurn(machine, snapshot, input, facts, { firstMessage: !stored });

    const { out, effects, progress } = snapshot.context;
    const scripted = await renderReplies(content, out, {
      progress, practice: facts.log, today: facts.today, timeZone: snapshot.context.profile.timeZone, loadExport: () => store.exportUser(key),
    }, expectation(snapshot), choiceNames(content, snapshot));
    const replies = await applyRephraser(options.rephraser, scripted);

    const persisted = machine.getPersistedSnapshot(snapshot) as unknown as { context: SessionContext };
    persisted.context = { ...persisted.context, out: [], effects: [] };
    // Replies a channel will deliver are kept until it has; replies the caller takes from the return value are delivered by it.
    const outboxId = replies.length > 0 && keep ? randomUUID() : undefined;
    const result = await store.commitTurn({
      key, expectedVersion: stored?.version ?? 0, snapshot: persisted, contentVersion: content.version,
      profile: snapshot.context.profile, effects, inboundId: event.inboundId, now: facts.now,
      replied: replies.length > 0, outbox: outboxId ? { id: outboxId, replies } : undefined,
      completesJob: event.system && { kind: event.system.job, dueAt: event.system.dueAt },
    });
    if (result === 'conflict') return 'conflict';
    return result === 'duplicate' ? { replies: [], duplicate: true } : { replies, outboxId, version: (stored?.version ?? 0) + 1 };
  }

  /**
   * Hands a claimed batch to the channel one reply at a time, recording each as delivered, so a batch cut
   * short resumes at the first missing reply. A batch met again later (`fresh` false) is checked against
   * where its conversation is now (redelivery-plan.ts). On failure the rest stays in the outbox, retried
   * with backoff, then parked. True when the batch is finished.
   */
  async function deliverBatch(batch: PendingDelivery, deliver: Deliver, fresh: boolean): Promise<boolean> {
    const replies = batch.replies as BotReply[];
    const conversation = fresh ? null : await store.loadConversation(batch.key);
    const plan = planRedelivery({ replies, delivered: batch.delivered, version: batch.version }, conversation);
    try {
      for (const { reply, deliveredAfter } of plan.send) {
        await deliver(batch.key, [reply]);
        if (deliveredAfter < replies.length && !(await store.markDelivered(batch.id, deliveredAfter, replies.length, clock().toISOString()))) return false;
      }
      if (plan.currentPrompt && conversation) {
        const prompt = await currentPrompt(batch.key, conversation);
        if (prompt.length) await deliver(batch.key, prompt);
      }
      await store.markDelivered(batch.id, replies.length, replies.length, clock().toISOString());
      return true;
    } catch (error) {
      onError(error);
      const delay = DELIVERY_BACKOFF_MS[batch.attempts];
      await store.failDelivery(batch.id, errorLabel(error), delay === undefined ? null : new Date(clock().getTime() + delay).toISOString());
      return false;
    }
  }

  /** The question the conversation is waiting on now, with its buttons (none when it waits on nothing). */
  async function currentPrompt(key: string, stored: StoredConversation): Promise<BotReply[]> {
    const snapshot = restore(machine, content, stored.snapshot, stored.contentVersion !== content.version);
    const today = localDay(clock(), snapshot.context.profile.timeZone ?? defaultZone);
    return renderReplies(content, snapshot.context.prompt, {
      progress: snapshot.context.progress, practice: await store.recentPractice(key, PRACTICE_LOOKBACK), today, timeZone: snapshot.context.profile.timeZone, loadExport: () => store.exportUser(key),
    }, expectation(snapshot), choiceNames(content, snapshot));
  }

  /** Claims and delivers the undelivered batches in scope, oldest first; the caller holds the lock when scoped to one key. */
  async function redeliverClaimed(deliver: Deliver, scope: { key?: string; keyPrefixes?: readonly string[]; immediately?: boolean }, locked: boolean): Promise<number> {
    const batches = await store.claimDeliveries({ now: clock().toISOString(), limit: 1000, key: scope.key, keyPrefixes: scope.keyPrefixes, waiting: scope.immediately });
    let finished = 0;
    for (const batch of batches) {
      const done = locked ? await deliverBatch(batch, deliver, false) : await lock.run(batch.key, () => deliverBatch(batch, deliver, false));
      if (done) finished += 1;
    }
    return finished;
  }

  return {
    async handleTurn(key, event, deliver) {
      return lock.run(key, async () => {
        try {
          for (let i = 0; i < MAX_ATTEMPTS; i += 1) {
            const turn = await attempt(key, event, deliver !== undefined);
            if (turn === 'conflict') continue;
            if (turn.duplicate) {
              // Seen before. If its turn committed but the replies never arrived (a crash in between), they go now.
              if (deliver) {
                await redeliverClaimed(deliver, { key, immediately: true }, true);
                return [];
              }
              const again: BotReply[] = [];
              await redeliverClaimed(async (_key, replies) => { again.push(...replies); }, { key, immediately: true }, true);
              return again;
            }
            if (turn.outboxId && deliver) {
              await deliverBatch({ id: turn.outboxId, key, replies: turn.replies, attempts: 0, version: turn.version!, delivered: 0 }, deliver, true);
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
      return redeliverClaimed(deliver, scope, false);
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
      return machineSteps(machine).restore(stored);
    } catch {
      // An unreadable snapshot falls back to the safe point below rather than blocking the user.
    }
  }
  const context = (stored as { context?: SessionContext }).context;
  const progress = context?.progress;
  if (!context || !progress) return machineSteps(machine).initial();
  const { step, dilatorSize } = fitLevel(progress, ladderOf(content));
  const value = (stored as { value?: unknown }).value;
  const paused = JSON.stringify(value ?? '').includes('pausedForEvaluation');
  return machine.resolveState({
    // A pause for evaluation survives a content change: safety never resets by accident.
    value: { main: paused ? 'pausedForEvaluation' : 'idle' },
    context: { ...emptyContext(), ...context, progress: { ...progress, step, dilatorSize }, day: null, out: [], effects: [], prompt: [] },
  });
}
