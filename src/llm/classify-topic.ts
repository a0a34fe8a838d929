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
