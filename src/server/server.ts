// One node:http server for every channel: the local web chat page and its Direct Line endpoint, Bot
// Framework at /api/messages, Slack at /slack/events, and /healthz.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { Deliver } from '../coach/handle-turn.js';
import type { Content } from '../content/schema.js';
import type { Store } from '../store/store.js';
import type { BotFrameworkChannel } from '../channels/botframework/bot-framework.js';
import type { SlackChannel } from '../channels/slack/slack-app.js';
import { SLACK_EVENTS_PATH } from '../channels/slack/slack-app.js';
import type { WebChannel } from '../channels/web/direct-line.js';
import { APP_JS, PAGE_CSP, PAGE_HTML, webChatBundle } from '../channels/web/page.js';
import { HttpError, sendJson, sendText } from './http-util.js';
import { errorFields, type Logger } from './logger.js';

export interface ServerParts {
  content: Content;
  store: Pick<Store, 'loadConversation'>;
  logger: Logger;
  web: WebChannel;
  botFramework: BotFrameworkChannel;
  slack?: SlackChannel;
}

export interface AppServer {
  server: Server;
  listen(port: number, host: string): Promise<AddressInfo>;
  /** Replies to a conversation on whichever channel its key belongs to (redelivery, scheduled messages). */
  deliver: Deliver;
  /** Resolves when the turns the channels run after acknowledging (web, Slack) have finished. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

const HEALTH_TIMEOUT_MS = 2000;

export function createAppServer(parts: ServerParts): AppServer {
  const { logger, web, botFramework, slack } = parts;
  const log = logger.child({ component: 'http' });

  async function health(res: ServerResponse): Promise<void> {
    const content = parts.content.version ? 'ok' : 'missing';
    let store = 'ok';
    try {
      await Promise.race([
        parts.store.loadConversation('healthz:probe'),
        new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), HEALTH_TIMEOUT_MS).unref()),
      ]);
    } catch {
      store = 'unreachable';
    }
    const ok = store === 'ok' && content === 'ok';
    sendJson(res, ok ? 200 : 503, { status: ok ? 'ok' : 'unavailable', store, content, contentVersion: parts.content.version, channels: { web: true, botframework: botFramework.localMode ? 'local' : 'authenticated', slack: slack?.mode ?? false } });
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = req.method ?? 'GET';
    const path = url.pathname;
    if (path === '/api/messages') {
      if (method !== 'POST') throw new HttpError(405, 'POST only');
      return botFramework.handle(req, res);
    }
    if (path === SLACK_EVENTS_PATH) {
      if (!slack || slack.mode !== 'http') throw new HttpError(404, 'Slack is not enabled (set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET)');
      if (method !== 'POST') throw new HttpError(405, 'POST only');
      return slack.handle(req, res);
    }
    if (await web.handle(req, res, url)) return;
    if (method !== 'GET' && method !== 'HEAD') throw new HttpError(404, 'not found');
    switch (path) {
      case '/':
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': PAGE_CSP, 'cache-control': 'no-store', 'x-frame-options': 'DENY' });
        res.end(PAGE_HTML);
        return;
      case '/app.js':
        res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache' });
        res.end(APP_JS);
        return;
      case '/webchat.js':
        res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'public, max-age=3600' });
        res.end(webChatBundle());
        return;
      case '/healthz':
        return health(res);
      case '/favicon.ico':
        res.writeHead(204).end();
        return;
      default:
        throw new HttpError(404, 'not found');
    }
  }

  const server = createServer((req, res) => {
    const started = performance.now();
    res.setHeader('x-content-type-options', 'nosniff');
    res.on('finish', () => {
      // Method, route and status only: no query strings (Direct Line tokens), no bodies.
      const path = (req.url ?? '/').split('?')[0]!.replace(/\/conversations\/[^/]+/, '/conversations/:id');
      log.debug({ method: req.method, path, status: res.statusCode, ms: Math.round(performance.now() - started) }, 'request');
    });
    route(req, res).catch((error: unknown) => {
      const status = error instanceof HttpError ? error.status : 500;
      if (status >= 500) log.error(errorFields(error), 'request failed');
      if (!res.headersSent) sendText(res, status, error instanceof HttpError ? error.message : 'internal error');
      else res.end();
    });
  });
  server.on('upgrade', (req, socket, head) => {
    if (!web.handleUpgrade(req, socket, head)) socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  });
  // Keep-alive sockets must not hold a shutdown open for long.
  server.keepAliveTimeout = 5000;

  const deliver: Deliver = async (key, replies) => {
    if (key.startsWith('bf:')) return botFramework.deliver(key, replies);
    if (key.startsWith('web:')) return web.deliver(key, replies);
    if (key.startsWith('slack:')) {
      if (!slack) throw new Error('Slack is not enabled: cannot reach a Slack conversation');
      return slack.deliver(key, replies);
    }
    throw new Error(`no channel for conversation key prefix "${key.split(':')[0]}"`);
  };

  return {
    server,
    deliver,
    async idle() {
      await Promise.all([web.idle(), slack?.idle()]);
    },
    listen(port, host) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve(server.address() as AddressInfo);
        });
      });
    },
    async close() {
      web.close();
      await slack?.stop();
      await web.idle();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
    },
  };
}
