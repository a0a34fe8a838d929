// Proactive replies go back on the channel the conversation lives on, chosen by its key's prefix ("slack:...").
import type { Deliver } from '../coach/handle-turn.js';
import { CoachError } from '../errors.js';

/** `channels` maps a key prefix with its colon ("bf:") to that channel's delivery. */
export function createDeliveryRouter(channels: ReadonlyMap<string, Deliver>): Deliver {
  return async (key, replies) => {
    const prefix = key.slice(0, key.indexOf(':') + 1);
    const channel = channels.get(prefix);
    if (!channel) throw new CoachError('bad_input', `no channel can deliver to this conversation (prefix "${prefix}" is not served here)`);
    await channel(key, replies);
  };
}
