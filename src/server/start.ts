// `npm start`: the coach behind one HTTP server, with the channels the configuration enables.
import type { Config } from '../config.js';
import type { Content } from '../content/schema.js';
import { createCoach, type Coach } from '../coach/handle-turn.js';
import type { Rephraser } from '../coach/rephraser.js';
import { CoachError } from '../errors.js';
import type { KyselyStore } from '../store/kysely-store.js';
import { kyselyConversationRefs, type ConversationRefs } from '../store/conversation-refs.js';
import type { Store } from '../store/store.js';
import { createBotFrameworkChannel } from '../channels/botframework/bot-framework.js';
import { createSlackChannel } from '../channels/slack/slack-app.js';
import { createWebChannel } from '../channels/web/direct-line.js';
import { isLoopback } from './http-util.js';
import { createLogger, errorFields, type Logger } from './logger.js';
import { createAppServer, type AppServer } from './server.js';
import { createScheduler } from '../scheduler/scheduler.js';

export type ServerConfig = Pick<Config,
  'port' | 'host' | 'defaultTimeZone' | 'microsoftAppId' | 'microsoftAppPassword' | 'microsoftAppTenantId' | 'microsoftAppType'
  | 'allowPublicLocalMode' | 'slackBotToken' | 'slackSigningSecret' | 'slackAppToken'>;

export interface StartOptions {
  config: ServerConfig;
  content: Content;
  store: Store;
  /** Where proactive references live; by default a table in the same database. */
  refs?: ConversationRefs;
  logger?: Logger;
  /** The optional LLM voice for rephrasable replies (off when absent). */
  rephraser?: Rephraser;
  /** Tests: a coach with a fixed clock, or a stand-in handler. */
  coach?: Coach;
  /** Tests: the Slack Web API base (a local fake). */
  slackApiUrl?: string;
  /** How often due jobs are looked for (default 15 s). */
  schedulerIntervalMs?: number;
}

export interface RunningServer extends AppServer {
  url: string;
  coach: Coach;
}

/** Local mode has no authentication at all: refuse to expose it unless told to, in one clear line. */
export function checkBindPolicy(config: Pick<ServerConfig, 'host' | 'microsoftAppId' | 'allowPublicLocalMode'>): void {
  if (config.microsoftAppId || config.allowPublicLocalMode || isLoopback(config.host)) return;
  throw new CoachError('config_invalid',
    `refusing to listen on ${config.host}: without MicrosoftAppId, /api/messages runs in local mode with no authentication. Use HOST=127.0.0.1, set MicrosoftAppId/MicrosoftAppPassword/MicrosoftAppTenantId, or set GENTLEPATH_ALLOW_PUBLIC_LOCAL_MODE=1 if you really mean it.`);
}

export async function startServer(options: StartOptions): Promise<RunningServer> {
  const { config, content, store } = options;
  checkBindPolicy(config);
  const logger = options.logger ?? createLogger();
  const coach = options.coach ?? createCoach({
    content, store, defaultTimeZone: config.defaultTimeZone, rephraser: options.rephraser,
    onError: (error) => logger.error(errorFields(error), 'turn failed'),
  });
  const refs = options.refs ?? kyselyConversationRefs((store as KyselyStore).kysely);
  const botFramework = createBotFrameworkChannel({
    coach, refs, logger,
    appId: config.microsoftAppId, appPassword: config.microsoftAppPassword, tenantId: config.microsoftAppTenantId, appType: config.microsoftAppType,
  });
  const web = createWebChannel({ coach, logger });
  const slackEnabled = Boolean(config.slackBotToken && (config.slackSigningSecret || config.slackAppToken));
  const slack = slackEnabled ? createSlackChannel({
    coach, content, store, logger, botToken: config.slackBotToken!, signingSecret: config.slackSigningSecret,
    appToken: config.slackAppToken, slackApiUrl: options.slackApiUrl,
  }) : undefined;
  const app = createAppServer({ content, store, logger, web, botFramework, slack });
  const address = await app.listen(config.port, config.host);
  try {
    await slack?.start();
  } catch (error) {
    await app.close();
    throw error;
  }
  const wildcard = config.host === '0.0.0.0' || config.host === '::';
  const hostPart = wildcard ? 'localhost' : address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${hostPart}:${address.port}/`;
  logger.info({ port: address.port, host: config.host, botframework: botFramework.localMode ? 'local' : 'authenticated', slack: slack?.mode ?? 'off' }, 'listening');

  // Check-ins, rest ends, timers and summaries as they come due, plus replies a previous run could not hand over.
  const scheduler = createScheduler({
    store, coach, deliver: app.deliver, keyPrefixes: ['bf:', 'web:', ...(slack ? ['slack:'] : [])],
    onError: (error) => logger.error(errorFields(error), 'scheduled job failed'),
  });
  scheduler.start(options.schedulerIntervalMs);
  return { ...app, url, coach, close: async () => { await scheduler.stop(); await app.close(); } };
}
