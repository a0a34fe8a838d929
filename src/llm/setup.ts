// Builds the optional LLM pieces from the settings, for the composition root (src/index.ts).
// Off (the default): nothing is built, no client exists, no connection is opened.
import type { Content } from '../content/schema.js';
import { CoachError } from '../errors.js';
import type { RephraseCacheStore } from '../store/rephrase-cache.js';
import { createTopicClassifier, type TopicClassifier } from './classify-topic.js';
import { createSafetySecondOpinion } from './safety-second-opinion.js';
import type { SafetySecondOpinion } from '../coach/safety-second-opinion.js';
import { createLlmClient } from './llm-client.js';
import { createLlmRephraser, type LlmRephraser } from './llm-rephraser.js';
import type { LlmSettings } from './settings.js';
import { approvedVariants, readVariantsFile } from './variants-file.js';

export interface LlmWiring {
  rephraser?: LlmRephraser;
  classifier?: TopicClassifier;
  /** Second opinion on messages the safety rules found safe (GENTLEPATH_LLM_SAFETY_CHECK=1); it can only raise. */
  safetyCheck?: SafetySecondOpinion;
  /** One line for the start-up log (no secrets). */
  summary: string;
  close(): Promise<void>;
}

/** The rephrase cache the store keeps on its own connection (no second connection is opened). */
export type LlmStorage = { rephraseCache: RephraseCacheStore & { pruneOtherVersions(contentVersion: string): Promise<number> } };

export async function setUpLlm(
  settings: LlmSettings, content: Content,
  storage: LlmStorage,
): Promise<LlmWiring> {
  const closers: Array<() => Promise<void>> = [];
  const wiring: LlmWiring = { summary: 'LLM off (scripted text only)', async close() { for (const c of closers) await c(); } };
  const client = settings.mode === 'live' || settings.classify || settings.safetyCheck
    ? createLlmClient({ apiKey: settings.apiKey, baseURL: settings.baseURL, model: settings.model!, timeoutMs: settings.timeoutMs })
    : undefined;

  if (settings.mode === 'live') {
    const cache = storage.rephraseCache;
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
  if (settings.safetyCheck && client) {
    wiring.safetyCheck = createSafetySecondOpinion({ llm: client, content, timeoutMs: settings.timeoutMs });
    wiring.summary += '; safety second opinion on (sends messages the rules found safe)';
  }
  return wiring;
}
