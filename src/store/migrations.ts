// Versioned schema migrations, applied in order at start. Never edit a shipped migration: add a new one.
import { sql, type ColumnDefinitionBuilder, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { TURN_FUNCTION } from './postgres-turn-function.js';

export type Dialect = 'sqlite' | 'postgres';

const migrations = (dialect: Dialect): Record<string, Migration> => {
  // A row id that the database assigns: the two backends spell it differently.
  const rowId = (c: ColumnDefinitionBuilder) => (dialect === 'postgres' ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement());
  return {
  '0001_initial': {
    async up(db: Kysely<any>) {
      await db.schema.createTable('conversations')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('snapshot', 'text', (c) => c.notNull())
        .addColumn('content_version', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('consent_at', 'text')
        .addColumn('consent_version', 'text')
        .addColumn('time_zone', 'text')
        .addColumn('reminder_time', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createTable('practice_log')
        .addColumn('id', 'integer', rowId)
        .addColumn('conversation_key', 'text', (c) => c.notNull())
        .addColumn('session_key', 'text', (c) => c.notNull())
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('step', 'integer', (c) => c.notNull())
        .addColumn('dilator_size', 'integer')
        .addColumn('pain_during', 'integer')
        .addColumn('pain_after', 'integer')
        .addColumn('pain_next_day', 'integer')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('practice_log_session', ['conversation_key', 'session_key'])
        .execute();
      await db.schema.createIndex('practice_log_by_day').on('practice_log').columns(['conversation_key', 'day']).execute();
      await db.schema.createTable('journal')
        .addColumn('id', 'integer', rowId)
        .addColumn('conversation_key', 'text', (c) => c.notNull())
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('journal_by_conversation').on('journal').column('conversation_key').execute();
      await db.schema.createTable('inbound_ids')
        .addColumn('conversation_key', 'text', (c) => c.notNull())
        .addColumn('inbound_id', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('inbound_ids_pk', ['conversation_key', 'inbound_id'])
        .execute();
      // Replies of committed turns not yet handed to the channel; a row is deleted once delivered.
      await db.schema.createTable('outbox')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('conversation_key', 'text', (c) => c.notNull())
        .addColumn('replies', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('next_attempt_at', 'text', (c) => c.notNull())
        .addColumn('last_error', 'text')
        .execute();
      await db.schema.createIndex('outbox_due').on('outbox').columns(['status', 'next_attempt_at']).execute();
      await db.schema.createIndex('outbox_by_conversation').on('outbox').column('conversation_key').execute();
      // Scheduled things (daily check-in, follow-ups, rest end, timers): at most one of each kind per conversation.
      await db.schema.createTable('jobs')
        .addColumn('conversation_key', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('due_at', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('claimed_until', 'text')
        .addColumn('last_error', 'text')
        .addPrimaryKeyConstraint('jobs_pk', ['conversation_key', 'kind'])
        .execute();
      // Finding due jobs costs in proportion to the due jobs, not to all users.
      await db.schema.createIndex('jobs_due').on('jobs').columns(['status', 'due_at']).execute();
    },
  },
  '0003_conversation_refs': {
    async up(db: Kysely<any>) {
      // Where a channel can reach a conversation without being spoken to first (proactive messages).
      await db.schema.createTable('conversation_refs')
        .addColumn('conversation_key', 'text', (c) => c.primaryKey())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('reference', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
    },
  },
  '0004_web_transcripts': {
    async up(db: Kysely<any>) {
      // The local web page: which browser owns a conversation (a hash of its cookie's secret), and its transcript.
      await db.schema.createTable('web_browsers')
        .addColumn('conversation_key', 'text', (c) => c.primaryKey())
        .addColumn('secret_hash', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createTable('web_activities')
        .addColumn('conversation_key', 'text', (c) => c.notNull())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('activity', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('web_activities_pk', ['conversation_key', 'seq'])
        .execute();
    },
  },
  '0005_delivery_claims': {
    async up(db: Kysely<any>) {
      // Delivery once, in order, never stale: which conversation version a reply batch belongs to, how many
      // of its replies the channel has taken, and which process is delivering it (or running a job).
      await db.schema.alterTable('outbox').addColumn('version', 'integer', (c) => c.notNull().defaultTo(0)).execute();
      await db.schema.alterTable('outbox').addColumn('delivered', 'integer', (c) => c.notNull().defaultTo(0)).execute();
      await db.schema.alterTable('outbox').addColumn('claimed_by', 'text').execute();
      await db.schema.alterTable('jobs').addColumn('claimed_by', 'text').execute();
      // The last version whose turn had replies: a batch older than that has been overtaken by newer replies.
      await db.schema.alterTable('conversations').addColumn('replied_version', 'integer', (c) => c.notNull().defaultTo(0)).execute();
      // The jobs claimed right now, to find claims of processes that died.
      await db.schema.createIndex('jobs_claimed').on('jobs').column('claimed_until').execute();
      // Old inbound ids are pruned by age.
      await db.schema.createIndex('inbound_ids_by_age').on('inbound_ids').column('created_at').execute();
    },
  },
  '0006_turn_function': {
    async up(db: Kysely<any>) {
      // PostgreSQL: a turn's writes in one call, so a turn costs one round trip to commit instead of one per
      // statement (src/store/postgres-store.ts). One statement is its own transaction: any error rolls back
      // everything it did. A later migration that changes a table this writes must replace the function with it.
      if (dialect !== 'postgres') return;
      await sql.raw(TURN_FUNCTION).execute(db);
    },
  },
  '0002_rephrase_cache': {
    async up(db: Kysely<any>) {
      // Verified LLM rephrases of scripted content, shared by all users: no user data, no conversation key.
      await db.schema.createTable('rephrase_cache')
        .addColumn('content_id', 'text', (c) => c.notNull())
        .addColumn('content_version', 'text', (c) => c.notNull())
        .addColumn('tone', 'text', (c) => c.notNull())
        .addColumn('locale', 'text', (c) => c.notNull())
        .addColumn('source_hash', 'text', (c) => c.notNull())
        .addColumn('slot', 'integer', (c) => c.notNull())
        .addColumn('text', 'text')
        .addColumn('rejected_reason', 'text')
        .addColumn('model', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('rephrase_cache_pk', ['content_id', 'content_version', 'tone', 'locale', 'source_hash', 'slot'])
        .execute();
    },
  },
  };
};

export const migrationProvider = (dialect: Dialect): MigrationProvider => ({ getMigrations: async () => migrations(dialect) });
