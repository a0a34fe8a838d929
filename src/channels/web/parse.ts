// An activity posted by Web Chat to the local Direct Line endpoint -> what the coach hears.
import { z } from 'zod';
import type { UserEvent } from '../../coach/user-event.js';

/** The event the page sends once connected: the coach greets a new visitor or shows where they are. */
export const JOIN_EVENT = 'webchat/join';

export const postedActivitySchema = z.object({
  type: z.string().min(1).max(50),
  text: z.string().max(4000).optional(),
  name: z.string().max(100).optional(),
  value: z.unknown().optional(),
  from: z.object({ id: z.string().max(200), name: z.string().max(200).optional(), role: z.string().optional() }).loose().optional(),
  channelData: z.object({ clientActivityID: z.string().max(200).optional() }).loose().optional(),
}).loose();

export type PostedActivity = z.infer<typeof postedActivitySchema>;

const submitValue = z.object({ reply: z.string().max(500) }).loose();

/** The coach's input for a posted activity, or null when it is not for the coach (typing, other events). */
export function parsePostedActivity(activity: PostedActivity): UserEvent | null {
  // The client's own id survives its retries, so a retried post is processed once. Without one there is
  // nothing to recognise a retry by (the server gives a retry a new id), and a server id must not be used:
  // after a restart or a deleted transcript it could name an earlier message and the new one would be dropped.
  const clientId = activity.channelData?.clientActivityID;
  const inboundId = clientId ? `web:${clientId}` : undefined;
  if (activity.type === 'event') {
    return activity.name === JOIN_EVENT ? { text: '', opening: true, ...(inboundId ? { inboundId } : {}) } : null;
  }
  if (activity.type !== 'message') return null;
  const submitted = submitValue.safeParse(activity.value);
  const text = submitted.success ? submitted.data.reply : (activity.text ?? '').trim();
  return text === '' ? null : { text, ...(inboundId ? { inboundId } : {}) };
}
