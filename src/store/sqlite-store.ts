// The SQLite store's hot path: the statements every turn runs, prepared once on the better-sqlite3
// connection and committed in one synchronous transaction. Everything else (migrations, claims, export,
// deletion, admin) stays on the shared Kysely queries of KyselyStore.
import type BetterSqlite3 from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { PracticeSession } from '../coach/progression/practice.js';
import type { Effect } from '../coach/session/session-types.js';
import type { CommitResult, StoredConversation, TurnCommit, TurnRead } from '../coach/store-port.js';
import type { Database } from './db-schema.js';
import type { FieldCipher } from './field-cipher.js';
import { KyselyStore, leaseEnd, repliedTo, reschedules, toSession } from './kysely-store.js';
import { GroupCommit } from './sqlite-group-commit.js';

const isConstraint = (e: unknown) => (e as { code?: string })?.code?.startsWith('SQLITE_CONSTRAINT') ?? false;

/** Thrown inside the transaction to refuse a turn with a result; `nothingWritten` when the turn had not written yet. */
class Rollback extends Error { constructor(readonly result: CommitResult, readonly nothingWritten = false) { super(result); } }

function prepareAll(sqlite: BetterSqlite3.Database) {
  const p = (sql: string) => sqlite.prepare(sql);
  return {
    load: p('select snapshot, content_version, version, replied_version from conversations where key = ?'),
    exists: p('select 1 from conversations where key = ?').pluck(),
    practice: p('select * from practice_log where conversation_key = ? order by day desc, id desc limit ?'),
    hasInbound: p('select 1 from inbound_ids where conversation_key = ? and inbound_id = ?').pluck(),
    inbound: p('insert into inbound_ids (conversation_key, inbound_id, created_at) values (?, ?, ?)'),
    insertConversation: p(`insert into conversations (key, snapshot, content_version, version, replied_version, consent_at, consent_version,
      time_zone, reminder_time, created_at, updated_at) values (@key, @snapshot, @contentVersion, @version, coalesce(@replied, 0), @consentAt,
      @consentVersion, @timeZone, @reminderTime, @now, @now)`),
    updateConversation: p(`update conversations set snapshot = @snapshot, content_version = @contentVersion, version = @version,
      replied_version = coalesce(@replied, replied_version), consent_at = @consentAt, consent_version = @consentVersion,
      time_zone = @timeZone, reminder_time = @reminderTime, updated_at = @now where key = @key and version = @expected`),
    completeJob: p('delete from jobs where conversation_key = ? and kind = ? and due_at = ?'),
    savePractice: p(`insert into practice_log (conversation_key, session_key, day, step, dilator_size, pain_during, pain_after, pain_next_day, created_at)
      values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (conversation_key, session_key) do update set pain_during = excluded.pain_during, pain_after = excluded.pain_after`),
    setNextDay: p('update practice_log set pain_next_day = ? where conversation_key = ? and day = ?'),
    saveJournal: p('insert into journal (conversation_key, day, text, created_at) values (?, ?, ?, ?)'),
    schedule: p(`insert into jobs (conversation_key, kind, due_at, status, attempts, claimed_until, last_error, claimed_by)
      values (?, ?, ?, 'pending', 0, null, null, null) on conflict (conversation_key, kind)
      do update set due_at = excluded.due_at, status = 'pending', attempts = 0, claimed_until = null, last_error = null, claimed_by = null`),
    cancel: p('delete from jobs where conversation_key = ? and kind = ?'),
    outbox: p(`insert into outbox (id, conversation_key, replies, created_at, status, attempts, last_error, version, delivered, claimed_by, next_attempt_at)
      values (?, ?, ?, ?, 'pending', 0, null, ?, 0, ?, ?)`),
    delivered: p('delete from outbox where id = ?'),
    progress: p('update outbox set delivered = ?, next_attempt_at = ? where id = ? and claimed_by = ?'),
  };
}

export class SqliteStore extends KyselyStore {
  private readonly statements: ReturnType<typeof prepareAll>;
  /** Turns and delivery marks that arrive together share one transaction (a savepoint each). */
  private readonly group: GroupCommit;

  constructor(private readonly sqlite: BetterSqlite3.Database, db: Kysely<Database>, cipher: FieldCipher) {
    super(db, isConstraint, cipher, 'sqlite');
    this.statements = prepareAll(sqlite);
    this.group = new GroupCommit(sqlite, (fn) => this.exclusive(fn));
  }

  /**
   * Runs `fn` on the connection at a moment no Kysely transaction is open on it (web transcripts and
   * deletion use those across awaits): at once when none is, else after it, holding Kysely's connection.
   */
  private exclusive<T>(fn: () => T): Promise<T> {
    if (!this.sqlite.inTransaction) return Promise.resolve(fn());
    return this.db.connection().execute(async () => fn());
  }

