// The local web page's rows: which browser a conversation belongs to (the hash of the secret in its
// HttpOnly cookie, never the secret) and the page's transcript, bounded per conversation. Both are user
// rows: exported counts and "delete my data" include them.
import type { Kysely } from 'kysely';
import type { Database } from './db-schema.js';
import type { FieldCipher } from './field-cipher.js';

export interface WebTranscripts {
  /** Records that the browser holding the secret with this hash owns the conversation. */
  claim(key: string, secretHash: string, now: string): Promise<void>;
  /** The owner's secret hash, or null for a conversation no browser owns (unknown or deleted). */
  owner(key: string): Promise<string | null>;
  /** Appends an activity at `seq`, keeping only the last `keep` of the conversation. */
  append(key: string, seq: number, activity: unknown, now: string, keep: number): Promise<void>;
  /** Activities from `fromSeq` on, oldest first, at most `limit`. */
  list(key: string, fromSeq: number, limit: number): Promise<Array<{ seq: number; activity: unknown }>>;
  /** The next free sequence number (0 for an empty transcript). */
  nextSeq(key: string): Promise<number>;
  /** Drops the claim and the transcript (after "delete my data"). */
  forget(key: string): Promise<void>;
}

export function kyselyWebTranscripts(db: Kysely<Database>, cipher: FieldCipher): WebTranscripts {
  return {
    async claim(key, secretHash, now) {
      await db.insertInto('web_browsers').values({ conversation_key: key, secret_hash: secretHash, created_at: now })
        .onConflict((oc) => oc.column('conversation_key').doUpdateSet({ secret_hash: secretHash })).execute();
    },
    async owner(key) {
      const row = await db.selectFrom('web_browsers').select('secret_hash').where('conversation_key', '=', key).executeTakeFirst();
      return row?.secret_hash ?? null;
    },
    async append(key, seq, activity, now, keep) {
      await db.transaction().execute(async (tx) => {
        await tx.insertInto('web_activities').values({ conversation_key: key, seq, activity: cipher.encrypt(JSON.stringify(activity)), created_at: now })
          .onConflict((oc) => oc.columns(['conversation_key', 'seq']).doNothing()).execute();
        await tx.deleteFrom('web_activities').where('conversation_key', '=', key).where('seq', '<=', seq - keep).execute();
      });
    },
    async list(key, fromSeq, limit) {
      const rows = await db.selectFrom('web_activities').select(['seq', 'activity']).where('conversation_key', '=', key)
        .where('seq', '>=', fromSeq).orderBy('seq').limit(limit).execute();
      return rows.map((r) => ({ seq: Number(r.seq), activity: JSON.parse(cipher.decrypt(r.activity)) }));
    },
    async nextSeq(key) {
      const row = await db.selectFrom('web_activities').select((eb) => eb.fn.max('seq').as('last')).where('conversation_key', '=', key).executeTakeFirst();
      return row?.last === null || row?.last === undefined ? 0 : Number(row.last) + 1;
    },
    async forget(key) {
      await db.transaction().execute(async (tx) => {
        await tx.deleteFrom('web_activities').where('conversation_key', '=', key).execute();
        await tx.deleteFrom('web_browsers').where('conversation_key', '=', key).execute();
      });
    },
  };
}
