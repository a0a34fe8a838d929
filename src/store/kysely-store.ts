// The Store over Kysely: one set of queries for SQLite and PostgreSQL.
import { Migrator, sql, type Kysely, type Transaction } from 'kysely';
import type { PracticeSession } from '../coach/progression/practice.js';
import type { Effect } from '../coach/session/session-types.js';
import type { CommitResult, DeliveryScope, DueJob, PendingDelivery, Store, StoredConversation, TurnCommit, TurnRead, UserExport } from '../coach/store-port.js';
import { kyselyConversationRefs, type ConversationRefs } from './conversation-refs.js';
import { kyselyWebTranscripts, type WebTranscripts } from './web-transcripts.js';
import { CoachError } from '../errors.js';
import type { Database } from './db-schema.js';
import { plainText, type FieldCipher } from './field-cipher.js';
import { migrationProvider, type Dialect } from './migrations.js';
import { KyselyRephraseCache } from './rephrase-cache.js';
import { localLiveness, type ClaimerLiveness } from './claimer-liveness.js';
import type { JobKind } from '../coach/session/session-types.js';

const userTables = ['conversations', 'practice_log', 'journal', 'inbound_ids', 'outbox', 'jobs', 'conversation_refs', 'web_browsers', 'web_activities'] as const;
const keyColumn = (table: (typeof userTables)[number]) => (table === 'conversations' ? 'key' : 'conversation_key');

/**
 * How long a claim on a reply batch holds without news from its process (each delivered reply renews it).
 * A claimer known to be dead loses its claims at once; this lease only matters when that cannot be known.
 */
const DELIVERY_LEASE_MS = 60_000;

/** Every row of one conversation, in every table, within the caller's transaction. */
async function deleteEverything(tx: Transaction<Database>, key: string): Promise<void> {
  for (const table of userTables) await tx.deleteFrom(table).where(keyColumn(table), '=', key).execute();
}

/** Inbound ids deleted per statement when pruning. */
const PRUNE_SLICE = 5000;

/** Raised inside a transaction to roll it back with a result. */
class Abort extends Error { constructor(readonly result: CommitResult) { super(result); } }

/**
 * Brings the schema up to date. On PostgreSQL Kysely holds an advisory lock while migrating, so processes
 * starting together take turns; on SQLite the caller holds the file's write lock around it (migrateSqlite).
 */
export async function migrate(db: Kysely<Database>, dialect: Dialect): Promise<void> {
  const { error, results } = await new Migrator({ db, provider: migrationProvider(dialect) }).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new CoachError('store_unavailable', `migration ${failed} failed: ${(error as Error).message}`, error);
  }
}

export class KyselyStore implements Store {
  constructor(
    protected readonly db: Kysely<Database>,
    protected readonly isUniqueViolation: (e: unknown) => boolean,
    protected readonly cipher: FieldCipher = plainText,
    protected readonly dialect: Dialect = 'sqlite',
    protected readonly liveness: ClaimerLiveness = localLiveness(),
  ) {
    this.refs = kyselyConversationRefs(db);
    this.webTranscripts = kyselyWebTranscripts(db, cipher);
    this.rephraseCache = new KyselyRephraseCache(db);
  }

  /** Where channels keep how to reach a conversation again (proactive messages), in the same database. */
  readonly refs: ConversationRefs;
  /** The local web page's browser claims and transcripts (text encrypted like the journal). */
  readonly webTranscripts: WebTranscripts;
  /** The optional LLM voice's cache of verified rephrases, on the store's own connection. */
  readonly rephraseCache: KyselyRephraseCache;

  /** The query layer, for tests that look at tables directly. */
  get kysely(): Kysely<Database> {
    return this.db;
  }

  async loadTurn(key: string, inboundId: string | undefined, practiceLimit: number): Promise<TurnRead> {
    if (inboundId && (await this.hasInbound(key, inboundId))) return { seen: true, conversation: null, practice: [] };
    const conversation = await this.loadConversation(key);
    return { seen: false, conversation, practice: conversation ? await this.recentPractice(key, practiceLimit) : [] };
  }

