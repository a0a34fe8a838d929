// Every channel the server can run, in one list: a new channel is one folder with a channel.ts and one
// line here. (The terminal is not served over HTTP; its conversations are keyed "terminal:<user>".)
import type { ChannelDefinition } from './shared/channel.js';
import { botFrameworkChannel } from './botframework/channel.js';
import { slackChannel } from './slack/channel.js';
import { webChannel } from './web/channel.js';
import { TERMINAL_KEY_PREFIX } from './terminal/key.js';

export const CHANNELS: readonly ChannelDefinition<any>[] = [
  webChannel,
  botFrameworkChannel,
  slackChannel,
];

/** Key prefixes of every channel's conversations, the terminal's included (CLI export and delete). */
export const KEY_PREFIXES: readonly string[] = [...CHANNELS.map((c) => c.keyPrefix), TERMINAL_KEY_PREFIX];
