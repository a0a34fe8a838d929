// The optional LLM voice behind the coach's Rephraser seam (src/coach/rephraser.ts).
//   off       the scripted text, always; no client exists and nothing leaves the process.
//   live      a verified rephrase of the item's reviewed text, from the cache or from the LLM at send time.
//   reviewed  a clinician-approved variant from the review file; no LLM call at run time.
// Whatever happens (timeout, error, rate limit, open breaker, a refusal by the verifier, anything
// unexpected) the scripted text goes out, and the reason is counted.
import { z } from 'zod';
import type { Rephraser } from '../coach/rephraser.js';
import type { Content } from '../content/schema.js';
import type { CachedRephrase, RephraseCacheKey, RephraseCacheStore } from '../store/rephrase-cache.js';
import { CircuitBreaker } from './circuit-breaker.js';
import { LlmCallError, type LlmClient } from './llm-client.js';
import { loadPrompt, type PromptTemplate } from './prompt.js';
import { assemble, contentItems, findUnit, type RephraseUnit } from './rephrase-unit.js';
import type { LlmMode } from './settings.js';
import { sourceHash, type ApprovedVariants } from './variants-file.js';
import { verifyRephrase } from './verify-rephrase.js';

/** The structured answer the model must give. */
export const rephraseAnswerSchema = z.object({ text: z.string() });

export interface LlmRephraserOptions {
  mode: LlmMode;
  content: Content;
  /** live: the endpoint. */
  llm?: LlmClient;
  /** live: where verified rephrases are kept (the store's table); an in-memory map when not given. */
  cache?: RephraseCacheStore;
  /** reviewed: the approved variants. */
  variants?: ApprovedVariants;
  tone?: string;
  locale?: string;
  /** How many different rephrases to keep per text (picked at random per reply). */
  variety?: number;
  breaker?: CircuitBreaker;
  /** A refused answer is remembered (scripted text for that slot) for this long before asking again. */
  retryRefusedAfterMs?: number;
  prompt?: PromptTemplate;
  random?: () => number;
  now?: () => number;
}

export interface RephraseStats {
  /** Rephrasable replies seen. */
  requests: number;
  /** Replies sent as a verified rephrase. */
  rephrased: number;
  /** Replies sent as the scripted text. */
  scripted: number;
  llmCalls: number;
  cacheHits: number;
  cacheMisses: number;
  /** Why the scripted text was sent, counted by reason (verifier reasons, timeout, breaker_open, ...). */
  fallbacks: Record<string, number>;
  breakerTrips: number;
}

export interface LlmRephraser extends Rephraser {
  readonly mode: LlmMode;
  stats(): RephraseStats;
}

export class MemoryRephraseCache implements RephraseCacheStore {
  private readonly rows = new Map<string, CachedRephrase>();
  private static key(k: RephraseCacheKey): string {
    return [k.contentId, k.contentVersion, k.tone, k.locale, k.sourceHash, k.slot].join('\u0000');
  }
  async get(key: RephraseCacheKey): Promise<CachedRephrase | null> { return this.rows.get(MemoryRephraseCache.key(key)) ?? null; }
  async put(key: RephraseCacheKey, entry: CachedRephrase): Promise<void> { this.rows.set(MemoryRephraseCache.key(key), entry); }
  get size(): number { return this.rows.size; }
}

