// LLM settings from the environment, validated with the rest of the configuration (src/config.ts).
// Off unless GENTLEPATH_LLM_MODE says otherwise: with "off" no client is built and nothing leaves the machine.
import { z } from 'zod';

export const LLM_MODES = ['off', 'live', 'reviewed'] as const;
export type LlmMode = (typeof LLM_MODES)[number];

export const llmSettingsSchema = z.object({
  /** off: scripted text only. live: rephrase at send time. reviewed: only clinician-approved variants, no LLM call. */
  mode: z.enum(LLM_MODES),
  apiKey: z.string().min(1).optional(),
  /** Any OpenAI-compatible endpoint (OpenAI, Azure OpenAI, vLLM, Ollama, llama.cpp server). */
  baseURL: z.url().optional(),
  model: z.string().min(1).optional(),
  /** Longest wait for one LLM answer before the scripted text is sent. */
  timeoutMs: z.coerce.number().int().min(50).max(60_000),
  /** Named in the prompt ("warm", "encouraging", ...); part of the cache key. */
  tone: z.string().regex(/^[a-z][a-z -]{1,30}$/, 'a short lower-case word or two, like "warm"'),
  locale: z.string().regex(/^[a-z]{2}(-[A-Z]{2})?$/),
  /** Different cached rephrases per text, so repeated messages vary. */
  variety: z.coerce.number().int().min(1).max(10),
  /** The review file: written by `npm run variants`, read in reviewed mode. */
  variantsFile: z.string().min(1),
  /** Let the LLM pick a troubleshooting/FAQ id when deterministic matching is unsure (sends the question text). */
  classify: z.boolean(),
  /**
   * A second opinion on safety (sends the text of messages the safety rules found safe); it can only raise a
   * message to a kind question, never lower anything. Off unless GENTLEPATH_LLM_SAFETY_CHECK=1.
   */
  safetyCheck: z.boolean(),
}).superRefine((s, ctx) => {
  if (s.mode !== 'live' && !s.classify && !s.safetyCheck) return;
  if (!s.model) ctx.addIssue({ code: 'custom', path: ['model'], message: 'set GENTLEPATH_LLM_MODEL (the model name your endpoint serves)' });
  if (!s.apiKey && !s.baseURL) ctx.addIssue({ code: 'custom', path: ['apiKey'], message: 'set OPENAI_API_KEY, or OPENAI_BASE_URL for a local server that needs no key' });
});

export type LlmSettings = z.infer<typeof llmSettingsSchema>;

/** The raw values, for the schema above. */
export function llmSettingsFromEnv(env: NodeJS.ProcessEnv): Record<string, unknown> {
  return {
    mode: env.GENTLEPATH_LLM_MODE || 'off',
    apiKey: env.OPENAI_API_KEY || undefined,
    baseURL: env.OPENAI_BASE_URL || undefined,
    model: env.GENTLEPATH_LLM_MODEL || undefined,
    timeoutMs: env.GENTLEPATH_LLM_TIMEOUT_MS || 2000,
    tone: env.GENTLEPATH_LLM_TONE || 'warm',
    locale: env.GENTLEPATH_LLM_LOCALE || 'en',
    variety: env.GENTLEPATH_LLM_VARIETY || 3,
    variantsFile: env.GENTLEPATH_LLM_VARIANTS_FILE || 'flows-review/variants.yaml',
    classify: env.GENTLEPATH_LLM_CLASSIFY === '1',
    safetyCheck: env.GENTLEPATH_LLM_SAFETY_CHECK === '1',
  };
}

/** Settings parsed from the environment alone (the variants command and the benchmark use it). */
export function loadLlmSettings(env: NodeJS.ProcessEnv = process.env): LlmSettings {
  const result = llmSettingsSchema.safeParse(llmSettingsFromEnv(env));
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new Error(`invalid LLM setting ${issue.path.join('.')}: ${issue.message}`);
  }
  return result.data;
}
