// Slack payloads -> what the coach hears. Conversation keys are slack:<team>:<user>: one private
// conversation per person per workspace, whatever surface (DM, button, slash command) they use.
import { z } from 'zod';
import type { UserEvent } from '../../coach/user-event.js';

export const ACTION_ID_PREFIX = 'gentlepath_reply_';
export const ACTION_ID = /^gentlepath_reply_\d+$/;

export interface SlackInbound {
  key: string;
  user: string;
  /** Where to answer, when the payload names a direct-message channel. */
  channel?: string;
  event: UserEvent;
}

export function slackConversationKey(team: string, user: string): string {
  return `slack:${team}:${user}`;
}

/** The user id in a conversation key, for reaching them proactively. */
export function userOfKey(key: string): string | null {
  const match = /^slack:[^:]+:([^:]+)$/.exec(key);
  return match ? match[1]! : null;
}

/** Slack escapes &, < and > in message text. */
function unescapeText(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').trim();
}

const directMessageEnvelope = z.object({
  team_id: z.string().min(1),
  event_id: z.string().min(1),
  event: z.object({
    type: z.literal('message'),
    channel_type: z.literal('im'),
    channel: z.string().min(1),
    user: z.string().min(1),
    text: z.string().max(40_000).default(''),
    // Edits, joins, bot posts and the like carry a subtype or a bot id: not a person writing.
    subtype: z.undefined().optional(),
    bot_id: z.undefined().optional(),
  }).loose(),
}).loose();

/** A person's direct message to the app, or null for anything else (channel posts, edits, bot messages). */
export function parseDirectMessage(body: unknown): SlackInbound | null {
  const parsed = directMessageEnvelope.safeParse(body);
  if (!parsed.success) return null;
  const { team_id: team, event_id: eventId, event } = parsed.data;
  const text = unescapeText(event.text);
  if (text === '') return null;
  return { key: slackConversationKey(team, event.user), user: event.user, channel: event.channel, event: { text, inboundId: eventId } };
}

const blockActionBody = z.object({
  type: z.literal('block_actions'),
  trigger_id: z.string().min(1),
  user: z.object({ id: z.string().min(1), team_id: z.string().optional() }).loose(),
  team: z.object({ id: z.string().min(1) }).loose().nullable().optional(),
  channel: z.object({ id: z.string().min(1) }).loose().optional(),
  container: z.object({ type: z.string(), message_ts: z.string().optional() }).loose().optional(),
  actions: z.array(z.object({ action_id: z.string(), value: z.string().max(2000).optional(), action_ts: z.string().optional() }).loose()).min(1),
}).loose();

export interface SlackButtonClick extends SlackInbound {
  /** The message the button was on, to take its buttons away once used. */
  messageTs?: string;
}

/** A click on one of our reply buttons (in a DM or on App Home), or null. */
export function parseBlockAction(body: unknown): SlackButtonClick | null {
  const parsed = blockActionBody.safeParse(body);
  if (!parsed.success) return null;
  const b = parsed.data;
  const action = b.actions.find((a) => ACTION_ID.test(a.action_id));
  const team = b.team?.id ?? b.user.team_id;
  if (!action?.value || !team) return null;
  const inMessage = b.container?.type === 'message';
  return {
    key: slackConversationKey(team, b.user.id), user: b.user.id,
    channel: inMessage && b.channel?.id.startsWith('D') ? b.channel.id : undefined,
    messageTs: inMessage ? b.container?.message_ts : undefined,
    event: { text: action.value, inboundId: `action:${b.trigger_id}` },
  };
}

const slashCommand = z.object({
  team_id: z.string().min(1),
  user_id: z.string().min(1),
  channel_id: z.string().optional(),
  trigger_id: z.string().min(1),
  text: z.string().max(2000).default(''),
}).loose();

/** `/gentlepath` alone starts a check-in; `/gentlepath progress` (or help, ...) says that instead. */
export function parseSlashCommand(body: unknown): SlackInbound | null {
  const parsed = slashCommand.safeParse(body);
  if (!parsed.success) return null;
  const c = parsed.data;
  const text = unescapeText(c.text) || 'start';
  return { key: slackConversationKey(c.team_id, c.user_id), user: c.user_id, event: { text, inboundId: `command:${c.trigger_id}` } };
}

const homeOpened = z.object({
  team_id: z.string().min(1),
  event: z.object({ type: z.literal('app_home_opened'), user: z.string().min(1), tab: z.string().optional() }).loose(),
}).loose();

export function parseHomeOpened(body: unknown): { key: string; user: string } | null {
  const parsed = homeOpened.safeParse(body);
  if (!parsed.success || (parsed.data.event.tab ?? 'home') !== 'home') return null;
  return { key: slackConversationKey(parsed.data.team_id, parsed.data.event.user), user: parsed.data.event.user };
}