  async loadConversation(key: string): Promise<StoredConversation | null> {
    const row = await this.db.selectFrom('conversations').select(['snapshot', 'content_version', 'version', 'replied_version'])
      .where('key', '=', key).executeTakeFirst();
    return row ? {
      snapshot: JSON.parse(row.snapshot), contentVersion: row.content_version, version: Number(row.version), repliedVersion: Number(row.replied_version),
    } : null;
  }

  async recentPractice(key: string, limit: number): Promise<PracticeSession[]> {
    const rows = await this.db.selectFrom('practice_log').selectAll().where('conversation_key', '=', key)
      .orderBy('day', 'desc').orderBy('id', 'desc').limit(limit).execute();
    return rows.reverse().map(toSession);
  }

  async hasInbound(key: string, inboundId: string): Promise<boolean> {
    const row = await this.db.selectFrom('inbound_ids').select('inbound_id')
      .where('conversation_key', '=', key).where('inbound_id', '=', inboundId).executeTakeFirst();
    return row !== undefined;
  }

  async pruneInboundIds(before: string): Promise<number> {
    let pruned = 0;
    // In slices, so a large backlog never holds the write lock for long.
    for (;;) {
      const slice = this.db.selectFrom('inbound_ids').select(['conversation_key', 'inbound_id']).where('created_at', '<', before).limit(PRUNE_SLICE);
      const result = await this.db.deleteFrom('inbound_ids')
        .where((eb) => eb(eb.refTuple('conversation_key', 'inbound_id'), 'in', slice.$asTuple('conversation_key', 'inbound_id'))).executeTakeFirst();
      const n = Number(result.numDeletedRows);
      pruned += n;
      if (n < PRUNE_SLICE) return pruned;
    }
  }

  async commitTurn(commit: TurnCommit): Promise<CommitResult> {
    try {
      await this.db.transaction().execute(async (tx) => {
        if (commit.inboundId) await this.recordInbound(tx, commit);
        await this.saveConversation(tx, commit);
        if (commit.completesJob) {
          await tx.deleteFrom('jobs').where('conversation_key', '=', commit.key)
            .where('kind', '=', commit.completesJob.kind).where('due_at', '=', commit.completesJob.dueAt).execute();
        }
        for (const effect of commit.effects) await this.apply(tx, commit, effect);
        if (commit.outbox) {
          // Claimed by this process from the start: the turn delivers its own replies right after the commit.
          await tx.insertInto('outbox').values({
            id: commit.outbox.id, conversation_key: commit.key, replies: this.cipher.encrypt(JSON.stringify(commit.outbox.replies)), created_at: commit.now,
            status: 'pending', attempts: 0, last_error: null, version: commit.expectedVersion + 1, delivered: 0, claimed_by: this.liveness.id,
            next_attempt_at: leaseEnd(commit.now),
          }).execute();
        }
      });
      if (commit.effects.some((e) => e.kind === 'deleteUser')) await this.scrubAfterDeletion();
      return 'committed';
    } catch (error) {
      if (error instanceof Abort) return error.result;
      throw error;
    }
  }

  private async recordInbound(tx: Transaction<Database>, commit: TurnCommit): Promise<void> {
    try {
      await tx.insertInto('inbound_ids').values({ conversation_key: commit.key, inbound_id: commit.inboundId!, created_at: commit.now }).execute();
    } catch (error) {
      if (this.isUniqueViolation(error)) throw new Abort('duplicate');
      throw error;
    }
  }

  private async saveConversation(tx: Transaction<Database>, commit: TurnCommit): Promise<void> {
    const { profile } = commit;
    const values = {
      snapshot: JSON.stringify(commit.snapshot), content_version: commit.contentVersion, version: commit.expectedVersion + 1,
      ...(repliedTo(commit) ? { replied_version: commit.expectedVersion + 1 } : {}),
      consent_at: profile.consentAt, consent_version: profile.consentVersion, time_zone: profile.timeZone,
      reminder_time: profile.reminderTime, updated_at: commit.now,
    };
    if (commit.expectedVersion === 0) {
      try {
        await tx.insertInto('conversations').values({ key: commit.key, created_at: commit.now, ...values }).execute();
      } catch (error) {
        if (this.isUniqueViolation(error)) throw new Abort('conflict');
        throw error;
      }
      return;
    }
    const result = await tx.updateTable('conversations').set(values)
      .where('key', '=', commit.key).where('version', '=', commit.expectedVersion).executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw new Abort('conflict');
  }

