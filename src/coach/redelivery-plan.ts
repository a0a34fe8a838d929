// What to send from a batch of replies that was committed but not (wholly) delivered, now that we come back
// to it: the replies the channel does not have yet, in order; but never an old question to a conversation
// that has moved on since, where it would be answered as if it were the current one.
import type { BotReply } from './bot-reply.js';

export interface BatchState {
  replies: readonly BotReply[];
  /** How many of the replies the channel already has. */
  delivered: number;
  /** The conversation version the batch's turn committed. */
  version: number;
}

export interface ConversationState {
  version: number;
  /** The version of the latest turn that had replies. */
  repliedVersion: number;
}

export interface RedeliveryPlan {
  /** Replies to send, each with the count to record as delivered once it is sent. */
  send: Array<{ reply: BotReply; deliveredAfter: number }>;
  /** Send the conversation's current question after them, in place of the stale one. */
  currentPrompt: boolean;
}

/**
 * A batch whose conversation is where the batch left it (or gone: "delete my data" confirms after erasing)
 * resumes at the first missing reply. A batch whose conversation has moved on keeps only what must never
 * be dropped: safety statements (crisis help, a pause for evaluation); its questions and ordinary texts
 * belong to a moment that has passed. If it held a question and no newer turn has replied since, the
 * person has not seen where the conversation now stands: they get the current question instead.
 */
export function planRedelivery(batch: BatchState, conversation: ConversationState | null): RedeliveryPlan {
  const remaining = batch.replies.map((reply, i) => ({ reply, deliveredAfter: i + 1 })).slice(batch.delivered);
  if (!conversation || conversation.version <= batch.version) return { send: remaining, currentPrompt: false };
  const send = remaining.filter(({ reply }) => isSafetyStatement(reply));
  const heldQuestion = remaining.some(({ reply }) => reply.expects !== undefined);
  return { send, currentPrompt: heldQuestion && conversation.repliedVersion <= batch.version };
}

const isSafetyStatement = (reply: BotReply) => !reply.expects && reply.contentIds.some((id) => id.startsWith('safety.'));
