// The PostgreSQL store's hot path. A turn reads in one statement and commits in one call of the server
// function gp_commit_turn (postgres-turn-function.ts): two round trips instead of one per statement (five to
// seven). Turns that reach the store at the same moment (a reminder send-out runs many at once) share them:
// their reads go in one statement, their commits in one statement (each turn still all or nothing, see the
// function), their delivery marks in one. Everything else (migrations, claims, export, deletion) stays on
// KyselyStore.
import type { Kysely } from 'kysely';
import type pg from 'pg';
import type { PracticeSession } from '../coach/progression/practice.js';
import type { Effect } from '../coach/session/session-types.js';
import type { CommitResult, TurnCommit, TurnRead } from '../coach/store-port.js';
import type { ClaimerLiveness } from './claimer-liveness.js';
import { coalesce, type Settled } from './coalesce.js';
import type { Database } from './db-schema.js';
import type { FieldCipher } from './field-cipher.js';
import { KyselyStore, leaseEnd, repliedTo, reschedules, toSession } from './kysely-store.js';
import { TURN_DUPLICATE } from './postgres-turn-function.js';

const isUniqueViolation = (e: unknown) => (e as { code?: string })?.code === '23505';
/** The server answered with an error: the statement was rolled back, so nothing of it was committed. */
const refusedByServer = (e: unknown) => typeof (e as { code?: unknown })?.code === 'string';

/** For each (key, inbound id, practice limit): whether the id was seen, the conversation, its recent practice (oldest first). */
const READ_TURNS = `
select c.snapshot, c.content_version, c.version, c.replied_version,
  (t.inbound is not null and exists (select 1 from inbound_ids i where i.conversation_key = t.key and i.inbound_id = t.inbound)) as seen,
  case when c.key is null then null else
    (select coalesce(json_agg(p order by p.day, p.id), '[]'::json)
       from (select * from practice_log where conversation_key = t.key order by day desc, id desc limit t.lim) p) end as practice
from unnest($1::text[], $2::text[], $3::int[]) with ordinality as t(key, inbound, lim, n)
left join conversations c on c.key = t.key
order by t.n`;

const COMMIT_ARGS = 18;
const COMMIT_TURN = `select gp_commit_turn(${Array.from({ length: COMMIT_ARGS }, (_, i) => `$${i + 1}`).join(', ')}) as result`;
const ARG_TYPES = ['text', 'int', 'text', 'text', 'bool', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'json', 'text', 'text', 'text', 'text'];
/** Many turns in one statement, in the order given (the caller sorts them by key, so locks are taken in one order). */
const COMMIT_TURNS = `select gp_commit_turn(${ARG_TYPES.map((_, i) => `a${i}`).join(', ')}) as result
from unnest(${ARG_TYPES.map((t, i) => `$${i + 1}::${t}[]`).join(', ')}) with ordinality as t(${ARG_TYPES.map((_, i) => `a${i}`).join(', ')}, n)
order by n`;

/** Finished batches are forgotten; batches still in progress record how far they got, if this process still holds them. */
const MARK_DELIVERED = `
with done as (delete from outbox where id = any($1::text[]) returning id),
progress as (
  update outbox o set delivered = v.count, next_attempt_at = v.lease
  from unnest($2::text[], $3::int[], $4::text[]) as v(id, count, lease)
  where o.id = v.id and o.claimed_by = $5 returning o.id)
select id from progress`;

/** A statement the server parses and plans once per connection, then only runs (the hot path's few statements). */
const prepared = (name: string, text: string, values: unknown[]): pg.QueryConfig => ({ name, text, values });

interface TurnRow {
  snapshot: string | null; content_version: string | null; version: number | null; replied_version: number | null;
  seen: boolean; practice: Parameters<typeof toSession>[0][] | null;
}
interface ReadRequest { key: string; inboundId: string | undefined; limit: number }
interface Mark { outboxId: string; count: number; total: number; now: string }

export class PostgresStore extends KyselyStore {
  private readonly read = coalesce((items: readonly ReadRequest[]) => this.readTurns(items));
  private readonly commit = coalesce((items: readonly TurnCommit[]) => this.commitTurns(items));
  private readonly mark = coalesce((items: readonly Mark[]) => this.markMany(items));

  constructor(private readonly pool: pg.Pool, db: Kysely<Database>, cipher: FieldCipher | undefined, liveness: ClaimerLiveness) {
    super(db, isUniqueViolation, cipher, 'postgres', liveness);
  }

  override loadTurn(key: string, inboundId: string | undefined, practiceLimit: number): Promise<TurnRead> {
    return this.read({ key, inboundId, limit: practiceLimit });
  }

  override async commitTurn(commit: TurnCommit): Promise<CommitResult> {
    // Erasing a person is rare and touches every table: it keeps the general path.
    if (commit.effects.some((e) => e.kind === 'deleteUser')) return super.commitTurn(commit);
    return this.commit(commit);
  }

  override markDelivered(outboxId: string, count: number, total: number, now: string): Promise<boolean> {
    return this.mark({ outboxId, count, total, now });
  }