  private async apply(tx: Transaction<Database>, commit: TurnCommit, effect: Effect): Promise<void> {
    const key = commit.key;
    switch (effect.kind) {
      case 'savePractice': {
        const s = effect.session;
        await tx.insertInto('practice_log').values({
          conversation_key: key, session_key: s.key, day: s.day, step: s.step, dilator_size: s.dilatorSize,
          pain_during: s.painDuring, pain_after: s.painAfter, pain_next_day: s.painNextDay, created_at: commit.now,
        }).onConflict((oc) => oc.columns(['conversation_key', 'session_key']).doUpdateSet({
          pain_during: s.painDuring, pain_after: s.painAfter,
        })).execute();
        return;
      }
      case 'setNextDay':
        await tx.updateTable('practice_log').set({ pain_next_day: effect.value })
          .where('conversation_key', '=', key).where('day', '=', effect.day).execute();
        return;
      case 'saveJournal':
        await tx.insertInto('journal').values({ conversation_key: key, day: effect.day, text: this.cipher.encrypt(effect.text), created_at: commit.now }).execute();
        return;
      case 'schedule':
        await tx.insertInto('jobs').values({
          conversation_key: key, kind: effect.job, due_at: effect.dueAt, status: 'pending', attempts: 0, claimed_until: null, last_error: null, claimed_by: null,
        }).onConflict((oc) => oc.columns(['conversation_key', 'kind']).doUpdateSet({
          due_at: effect.dueAt, status: 'pending', attempts: 0, claimed_until: null, last_error: null, claimed_by: null,
        })).execute();
        return;
      case 'cancel':
        await tx.deleteFrom('jobs').where('conversation_key', '=', key).where('kind', '=', effect.job).execute();
        return;
      case 'deleteUser':
        await deleteEverything(tx, key);
        return;
    }
  }

  async claimDeliveries(scope: DeliveryScope): Promise<PendingDelivery[]> {
    const { now } = scope;
    let query = this.db.selectFrom('outbox').select(['id', 'next_attempt_at', 'claimed_by']).where('status', '=', 'pending')
      // Due for a try, or claimed (by a process that may have died), or, for a person asking again, waiting for its next try.
      .where((eb) => eb.or([eb('next_attempt_at', '<=', now), eb('claimed_by', 'is not', null), ...(scope.waiting ? [eb('claimed_by', 'is', null)] : [])]))
      .orderBy('created_at').orderBy('version').limit(scope.limit);
    if (scope.key) query = query.where('conversation_key', '=', scope.key);
    if (scope.keyPrefixes) query = query.where((eb) => eb.or(scope.keyPrefixes!.map((p) => eb('conversation_key', 'like', likePrefix(p)))));
    const candidates = await query.execute();
    const dead = await this.deadClaimers(candidates.filter((c) => c.next_attempt_at > now).map((c) => c.claimed_by));
    const claimed: PendingDelivery[] = [];
    for (const c of candidates) {
      const free = c.next_attempt_at <= now || (c.claimed_by === null ? scope.waiting === true : dead.has(c.claimed_by));
      if (!free) continue;
      // Compare-and-set: of several processes reaching for the same row, exactly one sees it unchanged.
      const row = await this.db.updateTable('outbox').set({ claimed_by: this.liveness.id, next_attempt_at: leaseEnd(now) })
        .where('id', '=', c.id).where('status', '=', 'pending').where('next_attempt_at', '=', c.next_attempt_at)
        .where('claimed_by', c.claimed_by === null ? 'is' : '=', c.claimed_by)
        .returning(['id', 'conversation_key', 'replies', 'attempts', 'version', 'delivered']).executeTakeFirst();
      if (row) {
        claimed.push({
          id: row.id, key: row.conversation_key, replies: JSON.parse(this.cipher.decrypt(row.replies)),
          attempts: Number(row.attempts), version: Number(row.version), delivered: Number(row.delivered),
        });
      }
    }
    return claimed;
  }

