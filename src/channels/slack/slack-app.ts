// Slack through @slack/bolt: direct messages run the coach, /gentlepath starts a check-in or shows progress,
// App Home shows the current step and next check-in, reply buttons continue the session. HTTP events are
// served at /slack/events on the main server (bolt's HTTPReceiver as a request listener, signatures
// checked by bolt), or over Socket Mode when an app token is given. Everything is acknowledged at once and
// processed after; Slack's retries carry the same event id, which the coach processes once.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { App, HTTPReceiver, LogLevel, type Logger as BoltLogger, type webApi } from '@slack/bolt';
import type { Coach, Deliver } from '../../coach/handle-turn.js';
import type { BotReply } from '../../coach/bot-reply.js';
import type { Content } from '../../content/schema.js';
import { renderMessage } from '../../content/render-message.js';
import { readConversationSummary } from '../../coach/conversation-summary.js';
import type { Store } from '../../coach/store-port.js';
import { CoachError } from '../../errors.js';
import { conversationTag, errorFields, type Logger } from '../../logger.js';
import { ACTION_ID, parseBlockAction, parseDirectMessage, parseHomeOpened, parseSlashCommand, userOfKey, type SlackInbound } from './parse.js';
import { answeredBlocks, renderForSlack, renderHomeView, renderUpload } from './render.js';

import { SLACK_EVENTS_PATH } from './channel.js';
import { checkSlackRequest } from './check-request.js';
import { HttpError, readBody } from '../shared/http-util.js';

/** Slack's events and interactions are small; bolt's own limit is 4 MB. */
const SLACK_BODY_LIMIT = 1024 * 1024;
export const SLASH_COMMAND = '/gentlepath';

export interface SlackOptions {
  coach: Coach;
  content: Content;
  /** Read only, for App Home. */
  store: Pick<Store, 'loadConversation'>;
  botToken: string;
  /** HTTP mode (events at /slack/events). */
  signingSecret?: string;
  /** Socket Mode instead of HTTP when set. */
  appToken?: string;
  /** The Web API base, with a trailing /api/ (tests point it at a local fake). */
  slackApiUrl?: string;
  logger: Logger;
  now?: () => Date;
}

export interface SlackChannel {
  readonly mode: 'http' | 'socket';
  /** HTTP mode: serves POST /slack/events. */
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** Socket Mode: connects. HTTP mode: nothing to do. */
  start(): Promise<void>;
  stop(): Promise<void>;
  deliver: Deliver;
  /** Resolves when every turn started so far has finished (tests, shutdown). */
  idle(): Promise<void>;
}

/**
 * bolt's logger interface over pino. bolt's and the Web API client's debug output quotes whole request and
 * response bodies (message texts), so it is dropped; other levels pass on strings and error names only,
 * minus any line that quotes a body.
 */
