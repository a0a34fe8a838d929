// The terminal channel: an interactive chat on a TTY, or a scripted mode reading one user message per line.
// Scripted lines starting with "#" are comments; "@now <ISO instant>" moves the clock (multi-day journeys).
import { createInterface } from 'node:readline';
import type { Coach, Deliver } from '../../coach/handle-turn.js';
import type { Scheduler } from '../../scheduler/scheduler.js';
import type { BotReply } from '../../coach/bot-reply.js';
import type { Button } from '../../coach/bot-reply.js';
import { choiceByNumber, renderForTerminal } from './render.js';
import { renderMessage } from '../../content/render-message.js';
import type { Content } from '../../content/schema.js';

export interface TerminalOptions {
  coach: Coach;
  /** Words shown by the terminal itself (flows/: terminal.banner). */
  content: Content;
  user: string;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  interactive: boolean;
  /** Moves the clock for "@now" lines. */
  setNow?: (instant: Date) => void;
  runId?: string;
  /** Columns to wrap replies at (the terminal's width); no wrapping when absent. */
  width?: number;
  /** Builds the scheduler that delivers check-ins live into this chat (interactive mode). */
  scheduler?: (deliver: Deliver) => Scheduler;
}

export async function runTerminalChat(options: TerminalOptions): Promise<void> {
  const { coach, user, output, interactive } = options;
  const print = (text: string) => output.write(`${text}\n`);
  // Take hold of the lines at once: lines read while we wait below would otherwise be lost.
  const lines = createInterface({ input: options.input, terminal: false, crlfDelay: Infinity })[Symbol.asyncIterator]();

  // The buttons on screen, so "2" can answer the second of them.
  let shown: Button[] | undefined;
  const deliver = async (_key: string, replies: BotReply[]) => {
    if (replies.length) shown = replies.at(-1)?.buttons;
    print(renderForTerminal(replies, { width: options.width }));
  };
  if (interactive) print(`${renderMessage(options.content, 'terminal.banner').text}\n`);
  // Replies the last run committed but could not print before it stopped.
  await coach.redeliver(deliver, { key: user, immediately: true });
  const scheduler = options.scheduler?.(async (key, replies) => { output.write('\n'); await deliver(key, replies); output.write('you> '); });
  if (interactive) {
    await scheduler?.drain();
    await coach.handleTurn(user, { text: '', opening: true }, deliver);
    scheduler?.start(15_000);
    output.write('you> ');
  }
  let lineNo = 0;
  for (let next = await lines.next(); !next.done; next = await lines.next()) {
    const raw = next.value;
    lineNo += 1;
    const line = raw.replace(/\r$/, '');
    if (!interactive) {
      if (line.startsWith('#')) continue;
      const at = /^@now\s+(\S+)\s*$/.exec(line);
      if (at) {
        const instant = new Date(at[1]!);
        if (Number.isNaN(instant.getTime())) print(`(ignored "${line}": not a date)`);
        else options.setNow?.(instant);
        continue;
      }
      print(`> ${line}`);
    }
    const text = choiceByNumber(line, shown)?.value ?? line;
    await coach.handleTurn(user, { text, inboundId: options.runId ? `${options.runId}:${lineNo}` : undefined }, deliver);
    if (interactive) output.write('you> ');
  }
  await scheduler?.stop();
}
