// The one seam between the server and a channel. A channel is a folder under src/channels/ with a
// channel.ts exporting a ChannelDefinition, listed once in src/channels/registry.ts; the server knows
// channels only through this interface (routes, deliver, start/stop, health, key prefix, settings).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Coach, Deliver } from '../../coach/handle-turn.js';
import type { Store } from '../../coach/store-port.js';
import type { Content } from '../../content/schema.js';
import type { Config } from '../../config.js';
import type { Logger } from '../../logger.js';
import type { ConversationRefs } from '../../store/conversation-refs.js';
import type { WebTranscripts } from '../../store/web-transcripts.js';

/** The settings a channel may read: the whole validated configuration, of which tests give only a part. */
export type ChannelConfig = Partial<Config> & Pick<Config, 'host'>;

export interface ChannelContext {
  coach: Coach;
  content: Content;
  /** Read-only use of the coach's store (App Home, the physio summary), and where proactive references are kept. */
  store: Pick<Store, 'loadConversation' | 'exportUser'>;
  refs: ConversationRefs;
  /** The local web page's browser claims and transcripts. */
  webTranscripts: WebTranscripts;
  logger: Logger;
  /** Tests: base URLs of local fakes of remote APIs, by name (e.g. slackApiUrl). */
  overrides?: Readonly<Record<string, string | undefined>>;
}

export interface Route {
  /** An exact path, or a prefix when it ends with "/*" (the prefix itself matches too). */
  path: string;
  /** Other methods get 405. */
  methods: readonly string[];
  handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> | void;
}

export interface Channel {
  readonly routes: readonly Route[];
  /** A WebSocket upgrade for one of its paths; false when the path is not its own. */
  handleUpgrade?(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  /** Sends replies to a conversation of this channel without being spoken to (redelivery, scheduled messages). */
  deliver: Deliver;
  /** After the server listens: connect outwards (Slack Socket Mode) or check credentials. */
  start(): Promise<void>;
  /** Stops taking work, closes its connections and waits for the turns it started. */
  stop(): Promise<void>;
  /** Resolves when the turns it runs after acknowledging a request have finished (tests, shutdown). */
  idle(): Promise<void>;
  /** What /healthz reports for this channel (a mode such as "local", or true). */
  health(): string | boolean;
}

export interface ChannelDefinition<Settings = unknown> {
  /** Its name in /healthz and in logs. */
  readonly name: string;
  /** Every conversation key of this channel starts with it ("web:", "bf:", ...). */
  readonly keyPrefix: string;
  /** Its settings picked from the configuration; undefined when the channel is off. */
  settings(config: ChannelConfig): Settings | undefined;
  /** Refuses a configuration that would expose something it must not (thrown as a config error). */
  checkExposure?(config: ChannelConfig): void;
  /** Builds the channel; its SDK is loaded here, so a process that does not serve channels never loads it. */
  create(context: ChannelContext, settings: Settings): Promise<Channel>;
}

export const defineChannel = <Settings>(definition: ChannelDefinition<Settings>): ChannelDefinition<Settings> => definition;
