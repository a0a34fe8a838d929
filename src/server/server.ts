// One node:http server for every channel: routes, WebSocket upgrades and deliveries go to the channels
// through the Channel interface (src/channels/shared/channel.ts); the server itself serves /healthz.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { Deliver } from '../coach/handle-turn.js';
import type { Store } from '../coach/store-port.js';
import type { Content } from '../content/schema.js';
import type { Channel, Route } from '../channels/shared/channel.js';
import { HttpError, sendJson, sendText } from '../channels/shared/http-util.js';
import { errorFields, type Logger } from '../logger.js';
import { createDeliveryRouter } from './delivery-router.js';

/** A channel this server runs, with the name and key prefix of its definition. */
export interface ServedChannel {
  name: string;
  keyPrefix: string;
  channel: Channel;
}

export interface ServerParts {
  content: Content;
  store: Pick<Store, 'loadConversation'>;
  logger: Logger;
  channels: readonly ServedChannel[];
  /** Channels that exist but are off in this configuration (reported as false by /healthz). */
  off?: readonly string[];
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

function matches(route: Route, path: string): boolean {
  if (!route.path.endsWith('/*')) return route.path === path;
  const base = route.path.slice(0, -2);
  return path === base || path.startsWith(`${base}/`);
}

export function createAppServer(parts: ServerParts): AppServer {
  const { logger, channels } = parts;
  const log = logger.child({ component: 'http' });
  const routes = channels.flatMap((c) => c.channel.routes);

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
    const report: Record<string, string | boolean> = {};
    for (const name of parts.off ?? []) report[name] = false;
    for (const c of channels) report[c.name] = c.channel.health();
    sendJson(res, ok ? 200 : 503, { status: ok ? 'ok' : 'unavailable', store, content, contentVersion: parts.content.version, channels: report });
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = req.method ?? 'GET';
    if (url.pathname === '/healthz') {
      if (method !== 'GET' && method !== 'HEAD') throw new HttpError(405, 'GET only');
      return health(res);
    }
    const found = routes.find((r) => matches(r, url.pathname));
    if (!found) throw new HttpError(404, 'not found');
    if (!found.methods.includes(method)) throw new HttpError(405, `${found.methods.filter((m) => m !== 'HEAD').join(', ')} only`);
    await found.handle(req, res, url);
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
    if (!channels.some((c) => c.channel.handleUpgrade?.(req, socket, head))) socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  });
  // Keep-alive sockets must not hold a shutdown open for long.
  server.keepAliveTimeout = 5000;

  const deliver = createDeliveryRouter(new Map(channels.map((c) => [c.keyPrefix, c.channel.deliver])));

  return {
    server,
    deliver,
    async idle() {
      await Promise.all(channels.map((c) => c.channel.idle()));
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
      await Promise.all(channels.map((c) => c.channel.stop()));
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
    },
  };
}