export function createLlmRephraser(options: LlmRephraserOptions): LlmRephraser {
  const stats: RephraseStats = { requests: 0, rephrased: 0, scripted: 0, llmCalls: 0, cacheHits: 0, cacheMisses: 0, fallbacks: {}, breakerTrips: 0 };
  const snapshot = (): RephraseStats => ({ ...stats, fallbacks: { ...stats.fallbacks }, breakerTrips: breaker?.trips ?? 0 });
  const breaker = options.mode === 'live' ? options.breaker ?? new CircuitBreaker() : undefined;

  if (options.mode === 'off') {
    return { mode: 'off', stats: snapshot, async rephrase(reply) { return reply.text; } };
  }
  if (options.mode === 'live' && !options.llm) throw new Error('live mode needs an LLM client');
  if (options.mode === 'reviewed' && !options.variants) throw new Error('reviewed mode needs the approved variants');

  const { content } = options;
  const items = contentItems(content);
  const tone = options.tone ?? 'warm';
  const locale = options.locale ?? 'en';
  const variety = Math.max(1, options.variety ?? 3);
  const cache = options.cache ?? new MemoryRephraseCache();
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;
  const retryRefusedAfterMs = options.retryRefusedAfterMs ?? 24 * 3600_000;
  const prompt = options.mode === 'live' ? options.prompt ?? loadPrompt('rephrase') : undefined;
  /** Identical requests in flight share one LLM call. */
  const inFlight = new Map<string, Promise<string | { refused: string }>>();

  const scripted = (reply: { text: string }, reason: string): string => {
    stats.scripted += 1;
    stats.fallbacks[reason] = (stats.fallbacks[reason] ?? 0) + 1;
    return reply.text;
  };

  /** Puts a verified unit rephrase into the reply and checks the whole reply once more against the script. */
  const deliver = (reply: { text: string }, unit: RephraseUnit, rephrasedUnit: string): string => {
    const text = assemble(unit, rephrasedUnit);
    const verdict = verifyRephrase(reply.text, text, { requiredTerms: unit.requiredTerms });
    if (!verdict.ok) return scripted(reply, verdict.reason);
    stats.rephrased += 1;
    return text;
  };

  async function askModel(unit: RephraseUnit, key: RephraseCacheKey): Promise<string | { refused: string }> {
    stats.llmCalls += 1;
    let answer: z.infer<typeof rephraseAnswerSchema>;
    try {
      answer = await options.llm!.structured(prompt!.render({ tone, text: unit.template }), rephraseAnswerSchema, 'rephrase');
      breaker!.success();
    } catch (error) {
      // Only failures of the endpoint count towards the breaker; a bad answer means the endpoint is up.
      if (error instanceof LlmCallError && (error.kind === 'malformed' || error.kind === 'refusal')) breaker!.success();
      else breaker!.failure();
      throw error;
    }
    const verdict = verifyRephrase(unit.template, answer.text, { requiredTerms: unit.requiredTerms });
    const entry: CachedRephrase = verdict.ok
      ? { text: answer.text.trim(), rejectedReason: null, model: options.llm!.model, createdAt: new Date(now()).toISOString() }
      : { text: null, rejectedReason: verdict.reason, model: options.llm!.model, createdAt: new Date(now()).toISOString() };
    await cache.put(key, entry).catch(() => {});
    return verdict.ok ? entry.text! : { refused: verdict.reason };
  }

  async function live(reply: { text: string }, unit: RephraseUnit): Promise<string> {
    const key: RephraseCacheKey = {
      contentId: unit.contentId, contentVersion: content.version, tone, locale,
      sourceHash: sourceHash(unit.template), slot: Math.min(variety - 1, Math.floor(random() * variety)),
    };
    const cached = await cache.get(key).catch(() => null);
    if (cached && (cached.text !== null || now() - Date.parse(cached.createdAt) < retryRefusedAfterMs)) {
      stats.cacheHits += 1;
      return cached.text !== null ? deliver(reply, unit, cached.text) : scripted(reply, `cached_${cached.rejectedReason ?? 'refusal'}`);
    }
    stats.cacheMisses += 1;
    const flightKey = [key.contentId, key.sourceHash, key.slot].join('\u0000');
    let flight = inFlight.get(flightKey);
    if (!flight) {
      if (!breaker!.allow()) return scripted(reply, 'breaker_open');
      flight = askModel(unit, key).finally(() => inFlight.delete(flightKey));
      inFlight.set(flightKey, flight);
    }
    try {
      const result = await flight;
      return typeof result === 'string' ? deliver(reply, unit, result) : scripted(reply, result.refused);
    } catch (error) {
      return scripted(reply, error instanceof LlmCallError ? error.kind : 'error');
    }
  }

  function reviewed(reply: { text: string }, unit: RephraseUnit): string {
    const texts = options.variants!.approved(unit.contentId, sourceHash(unit.template));
    if (texts.length === 0) return scripted(reply, 'no_approved_variant');
    const pick = texts[Math.min(texts.length - 1, Math.floor(random() * texts.length))]!;
    const verdict = verifyRephrase(unit.template, pick, { requiredTerms: unit.requiredTerms });
    if (!verdict.ok) return scripted(reply, verdict.reason);
    return deliver(reply, unit, pick);
  }

  return {
    mode: options.mode,
    stats: snapshot,
    async rephrase(reply) {
      stats.requests += 1;
      try {
        const unit = findUnit(items, reply);
        if (typeof unit === 'string') return scripted(reply, unit);
        return options.mode === 'live' ? await live(reply, unit) : reviewed(reply, unit);
      } catch {
        return scripted(reply, 'error');
      }
    },
  };
}
