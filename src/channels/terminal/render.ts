// Replies as plain text: paragraphs, then the quick replies in brackets.
import type { BotReply } from '../../coach/bot-reply.js';

export function renderForTerminal(replies: readonly BotReply[]): string {
  // Markdown code fences are for chat apps; a terminal is monospaced already.
  const parts = replies.map((r) => r.text.replace(/^```\n?/gm, ''));
  const buttons = replies.at(-1)?.buttons;
  if (buttons?.length) parts.push(`  ${buttons.map((b) => `[${b.label}]`).join(' ')}`);
  return `${parts.join('\n\n')}\n`;
}
