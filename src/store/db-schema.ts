// Table types for the query layer (Kysely), shared by the SQLite and PostgreSQL backends.
import type { Generated } from 'kysely';

export interface ConversationsTable {
  key: string;
  /** The session machine's persisted snapshot, JSON. */
  snapshot: string;
  content_version: string;
  /** Bumped by every committed turn: a turn that read an older version is retried, never merged blindly. */
  version: number;
  consent_at: string | null;
  consent_version: string | null;
  time_zone: string | null;
  reminder_time: string | null;
  created_at: string;
  updated_at: string;
  /** The version of the latest turn that had replies (0: none yet). */
  replied_version: Generated<number>;
}

export interface PracticeLogTable {
  id: Generated<number>;
  conversation_key: string;
  session_key: string;
  day: string;
  step: number;
  dilator_size: number | null;
  pain_during: number | null;
  pain_after: number | null;
  pain_next_day: number | null;
  created_at: string;
}

export interface JournalTable {
  id: Generated<number>;
  conversation_key: string;
  day: string;
  text: string;
  created_at: string;
}

export interface InboundIdsTable {
  conversation_key: string;
  inbound_id: string;
  created_at: string;
}

export interface OutboxTable {
  id: string;
  conversation_key: string;
  /** BotReply[] as JSON. */
  replies: string;
  created_at: string;
  status: 'pending' | 'parked';
  attempts: number;
  /** While claimed: the end of the claim's lease. Unclaimed: when the next try is due. */
  next_attempt_at: string;
  last_error: string | null;
  /** The conversation version the turn committed; a newer version means the conversation moved on. */
  version: Generated<number>;
  /** How many of the replies the channel has taken (a cut batch resumes after them). */
  delivered: Generated<number>;
  /** The process delivering the batch (see claimer-liveness.ts), or null when nobody is. */
  claimed_by: string | null;
}

export interface JobsTable {
  conversation_key: string;
  kind: string;
  /** ISO instant; ISO strings sort in time order on both backends. */
  due_at: string;
  status: 'pending' | 'parked';
  attempts: number;
  claimed_until: string | null;
  last_error: string | null;
  /** The process running the job while claimed (see claimer-liveness.ts). */
  claimed_by: string | null;
}

export interface ConversationRefsTable {
  conversation_key: string;
  /** Which channel adapter wrote it (e.g. "botframework"). */
  channel: string;
  /** The channel's conversation reference, JSON (ids and service URL; no names). */
  reference: string;
  updated_at: string;
}

/** A verified LLM rephrase of a scripted text (or a remembered refusal), shared by all users. */
export interface RephraseCacheTable {
  content_id: string;
  content_version: string;
  tone: string;
  locale: string;
  /** Hash of the scripted text that was rephrased. */
  source_hash: string;
  /** Several variants per text, for variety; the rephraser picks a slot. */
  slot: number;
  /** The verified rephrase; null when the verifier refused the model's answer. */
  text: string | null;
  rejected_reason: string | null;
  model: string;
  created_at: string;
}

/** A browser's claim on a local web chat conversation: a hash of the secret in its HttpOnly cookie. */
export interface WebBrowsersTable {
  conversation_key: string;
  secret_hash: string;
  created_at: string;
}

/** The local web chat's transcript, for a page reloaded or reopened (bounded per conversation). */
export interface WebActivitiesTable {
  conversation_key: string;
  seq: number;
  activity: string;
  created_at: string;
}

export interface Database {
  conversations: ConversationsTable;
  practice_log: PracticeLogTable;
  journal: JournalTable;
  inbound_ids: InboundIdsTable;
  outbox: OutboxTable;
  jobs: JobsTable;
  conversation_refs: ConversationRefsTable;
  rephrase_cache: RephraseCacheTable;
  web_browsers: WebBrowsersTable;
  web_activities: WebActivitiesTable;
}