function boltLogger(log: Logger): BoltLogger {
  let level = LogLevel.INFO;
  const quotesPayload = /request body|request result|response body|body:|\{"/i;
  const say = (fn: 'info' | 'warn' | 'error') => (...args: unknown[]) => {
    const msg = args.map((a) => (typeof a === 'string' ? a : a instanceof Error ? `${a.name}${(a as { code?: string }).code ? ` ${(a as { code?: string }).code}` : ''}` : '')).filter(Boolean).join(' ');
    log[fn](quotesPayload.test(msg) ? 'bolt message withheld (it quotes a payload)' : msg || 'bolt');
  };
  return {
    debug: () => {}, info: say('info'), warn: say('warn'), error: say('error'),
    setLevel: (l) => { level = l; }, getLevel: () => level, setName: () => {},
  };
}

export function createSlackChannel(options: SlackOptions): SlackChannel {
  const { coach } = options;
  const log = options.logger.child({ channel: 'slack' });
  const now = options.now ?? (() => new Date());
  const logger = boltLogger(log);
  // Few retries: undelivered replies stay in the coach's outbox and are retried from there.
  const clientOptions = { ...(options.slackApiUrl ? { slackApiUrl: options.slackApiUrl } : {}), retryConfig: { retries: 1, factor: 1, minTimeout: 500 }, timeout: 15_000 };
  const socketMode = Boolean(options.appToken);
  let receiver: HTTPReceiver | undefined;
  let app: App;
  if (socketMode) {
    app = new App({ token: options.botToken, appToken: options.appToken, socketMode: true, clientOptions, logger, tokenVerificationEnabled: false });
  } else {
    if (!options.signingSecret) throw new Error('Slack over HTTP needs SLACK_SIGNING_SECRET');
    receiver = new HTTPReceiver({
      signingSecret: options.signingSecret, endpoints: SLACK_EVENTS_PATH, logger, processBeforeResponse: false,
      // Never let bolt open its own port: the main server calls requestListener.
      port: 0,
    });
    // bolt's own token check runs in the constructor and crashes the process when Slack cannot be reached;
    // start() checks the token instead, with a clear message.
    app = new App({ token: options.botToken, receiver, clientOptions, logger, tokenVerificationEnabled: false });
  }
  app.error(async (error) => { log.error(errorFields(error.original ?? error), 'listener error'); });

  // Every event bolt dispatches (listeners included) is tracked from before its ack, so idle() and stop()
  // can wait for the processing that continues after Slack has had its answer.
  const running = new Set<Promise<unknown>>();
  const processEvent = app.processEvent.bind(app);
  app.processEvent = (event) => {
    const work = processEvent(event);
    running.add(work);
    void work.catch(() => {}).finally(() => running.delete(work));
    return work;
  };

  async function post(client: webApi.WebClient, key: string, channel: string, replies: readonly BotReply[]): Promise<void> {
    const messages = renderForSlack(replies);
    for (const [i, message] of messages.entries()) {
      await client.chat.postMessage({ channel, ...message });
      const upload = renderUpload(replies[i]!, key, now());
      if (!upload) continue;
      // The chart or the calendar file in the DM, under the message that says what it is (needs the files:write
      // scope). The text carries the sparkline or the time, so a failed upload is logged, not retried: a retry
      // would post the text again.
      await client.files.uploadV2({ channel_id: channel, ...upload })
        .catch((error: unknown) => log.warn({ ...errorFields(error), file: upload.filename }, 'could not upload a file'));
    }
  }

  async function openDirectMessage(client: webApi.WebClient, user: string): Promise<string> {
    const opened = await client.conversations.open({ users: user });
    const id = opened.channel?.id;
    if (!id) throw new Error('conversations.open returned no channel');
    return id;
  }

  async function runTurn(client: webApi.WebClient, inbound: SlackInbound, source: string): Promise<void> {
    const started = performance.now();
    let channel = inbound.channel;
    const replies = await coach.handleTurn(inbound.key, inbound.event, async (_key, out) => {
      channel ??= await openDirectMessage(client, inbound.user);
      await post(client, inbound.key, channel, out);
    });
    log.info({ source, conv: conversationTag(inbound.key), replyCount: replies.length, ms: Math.round(performance.now() - started) }, 'turn');
  }

  app.event('message', async ({ body, client }) => {
    const inbound = parseDirectMessage(body);
    if (inbound) await runTurn(client, inbound, 'dm');
  });

  app.command(SLASH_COMMAND, async ({ command, ack, client }) => {
    const inbound = parseSlashCommand(command);
    const inOurDm = command.channel_name === 'directmessage' && command.channel_id?.startsWith('D');
    // Health talk stays private: whatever channel the command was typed in, the answer goes to our DM.
    await ack(inbound && !inOurDm ? { response_type: 'ephemeral', text: renderMessage(options.content, 'channel.answered_in_dm').text } : undefined);
    if (inbound) await runTurn(client, inbound, 'command');
  });

  app.action(ACTION_ID, async ({ ack, body, client }) => {
    await ack();
    const click = parseBlockAction(body);
    if (!click) return;
    if (click.channel && click.messageTs) {
        // Take the used buttons off the message so an old question cannot be answered twice by accident.
        const message = (body as { message?: { text?: string; blocks?: [] } }).message;
      await client.chat.update({ channel: click.channel, ts: click.messageTs, text: message?.text ?? ' ', blocks: answeredBlocks(options.content, message?.blocks, labelOf(body) ?? click.event.text) })
        .catch((error: unknown) => log.warn(errorFields(error), 'could not update the answered message'));
    }
    await runTurn(client, click, 'button');
  });

  app.event('app_home_opened', async ({ body, client }) => {
    const home = parseHomeOpened(body);
    if (!home) return;
    const summary = await readConversationSummary(options.store, home.key);
    await client.views.publish({ user_id: home.user, view: renderHomeView(options.content, summary, now()) });
    log.info({ source: 'home', conv: conversationTag(home.key) }, 'home published');
  });

  return {
    mode: socketMode ? 'socket' : 'http',
    async handle(req, res) {
      if (!receiver) {
        res.writeHead(404).end();
        return;
      }
      const body = await readBody(req, SLACK_BODY_LIMIT);
      const check = checkSlackRequest(req.headers, body, options.signingSecret!, Math.floor(now().getTime() / 1000));
      if (check !== 'ok') throw new HttpError(check === 'unsigned' ? 401 : 400, check === 'unsigned' ? 'invalid signature' : 'malformed request');
      // bolt reads the body itself: hand it the same bytes, with the request's headers, method and URL.
      receiver.requestListener(Object.assign(Readable.from([body]), { headers: req.headers, method: req.method, url: req.url, socket: req.socket }) as unknown as IncomingMessage, res);
    },
    async start() {
      try {
        await app.client.auth.test();
      } catch (error) {
        const code = (error as { data?: { error?: string } }).data?.error;
        if (code) throw new CoachError('config_invalid', `Slack refused SLACK_BOT_TOKEN (${code}): check the token, or unset it to run without Slack.`, error);
        // Slack unreachable for now: events will authorize when they arrive.
        log.warn(errorFields(error), 'could not reach Slack to check the bot token');
      }
      if (!socketMode) return;
      try {
        await app.start();
      } catch (error) {
        throw new CoachError('config_invalid', `Slack Socket Mode did not connect (${(error as { data?: { error?: string } }).data?.error ?? (error as Error).name}): check SLACK_APP_TOKEN (an xapp- token with connections:write).`, error);
      }
    },
    async stop() {
      if (socketMode) await app.stop();
      while (running.size) await Promise.allSettled([...running]);
    },
    async deliver(key, replies) {
      const user = userOfKey(key);
      if (!user) throw new Error('not a Slack conversation key');
      await post(app.client, key, await openDirectMessage(app.client, user), replies);
    },
    async idle() {
      while (running.size) await Promise.allSettled([...running]);
    },
  };
}

function labelOf(body: unknown): string | undefined {
  const action = (body as { actions?: Array<{ text?: { text?: string } }> }).actions?.[0];
  return action?.text?.text;
}
