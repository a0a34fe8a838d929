// Where a channel can reach a conversation again without being spoken to first (proactive messages:
// replies left undelivered by a restart, scheduled check-ins, timers). One row per conversation key.
import type { Kysely } from 'kysely';
import type { Database } from './db-schema.js';

export interface ConversationRefs {
  save(key: string, channel: string, reference: unknown): Promise<void>;
  load(key: string): Promise<unknown | null>;
}

export function kyselyConversationRefs(db: Kysely<Database>, now: () => Date = () => new Date()): ConversationRefs {
  return {
    async save(key, channel, reference) {
      const values = { channel, reference: JSON.stringify(reference), updated_at: now().toISOString() };
      await db.insertInto('conversation_refs').values({ conversation_key: key, ...values })
        .onConflict((oc) => oc.column('conversation_key').doUpdateSet(values)).execute();
    },
    async load(key) {
      const row = await db.selectFrom('conversation_refs').select('reference').where('conversation_key', '=', key).executeTakeFirst();
      return row ? JSON.parse(row.reference) : null;
    },
  };
}

/** For tests and for running without a database. */
export function memoryConversationRefs(): ConversationRefs & { all: Map<string, unknown> } {
  const all = new Map<string, unknown>();
  return {
    all,
    async save(key, _channel, reference) { all.set(key, structuredClone(reference)); },
    async load(key) { return all.get(key) ?? null; },
  };
}
