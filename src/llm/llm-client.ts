// One structured call to an OpenAI-compatible chat endpoint through the official SDK: the answer is JSON
// parsed with a zod schema, or the call fails with a reason. Never waits past its timeout (the SDK's own
// timeout, an abort signal and a local deadline all stop it) and never retries: a retry would add waiting
// the user would notice, and the scripted text is always there instead.
import OpenAI from 'openai';
import { zodResponseFormat } from 'openai/helpers/zod';
import type { z } from 'zod';
import type { PromptMessages } from './prompt.js';

export type LlmFailure = 'timeout' | 'rate_limited' | 'server_error' | 'client_error' | 'connection' | 'malformed' | 'refusal';

export class LlmCallError extends Error {
  constructor(readonly kind: LlmFailure, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LlmCallError';
  }
}

export interface LlmClientOptions {
  apiKey?: string;
  baseURL?: string;
  model: string;
  timeoutMs: number;
  /** Sampling temperature for rephrasing; a little variety, not much. */
  temperature?: number;
}

export interface LlmClient {
  readonly model: string;
  /** Sends the prompt and returns the answer parsed by `schema`. Throws LlmCallError. */
  structured<T>(prompt: PromptMessages, schema: z.ZodType<T>, name: string, options?: { timeoutMs?: number; temperature?: number }): Promise<T>;
}

export function createLlmClient(options: LlmClientOptions): LlmClient {
  const client = new OpenAI({
    // A local server (vLLM, Ollama, llama.cpp) needs no key, but the SDK wants one.
    apiKey: options.apiKey ?? 'not-needed',
    baseURL: options.baseURL,
    timeout: options.timeoutMs,
    maxRetries: 0,
  });
  return {
    model: options.model,
    async structured<T>(prompt: PromptMessages, schema: z.ZodType<T>, name: string, call: { timeoutMs?: number; temperature?: number } = {}): Promise<T> {
      const timeoutMs = call.timeoutMs ?? options.timeoutMs;
      const controller = new AbortController();
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => {
          controller.abort();
          reject(new LlmCallError('timeout', `no answer within ${timeoutMs} ms`));
        }, timeoutMs);
      });
      try {
        const request = client.chat.completions.parse({
          model: options.model,
          temperature: call.temperature ?? options.temperature ?? 0.7,
          messages: [{ role: 'system', content: prompt.system }, { role: 'user', content: prompt.user }],
          response_format: zodResponseFormat(schema, name),
        }, { signal: controller.signal, timeout: timeoutMs, maxRetries: 0 });
        request.catch(() => {}); // the deadline may win the race; its loser must not be an unhandled rejection
        const completion = await Promise.race([request, deadline]);
        const message = completion.choices[0]?.message;
        if (message?.refusal) throw new LlmCallError('refusal', 'the model refused');
        if (message?.parsed === null || message?.parsed === undefined) throw new LlmCallError('malformed', 'no parsed answer');
        return message.parsed as T;
      } catch (error) {
        throw classify(error, timeoutMs);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

function classify(error: unknown, timeoutMs: number): LlmCallError {
  if (error instanceof LlmCallError) return error;
  if (error instanceof OpenAI.APIConnectionTimeoutError || error instanceof OpenAI.APIUserAbortError) {
    return new LlmCallError('timeout', `no answer within ${timeoutMs} ms`, { cause: error });
  }
  if (error instanceof OpenAI.RateLimitError) return new LlmCallError('rate_limited', 'rate limited (429)', { cause: error });
  if (error instanceof OpenAI.InternalServerError) return new LlmCallError('server_error', `server error (${error.status})`, { cause: error });
  if (error instanceof OpenAI.APIConnectionError) return new LlmCallError('connection', 'cannot reach the LLM endpoint', { cause: error });
  if (error instanceof OpenAI.APIError) return new LlmCallError('client_error', `request refused (${error.status ?? '?'})`, { cause: error });
  // JSON that does not parse, does not fit the schema, or an answer cut off by length or a content filter.
  return new LlmCallError('malformed', `unusable answer: ${(error as Error)?.name ?? 'error'}`, { cause: error });
}