  async markDelivered(outboxId: string, count: number, total: number, now: string): Promise<boolean> {
    if (count >= total) {
      await this.db.deleteFrom('outbox').where('id', '=', outboxId).execute();
      return true;
    }
    // Progress, and a renewed lease; a claim taken over meanwhile (this process was thought dead) is not ours to move.
    const result = await this.db.updateTable('outbox').set({ delivered: count, next_attempt_at: leaseEnd(now) })
      .where('id', '=', outboxId).where('claimed_by', '=', this.liveness.id).executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async failDelivery(outboxId: string, error: string, retryAt: string | null): Promise<void> {
    await this.db.updateTable('outbox')
      .set((eb) => ({
        attempts: eb('attempts', '+', 1), last_error: error, claimed_by: null,
        ...(retryAt ? { next_attempt_at: retryAt } : { status: 'parked' as const }),
      }))
      .where('id', '=', outboxId).execute();
  }

  /** Of these claimers, the ones whose process is gone (this process is never among them while the store is open). */
  private async deadClaimers(claimers: ReadonlyArray<string | null>): Promise<Set<string>> {
    const others = [...new Set(claimers.filter((c): c is string => c !== null && c !== this.liveness.id))];
    return others.length ? this.liveness.dead(others) : new Set();
  }

  async claimDueJobs(now: string, limit: number, leaseMs: number, keyPrefixes?: readonly string[]): Promise<DueJob[]> {
    const until = new Date(Date.parse(now) + leaseMs).toISOString();
    // Jobs claimed by a process that has died are taken over at once rather than when the claim runs out.
    const holders = await this.db.selectFrom('jobs').select('claimed_by').distinct()
      .where('claimed_until', '>', now).where('claimed_by', 'is not', null).execute();
    const dead = [...await this.deadClaimers(holders.map((h) => h.claimed_by))];
    let due = this.db.selectFrom('jobs').select(['conversation_key', 'kind'])
      .where('status', '=', 'pending').where('due_at', '<=', now)
      .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<=', now), ...(dead.length ? [eb('claimed_by', 'in', dead)] : [])]))
      .orderBy('due_at').limit(limit);
    // A process claims only the conversations of the channels it can deliver to.
    if (keyPrefixes) due = due.where((eb) => eb.or(keyPrefixes.map((p) => eb('conversation_key', 'like', likePrefix(p)))));
    // Several processes claim at once on PostgreSQL: each skips rows another is claiming.
    if (this.dialect === 'postgres') due = due.forUpdate().skipLocked();
    const rows = await this.db.updateTable('jobs')
      .set((eb) => ({ claimed_until: until, claimed_by: this.liveness.id, attempts: eb('attempts', '+', 1) }))
      .where((eb) => eb(eb.refTuple('conversation_key', 'kind'), 'in', due.$asTuple('conversation_key', 'kind')))
      .returning(['conversation_key', 'kind', 'due_at', 'attempts']).execute();
    return rows.map((r) => ({ key: r.conversation_key, kind: r.kind as JobKind, dueAt: r.due_at, attempts: Number(r.attempts) }));
  }

  async failJob(job: DueJob, error: string, retryAt: string | null): Promise<void> {
    await this.db.updateTable('jobs')
      .set(retryAt ? { claimed_until: retryAt, claimed_by: null, last_error: error } : { status: 'parked', claimed_until: null, claimed_by: null, last_error: error })
      .where('conversation_key', '=', job.key).where('kind', '=', job.kind).where('due_at', '=', job.dueAt).execute();
  }

  async jobsOf(key: string) {
    const rows = await this.db.selectFrom('jobs').selectAll().where('conversation_key', '=', key).orderBy('due_at').execute();
    return rows.map((r) => ({ kind: r.kind, dueAt: r.due_at, status: r.status, lastError: r.last_error }));
  }

  async exportUser(key: string): Promise<UserExport> {
    const conversation = await this.db.selectFrom('conversations').selectAll().where('key', '=', key).executeTakeFirst();
    const practice = await this.db.selectFrom('practice_log').selectAll().where('conversation_key', '=', key).orderBy('id').execute();
    const journal = await this.db.selectFrom('journal').selectAll().where('conversation_key', '=', key).orderBy('id').execute();
    return {
      conversation: conversation ? {
        key, createdAt: conversation.created_at, consentAt: conversation.consent_at, consentVersion: conversation.consent_version,
        timeZone: conversation.time_zone, reminderTime: conversation.reminder_time,
        state: (JSON.parse(conversation.snapshot) as { context?: unknown }).context ?? null,
      } : null,
      practice: practice.map((r) => ({ ...toSession(r), createdAt: r.created_at })),
      journal: journal.map((r) => ({ day: r.day, text: this.cipher.decrypt(r.text), createdAt: r.created_at })),
      scheduled: (await this.jobsOf(key)).map(({ kind, dueAt, status }) => ({ kind, dueAt, status })),
    };
  }

  /** Re-encrypts every journal line not yet under the current key; returns how many changed. */
  async rotateKeys(): Promise<number> {
    let changed = 0;
    const rows = await this.db.selectFrom('journal').select(['id', 'text']).execute();
    for (const row of rows.filter((r) => this.cipher.needsRotation(r.text))) {
      await this.db.updateTable('journal').set({ text: this.cipher.encrypt(this.cipher.decrypt(row.text)) }).where('id', '=', row.id).execute();
      changed += 1;
    }
    return changed;
  }

  async deleteUser(key: string): Promise<void> {
    await this.db.transaction().execute((tx) => deleteEverything(tx, key));
    await this.scrubAfterDeletion();
  }

  /**
   * On SQLite, the write-ahead log still holds the pages as they were before a deletion: checkpoint them
   * into the database (where secure_delete has zeroed the deleted rows) and truncate the log. Best effort:
   * a reader in another process can hold part of the log back until its next checkpoint. PostgreSQL is
   * covered in the README (what VACUUM does and does not guarantee).
   */
  private async scrubAfterDeletion(): Promise<void> {
    if (this.dialect === 'sqlite') await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(this.db);
  }

  async countRows(key: string): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const table of userTables) {
      const row = await this.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n'))
        .where(keyColumn(table), '=', key).executeTakeFirstOrThrow();
      counts[table] = Number(row.n);
    }
    return counts;
  }

  async close(): Promise<void> {
    await this.liveness.close();
    await this.db.destroy();
  }
}

/** Whether the turn moves the conversation's replied version. */
export const repliedTo = (commit: TurnCommit) => commit.replied ?? commit.outbox !== undefined;

/**
 * The turn schedules again the kind of job it carried out (a check-in sets up the next one). Then removing the
 * carried-out job first changes nothing: the schedule's upsert sets every column of that row anyway.
 */
export const reschedules = (commit: TurnCommit) =>
  commit.effects.some((e) => e.kind === 'schedule' && e.job === commit.completesJob?.kind);

export const leaseEnd = (now: string) => new Date(Date.parse(now) + DELIVERY_LEASE_MS).toISOString();

/** A LIKE pattern for keys starting with `prefix` (its own wildcards dropped). */
const likePrefix = (prefix: string) => `${prefix.replace(/[%_\\]/g, '')}%`;

export function toSession(r: Database['practice_log'] extends infer T ? { [K in keyof T]: any } : never): PracticeSession {
  return {
    key: r.session_key, day: r.day, step: Number(r.step), dilatorSize: r.dilator_size ?? null,
    painDuring: r.pain_during ?? null, painAfter: r.pain_after ?? null, painNextDay: r.pain_next_day ?? null,
  };
}
