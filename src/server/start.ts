// `npm start`: the coach behind one HTTP server, with the channels the configuration enables.
import type { Config } from '../config.js';
import { CoachError } from '../errors.js';
import type { Content } from '../content/schema.js';
import { createCoach, type Coach } from '../coach/handle-turn.js';
import type { Rephraser } from '../coach/rephraser.js';
import type { SafetySecondOpinion } from '../coach/safety-second-opinion.js';
import type { Store } from '../coach/store-port.js';
import type { ConversationRefs } from '../store/conversation-refs.js';
import type { WebTranscripts } from '../store/web-transcripts.js';
import { CHANNELS } from '../channels/registry.js';
import type { ChannelConfig, ChannelDefinition } from '../channels/shared/channel.js';
import { createLogger, errorFields, type Logger } from '../logger.js';
import { createAppServer, type AppServer, type ServedChannel } from './server.js';
import { createScheduler } from '../scheduler/scheduler.js';

/** Where and how to listen, plus every channel's settings (each channel picks its own). */
export type ServerConfig = ChannelConfig & Pick<Config, 'port' | 'host' | 'defaultTimeZone' | 'allowPublicLocalMode'>;

export interface StartOptions {
  config: ServerConfig;
  content: Content;
  /** The coach's store; it also keeps the channels' conversation references. */
  store: Store & { refs: ConversationRefs; webTranscripts: WebTranscripts };
  logger?: Logger;
  /** The optional LLM voice for rephrasable replies (off when absent). */
  rephraser?: Rephraser;
  /** The optional LLM second opinion on safety (GENTLEPATH_LLM_SAFETY_CHECK=1; absent by default). */
  safetyCheck?: SafetySecondOpinion;
  /** Tests: a coach with a fixed clock, or a stand-in handler. */
  coach?: Coach;
  /** Tests: the Slack Web API base (a local fake). */
  slackApiUrl?: string;
  /** How often due jobs are looked for (default 15 s). */
  schedulerIntervalMs?: number;
  /** Tests: another set of channels than the registry's. */
  channels?: readonly ChannelDefinition<any>[];
}

export interface RunningServer extends AppServer {
  url: string;
  coach: Coach;
}

/** Every channel's refusal to be exposed in a way it must not be (e.g. unauthenticated on a public address). */
export function checkBindPolicy(config: ChannelConfig, channels: readonly ChannelDefinition<any>[] = CHANNELS): void {
  for (const channel of channels) channel.checkExposure?.(config);
}

export async function startServer(options: StartOptions): Promise<RunningServer> {
  const { config, content, store } = options;
  const definitions = options.channels ?? CHANNELS;
  checkBindPolicy(config, definitions);
  const logger = options.logger ?? createLogger();
  const coach = options.coach ?? createCoach({
    content, store, defaultTimeZone: config.defaultTimeZone, rephraser: options.rephraser, safetyCheck: options.safetyCheck,
    onError: (error) => logger.error(errorFields(error), 'turn failed'),
  });
  const context = { coach, content, store, refs: store.refs, webTranscripts: store.webTranscripts, logger, overrides: { slackApiUrl: options.slackApiUrl } };
  const served: ServedChannel[] = [];
  const off: string[] = [];
  for (const definition of definitions) {
    const settings = definition.settings(config);
    if (settings === undefined) off.push(definition.name);
    else served.push({ name: definition.name, keyPrefix: definition.keyPrefix, channel: await definition.create(context, settings) });
  }
  const app = createAppServer({ content, store, logger, channels: served, off });
  let address: Awaited<ReturnType<typeof app.listen>>;
  try {
    address = await app.listen(config.port, config.host);
  } catch (error) {
    await app.close().catch(() => {});
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new CoachError('config_invalid', `cannot listen on ${config.host} port ${config.port} (${code}): check HOST and PORT.`, error);
  }
  try {
    for (const { channel } of served) await channel.start();
  } catch (error) {
    await app.close();
    throw error;
  }
  const wildcard = config.host === '0.0.0.0' || config.host === '::';
  const hostPart = wildcard ? 'localhost' : address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${hostPart}:${address.port}/`;
  logger.info({ port: address.port, host: config.host, channels: Object.fromEntries(served.map((c) => [c.name, c.channel.health()])) }, 'listening');

  // Check-ins, rest ends, timers and summaries as they come due, plus replies a previous run could not hand over.
  const scheduler = createScheduler({
    store, coach, deliver: app.deliver, keyPrefixes: served.map((c) => c.keyPrefix),
    onError: (error) => logger.error(errorFields(error), 'scheduled job failed'),
  });
  scheduler.start(options.schedulerIntervalMs);
  return { ...app, url, coach, close: async () => { await scheduler.stop(); await app.close(); } };
}
