// Builds the optional LLM pieces from the settings, for the composition root (src/index.ts).
// Off (the default): nothing is built, no client exists, no connection is opened.
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Content } from '../content/schema.js';
import { CoachError } from '../errors.js';
import type { Database } from '../store/db-schema.js';
import { migrate } from '../store/kysely-store.js';
import { KyselyRephraseCache } from '../store/rephrase-cache.js';
import { createTopicClassifier, type TopicClassifier } from './classify-topic.js';
import { createLlmClient } from './llm-client.js';
import { createLlmRephraser, type LlmRephraser } from './llm-rephraser.js';
import type { LlmSettings } from './settings.js';
import { approvedVariants, readVariantsFile } from './variants-file.js';

export interface LlmWiring {
  rephraser?: LlmRephraser;
  classifier?: TopicClassifier;
  /** One line for the start-up log (no secrets). */
  summary: string;
  close(): Promise<void>;
}

/**
 * A query layer on the store's database for the rephrase cache. The store keeps its own Kysely private,
 * so this opens a second, small connection to the same database (SQLite file in WAL mode, or a 2-client pool).
 */
export async function openRephraseCacheDb(storage: { databaseUrl?: string; dbPath: string }): Promise<Kysely<Database>> {
  if (storage.databaseUrl) {
    const pool = new pg.Pool({ connectionString: storage.databaseUrl, max: 2, connectionTimeoutMillis: 5000 });
    pool.on('error', () => {});
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    await migrate(db, 'postgres');
    return db;
  }
  const sqlite = new BetterSqlite3(storage.dbPath);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  await migrate(db, 'sqlite');
  return db;
}

export async function setUpLlm(
  settings: LlmSettings, content: Content,
  storage: { databaseUrl?: string; dbPath: string; db?: Kysely<Database> },
): Promise<LlmWiring> {
  const closers: Array<() => Promise<void>> = [];
  const wiring: LlmWiring = { summary: 'LLM off (scripted text only)', async close() { for (const c of closers) await c(); } };
  const client = settings.mode === 'live' || settings.classify
    ? createLlmClient({ apiKey: settings.apiKey, baseURL: settings.baseURL, model: settings.model!, timeoutMs: settings.timeoutMs })
    : undefined;

  if (settings.mode === 'live') {
    let db = storage.db;
    if (!db) {
      db = await openRephraseCacheDb(storage);
      const opened = db;
      closers.push(() => opened.destroy());
    }
    const cache = new KyselyRephraseCache(db);
    // Rephrases of an older content version can never be used again.
    await cache.pruneOtherVersions(content.version);
    wiring.rephraser = createLlmRephraser({
      mode: 'live', content, llm: client, cache,
      tone: settings.tone, locale: settings.locale, variety: settings.variety,
    });
    wiring.summary = `LLM live: model ${settings.model} at ${settings.baseURL ?? 'the OpenAI API'}, timeout ${settings.timeoutMs} ms, tone ${settings.tone}`;
  } else if (settings.mode === 'reviewed') {
    let file;
    try {
      file = readVariantsFile(settings.variantsFile);
    } catch (cause) {
      throw new CoachError('config_invalid', `GENTLEPATH_LLM_MODE=reviewed: ${(cause as Error).message}. Run \`npm run variants\` and have the variants reviewed, or set GENTLEPATH_LLM_VARIANTS_FILE.`, cause);
    }
    const variants = approvedVariants(file);
    wiring.rephraser = createLlmRephraser({ mode: 'reviewed', content, variants, tone: settings.tone, locale: settings.locale });
    wiring.summary = `LLM reviewed: ${variants.count} approved variants from ${settings.variantsFile}, no LLM calls`;
  }
  if (settings.classify && client) {
    wiring.classifier = createTopicClassifier({ llm: client, content });
    wiring.summary += '; topic classifier on';
  }
  return wiring;
}