  override loadTurn(key: string, inboundId: string | undefined, practiceLimit: number): Promise<TurnRead> {
    return this.exclusive(() => {
      if (inboundId && this.statements.hasInbound.get(key, inboundId) !== undefined) return { seen: true, conversation: null, practice: [] };
      const conversation = this.readConversation(key);
      return { seen: false, conversation, practice: conversation ? this.readPractice(key, practiceLimit) : [] };
    });
  }

  override loadConversation(key: string): Promise<StoredConversation | null> {
    return this.exclusive(() => this.readConversation(key));
  }

  private readConversation(key: string): StoredConversation | null {
    const row = this.statements.load.get(key) as { snapshot: string; content_version: string; version: number; replied_version: number } | undefined;
    return row ? { snapshot: JSON.parse(row.snapshot), contentVersion: row.content_version, version: Number(row.version), repliedVersion: Number(row.replied_version) } : null;
  }

  private readPractice(key: string, limit: number): PracticeSession[] {
    return (this.statements.practice.all(key, limit) as Parameters<typeof toSession>[0][]).reverse().map(toSession);
  }

  override recentPractice(key: string, limit: number): Promise<PracticeSession[]> {
    return this.exclusive(() => this.readPractice(key, limit));
  }

  override hasInbound(key: string, inboundId: string): Promise<boolean> {
    return this.exclusive(() => this.statements.hasInbound.get(key, inboundId) !== undefined);
  }

  override async commitTurn(commit: TurnCommit): Promise<CommitResult> {
    // Erasing a person is rare and touches every table: it keeps the general path (and its scrub of the log).
    if (commit.effects.some((e) => e.kind === 'deleteUser')) return super.commitTurn(commit);
    try {
      await this.group.run(() => this.writeTurn(commit));
      return 'committed';
    } catch (error) {
      if (error instanceof Rollback) return error.result;
      throw error;
    }
  }

  private writeTurn(commit: TurnCommit): void {
    const s = this.statements;
    const { key, now, profile } = commit;
    const version = commit.expectedVersion + 1;
    // A turn is refused before its first write (the group's transaction holds the file's write lock, so what
    // is read here cannot change before the writes), so a refused turn leaves nothing to undo.
    if (commit.inboundId && s.hasInbound.get(key, commit.inboundId) !== undefined) throw new Rollback('duplicate', true);
    const row = {
      key, snapshot: JSON.stringify(commit.snapshot), contentVersion: commit.contentVersion, version, expected: commit.expectedVersion,
      replied: repliedTo(commit) ? version : null, consentAt: profile.consentAt, consentVersion: profile.consentVersion,
      timeZone: profile.timeZone, reminderTime: profile.reminderTime, now,
    };
    if (commit.expectedVersion === 0) {
      if (s.exists.get(key) !== undefined) throw new Rollback('conflict', true);
      try {
        const { expected: _expected, ...values } = row;
        s.insertConversation.run(values);
      } catch (error) {
        if (isConstraint(error)) throw new Rollback('conflict');
        throw error;
      }
    } else if (s.updateConversation.run(row).changes !== 1) {
      // The first write, and it changed nothing.
      throw new Rollback('conflict', true);
    }
    if (commit.inboundId) {
      try {
        s.inbound.run(key, commit.inboundId, now);
      } catch (error) {
        if (isConstraint(error)) throw new Rollback('duplicate');
        throw error;
      }
    }
    if (commit.completesJob && !reschedules(commit)) s.completeJob.run(key, commit.completesJob.kind, commit.completesJob.dueAt);
    for (const effect of commit.effects) this.applySync(commit, effect);
    if (commit.outbox) {
      // Claimed by this process from the start: the turn delivers its own replies right after the commit.
      s.outbox.run(commit.outbox.id, key, this.cipher.encrypt(JSON.stringify(commit.outbox.replies)), now, version, this.liveness.id, leaseEnd(now));
    }
  }

  private applySync(commit: TurnCommit, effect: Effect): void {
    const s = this.statements;
    const key = commit.key;
    switch (effect.kind) {
      case 'savePractice': {
        const p = effect.session;
        s.savePractice.run(key, p.key, p.day, p.step, p.dilatorSize, p.painDuring, p.painAfter, p.painNextDay, commit.now);
        return;
      }
      case 'setNextDay': s.setNextDay.run(effect.value, key, effect.day); return;
      case 'saveJournal': s.saveJournal.run(key, effect.day, this.cipher.encrypt(effect.text), commit.now); return;
      case 'schedule': s.schedule.run(key, effect.job, effect.dueAt); return;
      case 'cancel': s.cancel.run(key, effect.job); return;
      case 'deleteUser': throw new Error('deleteUser takes the general path');
    }
  }

  override markDelivered(outboxId: string, count: number, total: number, now: string): Promise<boolean> {
    const s = this.statements;
    if (count >= total) return this.group.run(() => { s.delivered.run(outboxId); return true; });
    // Progress, and a renewed lease; a claim taken over meanwhile (this process was thought dead) is not ours to move.
    return this.group.run(() => s.progress.run(count, leaseEnd(now), outboxId, this.liveness.id).changes === 1);
  }
}
