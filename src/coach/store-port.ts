// The storage port the coach relies on; it belongs to the core. Both backends (SQLite, PostgreSQL) implement it in src/store/ with one query layer.
import type { PracticeSession } from './progression/practice.js';
import type { Effect, JobKind, Profile } from './session/session-types.js';

export interface StoredConversation {
  snapshot: unknown;
  contentVersion: string;
  /** Optimistic-concurrency counter; 0 means "not stored yet". */
  version: number;
  /** The version of the latest turn that had replies (0: none yet). */
  repliedVersion: number;
}

/** Everything one turn changes, committed in one transaction or not at all. */
export interface TurnCommit {
  key: string;
  expectedVersion: number;
  snapshot: unknown;
  contentVersion: string;
  profile: Profile;
  effects: readonly Effect[];
  /** The channel's id for the inbound message, so a redelivery is processed once. */
  inboundId?: string;
  /** The scheduled job this turn carried out: removed unless it was rescheduled meanwhile. */
  completesJob?: { kind: JobKind; dueAt: string };
  /** The turn had replies: the conversation's replied version moves to this turn (default: an outbox is given). */
  replied?: boolean;
  /**
   * The turn's replies, kept until the channel has delivered them. Absent when the caller takes the replies
   * from handleTurn's return value itself (returning them is their delivery), so nothing is kept to remove.
   */
  outbox?: { id: string; replies: unknown };
  now: string;
}

export interface DueJob { key: string; kind: JobKind; dueAt: string; attempts: number }

/** A batch of replies committed but not (wholly) delivered, claimed by this process for delivery. */
export interface PendingDelivery {
  id: string;
  key: string;
  replies: unknown;
  attempts: number;
  /** The conversation version the turn committed. */
  version: number;
  /** How many of the replies the channel already has. */
  delivered: number;
}

/** Which undelivered batches to claim. */
export interface DeliveryScope {
  now: string;
  limit: number;
  /** One conversation only. */
  key?: string;
  /** Only conversations whose key starts with one of these (the channels this process can deliver to). */
  keyPrefixes?: readonly string[];
  /** The person is asking again: also batches waiting for their next try after a failed delivery. */
  waiting?: boolean;
}

/** What a turn reads before it runs, read at once (one round trip on PostgreSQL). */
export interface TurnRead {
  /** The inbound message id was recorded by an earlier turn: this is a redelivery. */
  seen: boolean;
  conversation: StoredConversation | null;
  /** The most recent practice sessions, oldest first (none when the conversation is not stored yet). */
  practice: PracticeSession[];
}

export type CommitResult = 'committed' | 'conflict' | 'duplicate';

export interface UserExport {
  conversation: { key: string; createdAt: string; consentAt: string | null; consentVersion: string | null; timeZone: string | null; reminderTime: string | null; state: unknown } | null;
  practice: Array<PracticeSession & { createdAt: string }>;
  journal: Array<{ day: string; text: string; createdAt: string }>;
  scheduled: Array<{ kind: string; dueAt: string; status: string }>;
}

export interface Store {
  /** Everything a turn reads: the inbound check, the conversation and, when it is stored, its recent practice. */
  loadTurn(key: string, inboundId: string | undefined, practiceLimit: number): Promise<TurnRead>;
  loadConversation(key: string): Promise<StoredConversation | null>;
  /** The most recent practice sessions, oldest first. */
  recentPractice(key: string, limit: number): Promise<PracticeSession[]>;
  hasInbound(key: string, inboundId: string): Promise<boolean>;
  /** Forgets inbound message ids recorded before `before` (channels stop retrying long before); returns how many. */
  pruneInboundIds(before: string): Promise<number>;
  commitTurn(commit: TurnCommit): Promise<CommitResult>;
  /**
   * Claims batches committed but not delivered (the process stopped, or the channel failed), oldest first:
   * due for another try, or claimed by a process that is gone. A claimed batch is this process's to deliver;
   * no other process gets it while the claim holds.
   */
  claimDeliveries(scope: DeliveryScope): Promise<PendingDelivery[]>;
  /**
   * The channel has the first `count` of the batch's `total` replies; when that is all of them, the batch is
   * forgotten. False: another process took the claim over meanwhile, so stop sending.
   */
  markDelivered(outboxId: string, count: number, total: number, now: string): Promise<boolean>;
  /** A delivery failed: try again at `retryAt`, or park the replies with the error when `retryAt` is null. */
  failDelivery(outboxId: string, error: string, retryAt: string | null): Promise<void>;
  /**
   * Claims up to `limit` due jobs for `leaseMs`: while claimed, no other process gets them. A job whose
   * claimer died becomes claimable again when the lease runs out.
   */
  claimDueJobs(now: string, limit: number, leaseMs: number, keyPrefixes?: readonly string[]): Promise<DueJob[]>;
  /** A delivery failed: retry at `retryAt`, or park the job with its error when `retryAt` is null. */
  failJob(job: DueJob, error: string, retryAt: string | null): Promise<void>;
  /** Jobs of a user, for export and tests. */
  jobsOf(key: string): Promise<Array<{ kind: string; dueAt: string; status: string; lastError: string | null }>>;
  exportUser(key: string): Promise<UserExport>;
  /** Erases every row of one conversation in every table, in one transaction (the command line's delete). */
  deleteUser(key: string): Promise<void>;
  /** Every table a user's rows live in, for tests that check deletion. */
  countRows(key: string): Promise<Record<string, number>>;
  close(): Promise<void>;
}
