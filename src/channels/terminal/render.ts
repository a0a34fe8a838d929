// Replies as plain text for a terminal: paragraphs word-wrapped to its width (a word is never cut), then
// the quick replies: numbered when they are words ("[1] Yes  [2] No", answerable by number), as they are
// when they are numbers themselves (0-10 ratings), so "1" always means what it says.
import type { BotReply, Button } from '../../coach/bot-reply.js';

export interface TerminalRenderOptions {
  /** Columns to wrap at; no wrapping when absent (a pipe, a file). */
  width?: number;
}

const isNumberLabel = (button: Button) => /^\d+$/.test(button.label.trim());

/** Whether the buttons are shown with numbers to answer by. */
export function numbersChoices(buttons: readonly Button[] | undefined): boolean {
  return Boolean(buttons?.length) && !buttons!.every(isNumberLabel);
}

/** The button a typed line picks by its number ("2", "2)", "2."), when the buttons are numbered. */
export function choiceByNumber(line: string, buttons: readonly Button[] | undefined): Button | undefined {
  if (!numbersChoices(buttons)) return undefined;
  const match = /^\s*(\d{1,2})\s*[.)]?\s*$/.exec(line);
  if (!match) return undefined;
  return buttons![Number(match[1]) - 1];
}

/** Wraps one line at spaces; a continuation keeps the line's indent (and a list item's hanging indent). */
function wrapLine(line: string, width: number): string[] {
  if (line.length <= width) return [line];
  const indent = /^(\s*(?:[-*•]\s+|\d+[.)]\s+)?)/.exec(line)![1]!;
  const hanging = ' '.repeat(indent.length);
  const words = line.slice(indent.length).split(/ +/).filter(Boolean);
  const out: string[] = [];
  let current = indent;
  let empty = true;
  for (const word of words) {
    if (!empty && current.length + 1 + word.length > width) {
      out.push(current);
      current = hanging + word;
    } else {
      current = empty ? current + word : `${current} ${word}`;
    }
    empty = false;
  }
  out.push(current);
  return out;
}

export function wrapText(text: string, width: number): string {
  return text.split('\n').flatMap((line) => wrapLine(line, Math.max(20, width))).join('\n');
}

function choicesLine(buttons: readonly Button[]): string {
  return numbersChoices(buttons)
    ? buttons.map((b, i) => `[${i + 1}] ${b.label}`).join('  ')
    : buttons.map((b) => `[${b.label}]`).join(' ');
}

export function renderForTerminal(replies: readonly BotReply[], options: TerminalRenderOptions = {}): string {
  // Markdown code fences are for chat apps; a terminal is monospaced already.
  // A calendar file cannot be handed over in a terminal: the line that offers one is left out.
  const parts = replies.filter((r) => r.attachment?.kind !== 'calendar').map((r) => r.text.replace(/^```\n?/gm, ''));
  const buttons = replies.at(-1)?.buttons;
  if (buttons?.length) parts.push(`  ${choicesLine(buttons)}`);
  const text = parts.join('\n\n');
  return `${options.width ? wrapText(text, options.width) : text}\n`;
}
