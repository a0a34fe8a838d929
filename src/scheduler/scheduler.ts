// Runs what comes due: claims due jobs and carries each out through the coach's one door (handleTurn),
// under the conversation's lock, so a reminder never races the user's own message.
import type { Coach, Deliver } from '../coach/handle-turn.js';
import type { DueJob, Store } from '../coach/store-port.js';
import { errorLabel } from '../errors.js';

/**
 * How long an inbound message id is kept to recognise a redelivery. Channels retry within minutes to hours
 * (Slack for about an hour); a scripted terminal run re-run with the same --run-id within this time skips
 * the lines already taken.
 */
export const INBOUND_RETENTION_MS = 30 * 24 * 3_600_000;
const PRUNE_EVERY_MS = 3_600_000;

/** Waits before the 1st, 2nd, ... retry of a job whose turn failed; after the last it is parked. */
const JOB_BACKOFF_MS = [60_000, 300_000, 1_800_000];

export interface SchedulerOptions {
  store: Store;
  coach: Coach;
  /** Sends proactive replies on the user's channel. */
  deliver: Deliver;
  now?: () => Date;
  batchSize?: number;
  /** How long a claim holds; a process that dies mid-batch frees its jobs when this runs out. */
  leaseMs?: number;
  /**
   * Jobs carried out at the same time (different conversations). Their reads and commits reach the store
   * together and share transactions (SQLite) and round trips (PostgreSQL), so more at once is cheaper per job
   * (64: a send-out about 15% faster on SQLite, 30% on PostgreSQL); but as many replies are in flight when a
   * process dies, and a reply the channel took just before cannot be known to have arrived (the kill -9 test
   * saw 43-80 such at 64, 6-22 at 16). Hence 16.
   */
  concurrency?: number;
  onError?: (error: unknown) => void;
  /** Only conversations whose key starts with one of these: the channels this process can deliver to. */
  keyPrefixes?: readonly string[];
}

export interface Scheduler {
  /** Claims and carries out due jobs until none are left; returns how many were carried out. */
  drain(): Promise<number>;
  /** Polls every `intervalMs` until stopped; also retries undelivered replies. */
  start(intervalMs?: number): void;
  stop(): Promise<void>;
}

export function createScheduler(options: SchedulerOptions): Scheduler {
  const { store, coach, deliver } = options;
  const now = options.now ?? (() => new Date());
  const batchSize = options.batchSize ?? 200;
  const leaseMs = options.leaseMs ?? 120_000;
  const concurrency = options.concurrency ?? 16;
  const onError = options.onError ?? (() => {});
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();

  async function carryOut(job: DueJob): Promise<void> {
    try {
      await coach.handleTurn(job.key, { text: '', system: { job: job.kind, dueAt: job.dueAt } }, deliver);
    } catch (error) {
      onError(error);
      const delay = JOB_BACKOFF_MS[job.attempts - 1];
      await store.failJob(job, errorLabel(error), delay === undefined ? null : new Date(now().getTime() + delay).toISOString()).catch(onError);
    }
  }

  /** Old inbound ids are forgotten once an hour (the first tick included). */
  let prunedAt = -Infinity;
  async function pruneIfDue(): Promise<void> {
    const at = now().getTime();
    if (at - prunedAt < PRUNE_EVERY_MS) return;
    prunedAt = at;
    await store.pruneInboundIds(new Date(at - INBOUND_RETENTION_MS).toISOString());
  }

  async function drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const jobs = await store.claimDueJobs(now().toISOString(), batchSize, leaseMs, options.keyPrefixes);
      if (jobs.length === 0) return total;
      let next = 0;
      await Promise.all(Array.from({ length: Math.min(concurrency, jobs.length) }, async () => {
        while (next < jobs.length) await carryOut(jobs[next++]!);
      }));
      total += jobs.length;
    }
  }

  return {
    drain,
    start(intervalMs = 15_000) {
      const tick = () => {
        running = running.then(() => drain()).then(() => coach.redeliver(deliver, { keyPrefixes: options.keyPrefixes })).then(pruneIfDue).catch(onError);
      };
      tick();
      timer = setInterval(tick, intervalMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      await running;
    },
  };
}
