// Bot Framework Activity -> what the coach hears. Channel plumbing only: no coaching decisions here.
import { z } from 'zod';
import type { UserEvent } from '../../coach/user-event.js';

const account = z.object({ id: z.string().min(1), name: z.string().optional() }).loose();

export const inboundActivitySchema = z.object({
  type: z.string().min(1),
  id: z.string().optional(),
  channelId: z.string().min(1),
  serviceUrl: z.string().optional(),
  conversation: z.object({ id: z.string().min(1), isGroup: z.boolean().optional(), conversationType: z.string().optional() }).loose(),
  from: account,
  recipient: account.optional(),
  text: z.string().optional(),
  /** An Adaptive Card submit (or a messageBack) carries the button's data here. */
  value: z.unknown().optional(),
  membersAdded: z.array(account).optional(),
}).loose();

export type InboundActivity = z.infer<typeof inboundActivitySchema>;

/** The button data our Adaptive Cards send back on submit. */
const submitValue = z.object({ reply: z.string().max(500) }).loose();

export type BotFrameworkInbound =
  | { kind: 'turn'; key: string; event: UserEvent }
  /** A group chat or team channel: health coaching only happens one to one. */
  | { kind: 'group' }
  | { kind: 'ignore'; reason: string };

export function conversationKeyFor(activity: Pick<InboundActivity, 'channelId' | 'conversation'>): string {
  return `bf:${activity.channelId}:${activity.conversation.id}`;
}

/** Removes "<at>GentlePath</at>" mentions Teams puts into the text. */
function withoutMentions(text: string): string {
  return text.replace(/<at\b[^>]*>.*?<\/at>/gis, ' ').replace(/\s+/g, ' ').trim();
}

export function parseActivity(raw: unknown): BotFrameworkInbound {
  const parsed = inboundActivitySchema.safeParse(raw);
  if (!parsed.success) return { kind: 'ignore', reason: 'malformed' };
  const activity = parsed.data;
  const key = conversationKeyFor(activity);
  const inboundId = activity.id || undefined;
  const isGroup = activity.conversation.isGroup === true
    || (activity.conversation.conversationType !== undefined && activity.conversation.conversationType !== 'personal');

  if (activity.type === 'conversationUpdate') {
    const added = activity.membersAdded ?? [];
    const botId = activity.recipient?.id;
    // Teams tells a personal chat about the bot being added (the user is not listed); other channels
    // (Emulator, Web Chat) list the user joining. Either way: greet once, as an opening turn.
    const greet = activity.channelId === 'msteams'
      ? added.some((m) => m.id === botId)
      : added.some((m) => m.id !== botId);
    if (!greet) return { kind: 'ignore', reason: 'members' };
    if (isGroup) return { kind: 'ignore', reason: 'group' };
    return { kind: 'turn', key, event: { text: '', opening: true, inboundId } };
  }
  if (activity.type !== 'message') return { kind: 'ignore', reason: activity.type };
  if (isGroup) return { kind: 'group' };
  const submitted = submitValue.safeParse(activity.value);
  const text = submitted.success ? submitted.data.reply : withoutMentions(activity.text ?? '');
  if (text === '') return { kind: 'ignore', reason: 'empty' };
  return { kind: 'turn', key, event: { text, inboundId } };
}
