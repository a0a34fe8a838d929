// The coach's replies as Slack messages (quick replies and 0-10 ratings as Block Kit buttons), and the
// App Home view (current step, next check-in). The progress chart becomes a PNG file uploaded into the DM
// (image blocks need a public URL; an uploaded file is shown inline).
import type { types } from '@slack/bolt';
import type { BotReply } from '../../coach/bot-reply.js';
import { chartPng } from '../shared/chart-png.js';
import { CALENDAR_FILE_NAME, calendarFileFor } from '../shared/calendar-ics.js';
import { levelName } from '../../coach/session/level-name.js';
import type { Content } from '../../content/schema.js';
import type { ConversationSummary } from '../../coach/conversation-summary.js';
import { renderMessage, type Vars } from '../../content/render-message.js';
import type { MessageId } from '../../content/message-ids.js';
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
  /** For pictures: what a screen reader says. */
  alt_text?: string;
  file: Buffer;
}

/**
 * The file to upload after the reply's message: the progress chart as a PNG, the daily check-in as a calendar
 * file made for this conversation (`key`) at `now`, or null.
 */
export function renderUpload(reply: BotReply, key: string, now: Date): SlackUpload | null {
  const attachment = reply.attachment;
  if (attachment?.kind === 'chart') return { filename: 'progress.png', title: attachment.title ?? '', alt_text: attachment.alt ?? '', file: chartPng(attachment.svg) };
  if (attachment?.kind === 'calendar') return { filename: CALENDAR_FILE_NAME, title: attachment.title, file: Buffer.from(calendarFileFor(attachment, key, now), 'utf8') };
  return null;
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
export function answeredBlocks(content: Content, blocks: readonly (KnownBlock | Block)[] | undefined, chosen: string): (KnownBlock | Block)[] {
  const kept = (blocks ?? []).filter((b) => b.type !== 'actions');
  const note = renderMessage(content, 'channel.you_chose', { choice: chosen }).text;
  return [...kept, { type: 'context', elements: [{ type: 'plain_text', text: note.slice(0, 2000), emoji: true }] }];
}

/** "today at 20:00 (Europe/Berlin)" / "tomorrow at ..." in the user's zone (words from flows/), or null when no check-in time is set. */
export function nextCheckIn(content: Content, now: Date, reminderTime: string | null, timeZone: string | null): string | null {
  if (!reminderTime || !/^\d{2}:\d{2}$/.test(reminderTime)) return null;
  const zone = timeZone ?? 'UTC';
  let local: string;
  try {
    local = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(now);
  } catch {
    return renderMessage(content, 'when.daily_at', { time: reminderTime }).text;
  }
  return renderMessage(content, local < reminderTime ? 'when.today_at' : 'when.tomorrow_at', { time: reminderTime, zone }).text;
}

export function renderHomeView(content: Content, summary: ConversationSummary | null, now: Date): HomeView {
  const say = (id: MessageId, vars: Vars = {}) => renderMessage(content, id, vars).text;
  const section = (text: string): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text } });
  const blocks: KnownBlock[] = [{ type: 'header', text: { type: 'plain_text', text: 'GentlePath' } }];
  if (!summary?.progress) {
    blocks.push(section(say('home.not_started')));
  } else {
    blocks.push(section(say('home.step', { step: escapeText(levelName(content, summary.progress)) })));
    if (summary.paused) blocks.push(section(say('home.paused')));
    const next = nextCheckIn(content, now, summary.reminderTime, summary.timeZone);
    blocks.push(section(say('home.next_checkin', { when: next ? escapeText(next) : say('home.no_reminder') })));
  }
  blocks.push(...buttonRows([
    { label: say(summary?.progress ? 'button.start_checkin' : 'button.start'), value: 'start' },
    { label: say('button.progress'), value: 'progress' },
    { label: say('button.help'), value: 'help' },
  ]));
  blocks.push({ type: 'context', elements: [
    { type: 'plain_text', text: claimText(content), emoji: false },
    { type: 'plain_text', text: say('disclaimer.short'), emoji: false },
  ] });
  return { type: 'home', blocks };
}
