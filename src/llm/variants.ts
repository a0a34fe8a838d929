// Generates rephrase variants of every rephrasable content item for clinical review: asks the LLM for
// several wordings per item, runs each through the verifier, and returns the survivors (deduplicated).
import { z } from 'zod';
import type { Content } from '../content/schema.js';
import { LlmCallError, type LlmClient } from './llm-client.js';
import { loadPrompt, type PromptTemplate } from './prompt.js';
import { contentItems } from './rephrase-unit.js';
import { words } from './text-facts.js';
import { sourceHash, type VariantsFile } from './variants-file.js';
import { verifyRephrase } from './verify-rephrase.js';

export const variantsAnswerSchema = z.object({ variants: z.array(z.string()) });

export interface VariantsReport {
  items: number;
  asked: number;
  received: number;
  survived: number;
  refused: Record<string, number>;
  failedItems: Array<{ contentId: string; reason: string }>;
}

export interface GenerateOptions {
  content: Content;
  llm: LlmClient;
  perItem: number;
  tone?: string;
  /** Only items whose id starts with one of these. */
  only?: string[];
  prompt?: PromptTemplate;
  onItem?: (contentId: string, survived: number) => void;
  now?: () => Date;
}

/** Items worth rephrasing: rephrasable, with some words of their own besides placeholders. */
export function rephrasableItems(content: Content, only?: string[]) {
  return [...contentItems(content).values()].filter((item) => item.rephrasable
    && words(item.text).length >= 3
    && (!only || only.length === 0 || only.some((prefix) => item.id.startsWith(prefix))));
}

export async function generateVariants(options: GenerateOptions): Promise<{ file: VariantsFile; report: VariantsReport }> {
  const prompt = options.prompt ?? loadPrompt('variants');
  const tone = options.tone ?? 'warm';
  const report: VariantsReport = { items: 0, asked: 0, received: 0, survived: 0, refused: {}, failedItems: [] };
  const file: VariantsFile = {
    content_version: options.content.version, model: options.llm.model,
    generated_at: (options.now?.() ?? new Date()).toISOString(), items: [],
  };
  for (const item of rephrasableItems(options.content, options.only)) {
    report.items += 1;
    report.asked += options.perItem;
    const template = item.text.trim();
    let answer: z.infer<typeof variantsAnswerSchema>;
    try {
      answer = await options.llm.structured(prompt.render({ tone, count: String(options.perItem), text: template }), variantsAnswerSchema, 'variants');
    } catch (error) {
      report.failedItems.push({ contentId: item.id, reason: error instanceof LlmCallError ? error.kind : 'error' });
      options.onItem?.(item.id, 0);
      continue;
    }
    const kept: string[] = [];
    for (const raw of answer.variants.slice(0, options.perItem * 2)) {
      report.received += 1;
      const text = raw.trim();
      const verdict = verifyRephrase(template, text, { requiredTerms: item.required_terms });
      if (!verdict.ok) { report.refused[verdict.reason] = (report.refused[verdict.reason] ?? 0) + 1; continue; }
      if (text === template || kept.includes(text)) { report.refused.duplicate = (report.refused.duplicate ?? 0) + 1; continue; }
      kept.push(text);
    }
    report.survived += kept.length;
    options.onItem?.(item.id, kept.length);
    if (kept.length > 0) {
      file.items.push({ content_id: item.id, source_hash: sourceHash(template), source: template, variants: kept.map((text) => ({ text, approved: false })) });
    }
  }
  return { file, report };
}
