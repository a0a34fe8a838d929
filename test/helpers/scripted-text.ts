// The text a user sees for a scripted content id: a chat message, or a history question.
import { renderMessage } from '../../src/content/render-message.js';
import type { MessageId } from '../../src/content/message-ids.js';
import type { Content } from '../../src/content/schema.js';
import { claimText } from '../../src/content/review-state.js';

export function scriptedText(content: Content, id: string): string {
  const history = content.history_flags.find((h) => h.id === id);
  if (history) return history.question;
  // The welcome carries the claim GentlePath makes about its content (derived from the review state).
  return renderMessage(content, id as MessageId, { claim: claimText(content) }).text;
}
