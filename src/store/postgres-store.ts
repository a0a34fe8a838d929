// The PostgreSQL store's hot path: a turn reads in one statement and commits in one call of the server
// function gp_commit_turn (postgres-turn-function.ts), so a turn costs two round trips instead of one per
// statement (five to seven). Everything else (migrations, claims, export, deletion) stays on KyselyStore.
import type { Kysely } from 'kysely';
import type pg from 'pg';
import type { PracticeSession } from '../coach/progression/practice.js';
import type { Effect } from '../coach/session/session-types.js';
import type { CommitResult, TurnCommit, TurnRead } from '../coach/store-port.js';
import type { ClaimerLiveness } from './claimer-liveness.js';
import type { Database } from './db-schema.js';
import type { FieldCipher } from './field-cipher.js';
import { KyselyStore, leaseEnd, repliedTo, reschedules, toSession } from './kysely-store.js';
import { TURN_CONFLICT } from './postgres-turn-function.js';

const isUniqueViolation = (e: unknown) => (e as { code?: string })?.code === '23505';

/** The conversation, whether the inbound id was seen, and the recent practice (oldest first), in one statement. */
const READ_TURN = `
select c.snapshot, c.content_version, c.version, c.replied_version,
  ($2::text is not null and exists (select 1 from inbound_ids i where i.conversation_key = $1 and i.inbound_id = $2)) as seen,
  case when c.key is null then null else
    (select coalesce(json_agg(p order by p.day, p.id), '[]'::json)
       from (select * from practice_log where conversation_key = $1 order by day desc, id desc limit $3) p) end as practice
from (select 1) as one left join conversations c on c.key = $1`;

const COMMIT_TURN = 'select gp_commit_turn($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18) as result';

interface TurnRow {
  snapshot: string | null; content_version: string | null; version: number | null; replied_version: number | null;
  seen: boolean; practice: Parameters<typeof toSession>[0][] | null;
}

export class PostgresStore extends KyselyStore {
  constructor(private readonly pool: pg.Pool, db: Kysely<Database>, cipher: FieldCipher | undefined, liveness: ClaimerLiveness) {
    super(db, isUniqueViolation, cipher, 'postgres', liveness);
  }

  override async loadTurn(key: string, inboundId: string | undefined, practiceLimit: number): Promise<TurnRead> {
    const { rows } = await this.pool.query<TurnRow>(READ_TURN, [key, inboundId ?? null, practiceLimit]);
    const row = rows[0]!;
    if (row.seen) return { seen: true, conversation: null, practice: [] };
    if (row.snapshot === null) return { seen: false, conversation: null, practice: [] };
    return {
      seen: false,
      conversation: { snapshot: JSON.parse(row.snapshot), contentVersion: row.content_version!, version: Number(row.version), repliedVersion: Number(row.replied_version) },
      practice: (row.practice ?? []).map(toSession),
    };
  }

  override async commitTurn(commit: TurnCommit): Promise<CommitResult> {
    // Erasing a person is rare and touches every table: it keeps the general path.
    if (commit.effects.some((e) => e.kind === 'deleteUser')) return super.commitTurn(commit);
    const { profile, now } = commit;
    const done = reschedules(commit) ? undefined : commit.completesJob;
    try {
      const { rows } = await this.pool.query<{ result: CommitResult }>(COMMIT_TURN, [
        commit.key, commit.expectedVersion, JSON.stringify(commit.snapshot), commit.contentVersion, repliedTo(commit),
        profile.consentAt, profile.consentVersion, profile.timeZone, profile.reminderTime, now,
        // A job rescheduled by its own turn is updated in place by the schedule effect (see reschedules).
        commit.inboundId ?? null, done?.kind ?? null, done?.dueAt ?? null,
        JSON.stringify(commit.effects.map((e) => this.flatten(e))),
        commit.outbox?.id ?? null, commit.outbox ? this.cipher.encrypt(JSON.stringify(commit.outbox.replies)) : null,
        commit.outbox ? this.liveness.id : null, commit.outbox ? leaseEnd(now) : null,
      ]);
      return rows[0]!.result;
    } catch (error) {
      if ((error as { code?: string })?.code === TURN_CONFLICT) return 'conflict';
      throw error;
    }
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
}
