// The text a user sees for a scripted content id: a chat message, or a history question.
import { renderMessage } from '../../src/content/render-message.js';
import type { MessageId } from '../../src/content/message-ids.js';
import type { Content } from '../../src/content/schema.js';

export function scriptedText(content: Content, id: string): string {
  const history = content.history_flags.find((h) => h.id === id);
  if (history) return history.question;
  return renderMessage(content, id as MessageId).text;
}
