// Queries for the rephrase cache (table rephrase_cache, migration 0002): verified LLM rephrases of
// scripted content, keyed by content id, content version, tone, locale, a hash of the scripted text and a
// variant slot. The rows hold no user data, so one cache serves every conversation.
import type { Kysely } from 'kysely';
import type { Database } from './db-schema.js';

export interface RephraseCacheKey {
  contentId: string;
  contentVersion: string;
  tone: string;
  locale: string;
  sourceHash: string;
  slot: number;
}

export interface CachedRephrase {
  /** The verified rephrase, or null when the model's answer was refused (the scripted text is used). */
  text: string | null;
  rejectedReason: string | null;
  model: string;
  createdAt: string;
}

/** What the rephraser needs from a cache; the store's table and an in-memory map both provide it. */
export interface RephraseCacheStore {
  get(key: RephraseCacheKey): Promise<CachedRephrase | null>;
  put(key: RephraseCacheKey, entry: CachedRephrase): Promise<void>;
}

export class KyselyRephraseCache implements RephraseCacheStore {
  constructor(private readonly db: Kysely<Database>) {}

  async get(key: RephraseCacheKey): Promise<CachedRephrase | null> {
    const row = await this.db.selectFrom('rephrase_cache').select(['text', 'rejected_reason', 'model', 'created_at'])
      .where('content_id', '=', key.contentId).where('content_version', '=', key.contentVersion)
      .where('tone', '=', key.tone).where('locale', '=', key.locale)
      .where('source_hash', '=', key.sourceHash).where('slot', '=', key.slot)
      .executeTakeFirst();
    return row ? { text: row.text, rejectedReason: row.rejected_reason, model: row.model, createdAt: row.created_at } : null;
  }

  async put(key: RephraseCacheKey, entry: CachedRephrase): Promise<void> {
    const values = {
      content_id: key.contentId, content_version: key.contentVersion, tone: key.tone, locale: key.locale,
      source_hash: key.sourceHash, slot: key.slot,
      text: entry.text, rejected_reason: entry.rejectedReason, model: entry.model, created_at: entry.createdAt,
    };
    await this.db.insertInto('rephrase_cache').values(values)
      .onConflict((oc) => oc.columns(['content_id', 'content_version', 'tone', 'locale', 'source_hash', 'slot'])
        .doUpdateSet({ text: values.text, rejected_reason: values.rejected_reason, model: values.model, created_at: values.created_at }))
      .execute();
  }

  /** Rows cached for content versions other than this one (left behind by a content change). */
  async pruneOtherVersions(contentVersion: string): Promise<number> {
    const result = await this.db.deleteFrom('rephrase_cache').where('content_version', '!=', contentVersion).executeTakeFirst();
    return Number(result.numDeletedRows ?? 0);
  }

  async count(): Promise<number> {
    const row = await this.db.selectFrom('rephrase_cache').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
    return Number(row?.n ?? 0);
  }
}
