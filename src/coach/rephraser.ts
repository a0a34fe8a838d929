// The seam for an optional LLM voice: only rephrasable replies pass through it, and it may only
// return a verified rewording of the scripted text, or that text unchanged.
import type { BotReply } from './bot-reply.js';

export interface Rephraser {
  /** The text to send for a rephrasable reply. Must never throw and never wait past its own timeout. */
  rephrase(reply: Pick<BotReply, 'text' | 'contentIds'>): Promise<string>;
}

export async function applyRephraser(rephraser: Rephraser | undefined, replies: BotReply[]): Promise<BotReply[]> {
  if (!rephraser) return replies;
  return Promise.all(replies.map(async (reply) => {
    if (!reply.rephrasable) return reply;
    try {
      return { ...reply, text: await rephraser.rephrase(reply) };
    } catch {
      return reply;
    }
  }));
}
