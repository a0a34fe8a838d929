// What a channel hands the coach: one user message (typed or a button's value), with the channel's id for it.
import type { JobKind } from './session/session-types.js';

export interface UserEvent {
  text: string;
  /** A scheduled job coming due (check-in, rest end, ...), delivered through the same door as messages. */
  system?: { job: JobKind; dueAt: string };
  /** The channel's message id (Slack event id, Bot Framework activity id, terminal line number): redeliveries are processed once. */
  inboundId?: string;
  /** The user opened the chat (a terminal start, a page load): show where they are, without treating it as an answer. */
  opening?: boolean;
}