  private async readTurns(items: readonly ReadRequest[]): Promise<Array<Settled<TurnRead>>> {
    const { rows } = await this.pool.query<TurnRow>(prepared('gp_read_turns', READ_TURNS, [items.map((i) => i.key), items.map((i) => i.inboundId ?? null), items.map((i) => i.limit)]));
    return rows.map((row): Settled<TurnRead> => {
      if (row.seen) return { ok: true, value: { seen: true, conversation: null, practice: [] } };
      if (row.snapshot === null) return { ok: true, value: { seen: false, conversation: null, practice: [] } };
      return {
        ok: true,
        value: {
          seen: false,
          conversation: { snapshot: JSON.parse(row.snapshot), contentVersion: row.content_version!, version: Number(row.version), repliedVersion: Number(row.replied_version) },
          practice: (row.practice ?? []).map(toSession),
        },
      };
    });
  }

  /**
   * Commits turns in one statement when several came at once. If the server refuses that statement (it was
   * rolled back whole: one turn failed, or a race raised), each turn is committed again on its own, so only
   * the failing one fails.
   */
  private async commitTurns(commits: readonly TurnCommit[]): Promise<Array<Settled<CommitResult>>> {
    if (commits.length > 1) {
      const order = commits.map((_, i) => i).sort((a, b) => (commits[a]!.key < commits[b]!.key ? -1 : commits[a]!.key > commits[b]!.key ? 1 : 0));
      const args = order.map((i) => this.commitArgs(commits[i]!));
      try {
        const { rows } = await this.pool.query<{ result: CommitResult }>(prepared('gp_commit_turns', COMMIT_TURNS, ARG_TYPES.map((_, column) => args.map((a) => a[column]))));
        const settled: Array<Settled<CommitResult>> = new Array(commits.length);
        order.forEach((i, at) => { settled[i] = { ok: true, value: rows[at]!.result }; });
        return settled;
      } catch (error) {
        if (!refusedByServer(error)) throw error;
      }
    }
    const settled: Array<Settled<CommitResult>> = [];
    for (const commit of commits) {
      try {
        settled.push({ ok: true, value: await this.commitOne(commit) });
      } catch (error) {
        settled.push({ ok: false, error });
      }
    }
    return settled;
  }

  private async commitOne(commit: TurnCommit): Promise<CommitResult> {
    try {
      const { rows } = await this.pool.query<{ result: CommitResult }>(prepared('gp_commit_turn', COMMIT_TURN, this.commitArgs(commit)));
      return rows[0]!.result;
    } catch (error) {
      if ((error as { code?: string })?.code === TURN_DUPLICATE) return 'duplicate';
      throw error;
    }
  }

  /** The function's arguments for one turn, in its order. */
  private commitArgs(commit: TurnCommit): unknown[] {
    const { profile, now } = commit;
    // A job rescheduled by its own turn is updated in place by the schedule effect (see reschedules).
    const done = reschedules(commit) ? undefined : commit.completesJob;
    return [
      commit.key, commit.expectedVersion, JSON.stringify(commit.snapshot), commit.contentVersion, repliedTo(commit),
      profile.consentAt, profile.consentVersion, profile.timeZone, profile.reminderTime, now,
      commit.inboundId ?? null, done?.kind ?? null, done?.dueAt ?? null,
      JSON.stringify(commit.effects.map((e) => this.flatten(e))),
      commit.outbox?.id ?? null, commit.outbox ? this.cipher.encrypt(JSON.stringify(commit.outbox.replies)) : null,
      commit.outbox ? this.liveness.id : null, commit.outbox ? leaseEnd(now) : null,
    ];
  }

  /** An effect as the function reads it: flat fields, free text already encrypted. */
  private flatten(effect: Effect): Record<string, unknown> {
    switch (effect.kind) {
      case 'savePractice': {
        const s: PracticeSession & { key: string } = effect.session;
        return {
          kind: effect.kind, sessionKey: s.key, day: s.day, step: s.step, dilatorSize: s.dilatorSize,
          painDuring: s.painDuring, painAfter: s.painAfter, painNextDay: s.painNextDay,
        };
      }
      case 'saveJournal': return { kind: effect.kind, day: effect.day, text: this.cipher.encrypt(effect.text) };
      default: return effect;
    }
  }

  /** Delivery marks of many batches in one statement; a finished batch is always true, as in KyselyStore. */
  private async markMany(marks: readonly Mark[]): Promise<Array<Settled<boolean>>> {
    const finished = marks.filter((m) => m.count >= m.total);
    const partial = marks.filter((m) => m.count < m.total);
    const { rows } = await this.pool.query<{ id: string }>(prepared('gp_mark_delivered', MARK_DELIVERED, [
      finished.map((m) => m.outboxId), partial.map((m) => m.outboxId), partial.map((m) => m.count), partial.map((m) => leaseEnd(m.now)), this.liveness.id,
    ]));
    const moved = new Set(rows.map((r) => r.id));
    return marks.map((m) => ({ ok: true, value: m.count >= m.total || moved.has(m.outboxId) }));
  }
}
