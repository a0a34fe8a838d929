// The coach's replies as Slack messages (quick replies and 0-10 ratings as Block Kit buttons), and the
// App Home view (current step, next check-in). The progress chart becomes a PNG file uploaded into the DM
// (image blocks need a public URL; an uploaded file is shown inline).
import type { types } from '@slack/bolt';
import type { BotReply } from '../../coach/bot-reply.js';
import { chartPng } from '../shared/chart-png.js';
import { levelName } from '../../coach/session/level-name.js';
import type { Content } from '../../content/schema.js';
import type { ConversationSummary } from '../../coach/conversation-summary.js';
import { renderMessage } from '../../content/render-message.js';
import { claimText } from '../../content/review-state.js';
import { ACTION_ID_PREFIX } from './parse.js';

type Block = types.Block;
type KnownBlock = types.KnownBlock;
type HomeView = types.HomeView;

export interface SlackMessage {
  text: string;
  /** false: the text is shown as written, not as Slack markup. */
  mrkdwn: boolean;
  blocks?: (KnownBlock | Block)[];
}

/** Slack's limit for a section's text. */
const SECTION_MAX = 3000;
/** An actions block holds at most 25 elements; a button label at most 75 characters. */
const ACTIONS_MAX = 25;

/** Slack reads &, < and > as markup in message text. */
export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function chunks(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out.length ? out : [' '];
}

export function renderForSlack(replies: readonly BotReply[]): SlackMessage[] {
  return replies.map((reply) => {
    const message: SlackMessage = { text: escapeText(reply.text), mrkdwn: false };
    const buttons = reply.buttons ?? [];
    if (buttons.length === 0) return message;
    message.blocks = [
      ...chunks(reply.text, SECTION_MAX).map((part) => ({ type: 'section' as const, text: { type: 'plain_text' as const, text: part, emoji: true } })),
      ...buttonRows(buttons),
    ];
    return message;
  });
}

export interface SlackUpload {
  filename: string;
  title: string;
  alt_text: string;
  file: Buffer;
}

export const CHART_ALT = 'Pain ratings over the last 14 days';

/** The file to upload after the reply's message: the progress chart as a PNG, or null. */
export function renderUpload(reply: BotReply): SlackUpload | null {
  if (reply.attachment?.kind !== 'chart') return null;
  return { filename: 'progress.png', title: 'Your last 14 days', alt_text: CHART_ALT, file: chartPng(reply.attachment.svg) };
}

function buttonRows(buttons: readonly { label: string; value: string }[]): KnownBlock[] {
  const rows: KnownBlock[] = [];
  for (let i = 0; i < buttons.length; i += ACTIONS_MAX) {
    rows.push({
      type: 'actions', block_id: `gentlepath_replies_${i / ACTIONS_MAX}`,
      elements: buttons.slice(i, i + ACTIONS_MAX).map((b, j) => ({
        type: 'button', action_id: `${ACTION_ID_PREFIX}${i + j}`, value: b.value,
        text: { type: 'plain_text', text: b.label.slice(0, 75), emoji: true },
      })),
    });
  }
  return rows;
}

/** The message after a button on it was used: the same text, the choice noted, no buttons left to press twice. */
export function answeredBlocks(blocks: readonly (KnownBlock | Block)[] | undefined, chosen: string): (KnownBlock | Block)[] {
  const kept = (blocks ?? []).filter((b) => b.type !== 'actions');
  return [...kept, { type: 'context', elements: [{ type: 'plain_text', text: `You chose: ${chosen}`.slice(0, 2000), emoji: true }] }];
}

/** "today at 20:00" / "tomorrow at 20:00" in the user's zone, or null when no check-in time is set. */
export function nextCheckIn(now: Date, reminderTime: string | null, timeZone: string | null): string | null {
  if (!reminderTime || !/^\d{2}:\d{2}$/.test(reminderTime)) return null;
  const zone = timeZone ?? 'UTC';
  let local: string;
  try {
    local = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(now);
  } catch {
    return `daily at ${reminderTime}`;
  }
  return `${local < reminderTime ? 'today' : 'tomorrow'} at ${reminderTime} (${zone})`;
}

export function renderHomeView(content: Content, summary: ConversationSummary | null, now: Date): HomeView {
  const section = (text: string): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text } });
  const blocks: KnownBlock[] = [{ type: 'header', text: { type: 'plain_text', text: 'GentlePath' } }];
  if (!summary?.progress) {
    blocks.push(section('You have not started the program yet. Send me a direct message, or press *Start*, and I will walk you through the first steps.'));
  } else {
    blocks.push(section(`*Current step:* ${escapeText(levelName(content, summary.progress))}`));
    if (summary.paused) blocks.push(section('*Practice is paused.* Our direct messages say why and what comes next.'));
    const next = nextCheckIn(now, summary.reminderTime, summary.timeZone);
    blocks.push(section(`*Next check-in:* ${next ? escapeText(next) : 'no daily reminder set'}`));
  }
  blocks.push(...buttonRows([{ label: summary?.progress ? 'Start check-in' : 'Start', value: 'start' }, { label: 'Progress', value: 'progress' }, { label: 'Help', value: 'help' }]));
  blocks.push({ type: 'context', elements: [
    { type: 'plain_text', text: claimText(content), emoji: false },
    { type: 'plain_text', text: renderMessage(content, 'disclaimer.short').text, emoji: false },
  ] });
  return { type: 'home', blocks };
}
