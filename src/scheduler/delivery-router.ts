// Proactive replies go back on the channel the conversation lives on, chosen by its key's prefix ("slack:...").
import type { Deliver } from '../coach/handle-turn.js';
import { CoachError } from '../errors.js';

export function createDeliveryRouter(channels: Record<string, Deliver>): Deliver {
  return async (key, replies) => {
    const channel = channels[key.slice(0, key.indexOf(':'))];
    if (!channel) throw new CoachError('bad_input', `no channel can deliver to this conversation (prefix "${key.split(':')[0]}")`);
    await channel(key, replies);
  };
}
