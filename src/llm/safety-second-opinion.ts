// Optional second opinion on safety (GENTLEPATH_LLM_SAFETY_CHECK=1, off by default): a message the
// deterministic safety module found safe may be shown to the LLM, which can only RAISE it to a kind question
// (a possible crisis, or one possible red flag). It never lowers or cancels what the rules found, never writes a
// reply, and any failure or timeout leaves the rules' answer as it was.
import { z } from 'zod';
import type { Content } from '../content/schema.js';
import { redactQuestion } from './classify-topic.js';
import type { LlmClient } from './llm-client.js';
import { loadPrompt, type PromptTemplate } from './prompt.js';
import type { SafetySecondOpinion } from '../coach/safety-second-opinion.js';


export function createSafetySecondOpinion(options: { llm: LlmClient; content: Content; prompt?: PromptTemplate; timeoutMs?: number }): SafetySecondOpinion {
  const prompt = options.prompt ?? loadPrompt('safety-second-opinion');
  const ids = options.content.red_flags.map((f) => f.id);
  const schema = z.object({ crisis: z.enum(['no', 'possible']), red_flag: z.enum(['none', ...ids] as [string, ...string[]]) });
  const redFlags = options.content.red_flags.map((f) => `- ${f.id}: ${f.label}`).join('\n');
  return {
    async check(text) {
      const message = redactQuestion(text);
      if (message === '') return { crisis: false };
      try {
        const answer = await options.llm.structured(prompt.render({ red_flags: redFlags, message }), schema, 'safety', { timeoutMs: options.timeoutMs, temperature: 0 });
        return { crisis: answer.crisis === 'possible', ...(ids.includes(answer.red_flag) ? { redFlag: answer.red_flag } : {}) };
      } catch {
        return { crisis: false };
      }
    },
  };
}

