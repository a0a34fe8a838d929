// Optional understanding help: when the deterministic matcher is unsure which troubleshooting or FAQ topic a
// question is about, the LLM may pick one of the known ids, or "none". It never writes an answer: the reply
// still comes from flows/. Call it only after red-flag and crisis detection found nothing (they never depend
// on a model). Any failure, timeout or unexpected answer is "none", which leads to the ordinary reprompt.
import { z } from 'zod';
import type { Content } from '../content/schema.js';
import type { LlmClient } from './llm-client.js';
import { loadPrompt, type PromptTemplate } from './prompt.js';

export const NO_TOPIC = 'none' as const;

/** Removes what could identify someone before a question is sent: links, e-mail addresses, phone-like digit runs. */
export function redactQuestion(text: string): string {
  return text
    .replace(/(?:https?:\/\/|www\.)\S+/gi, '[link]')
    .replace(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, '[email]')
    .replace(/(?:\+?\d[\d\s().-]{4,}\d)/g, '[number]')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 500);
}

export interface TopicClassifier {
  /** One of `ids`, or "none". Never throws. */
  classifyTopic(text: string, ids: readonly string[]): Promise<string>;
}

export function createTopicClassifier(options: { llm: LlmClient; content: Content; prompt?: PromptTemplate; timeoutMs?: number }): TopicClassifier {
  const prompt = options.prompt ?? loadPrompt('classify-topic');
  const titles = new Map([...options.content.troubleshooting, ...options.content.faq].map((t) => [t.id, t.title]));
  return {
    async classifyTopic(text, ids) {
      const known = [...new Set(ids)].filter((id) => id !== NO_TOPIC);
      const question = redactQuestion(text);
      if (known.length === 0 || question === '') return NO_TOPIC;
      const schema = z.object({ topic: z.enum([NO_TOPIC, ...known] as [string, ...string[]]) });
      try {
        const topics = known.map((id) => `- ${id}: ${titles.get(id) ?? id}`).join('\n');
        const answer = await options.llm.structured(prompt.render({ topics, question }), schema, 'topic', { timeoutMs: options.timeoutMs, temperature: 0 });
        return known.includes(answer.topic) ? answer.topic : NO_TOPIC;
      } catch {
        return NO_TOPIC;
      }
    },
  };
}

/** The ids the classifier may choose from: every troubleshooting topic and FAQ in flows/. */
export function topicIds(content: Content): string[] {
  return [...content.troubleshooting, ...content.faq].map((t) => t.id);
}

/** The parts of the deterministic understanding (src/coach/understand) this helper reads and writes. */
export interface UnderstandingLike {
  text: string;
  crisis: boolean;
  redFlags: string[];
  maybeRedFlags: string[];
  rating?: number;
  yesNo?: 'yes' | 'no';
  command?: string;
  topic?: string;
  topicCandidates: string[];
}

/**
 * Lets the LLM settle a topic the deterministic matcher was unsure about (it found candidates but no topic).
 * Never consulted when the message mentions a crisis or a red flag (even an unclear one), or is a rating,
 * yes/no or command: those stay entirely deterministic. Returns the understanding unchanged, or with `topic`
 * set to one of the candidates. To wire it, the coach awaits this right after `understand(...)` in
 * handle-turn.ts when a classifier is configured (GENTLEPATH_LLM_CLASSIFY=1).
 */
export async function settleTopic<U extends UnderstandingLike>(understanding: U, classifier: TopicClassifier | undefined): Promise<U> {
  const u = understanding;
  if (!classifier || u.topic || u.topicCandidates.length === 0) return u;
  if (u.crisis || u.redFlags.length > 0 || u.maybeRedFlags.length > 0) return u;
  if (u.rating !== undefined || u.yesNo || u.command) return u;
  const topic = await classifier.classifyTopic(u.text, u.topicCandidates);
  return topic === NO_TOPIC ? u : { ...u, topic, topicCandidates: [] };
}
