// A small local Direct Line 3.0 endpoint for the web chat page (no maintained local Direct Line exists):
// token, start/resume conversation, post activity, get activities after a watermark, and a WebSocket
// stream. Conversations live in memory; the coach's record lives in the store, so after a restart the
// page's stored conversation id resumes the same coaching conversation (web:<id>).
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { performance } from 'node:perf_hooks';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Coach, Deliver } from '../../coach/handle-turn.js';
import type { UserEvent } from '../../coach/user-event.js';
import { HttpError, readJson, sendJson } from '../shared/http-util.js';
import { conversationTag, errorFields, type Logger } from '../../logger.js';
import { parsePostedActivity, postedActivitySchema } from './parse.js';
import { renderForWeb, type OutboundActivity } from './render.js';

export const DIRECT_LINE_BASE = '/v3/directline';
const TOKEN_SECONDS = 3600;
const BOT = { id: 'gentlepath', name: 'GentlePath', role: 'bot' } as const;
/** Activities kept per conversation for resuming pages (older ones are dropped; the coach's record is in the store). */
const MAX_ACTIVITIES = 500;
const MAX_CONVERSATIONS = 5000;
const IDLE_MS = 6 * 3600_000;
const CONVERSATION_ID = /^[A-Za-z0-9_-]{20,64}$/;

type Activity = Record<string, unknown> & { id: string };

interface Conversation {
  id: string;
  /** Absolute index of activities[0]. */
  offset: number;
  activities: Activity[];
  sockets: Set<WebSocket>;
  touchedAt: number;
}

export interface WebChannelOptions {
  coach: Coach;
  logger: Logger;
}

export interface WebChannel {
  /** Handles a request under /v3/directline; false when the path is not its own. */
  handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean>;
  /** Handles a WebSocket upgrade for a stream URL; false when the path is not its own. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  deliver: Deliver;
  /** Resolves when every turn started so far has finished (tests, shutdown). */
  idle(): Promise<void>;
  close(): void;
}

export function webConversationKey(conversationId: string): string {
  return `web:${conversationId}`;
}

export function createWebChannel(options: WebChannelOptions): WebChannel {
  const { coach } = options;
  const log = options.logger.child({ channel: 'web' });
  const secret = randomBytes(32);
  const conversations = new Map<string, Conversation>();
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  const running = new Set<Promise<void>>();

  // A token is "<conversation id>.<mac>": it names its conversation and cannot be made up for another one.
  const mac = (id: string) => createHmac('sha256', secret).update(id).digest('base64url');
  const issue = (id: string) => `${id}.${mac(id)}`;
  const verify = (token: string | null | undefined): string | null => {
    const dot = token?.lastIndexOf('.') ?? -1;
    if (!token || dot < 0) return null;
    const id = token.slice(0, dot);
    if (!CONVERSATION_ID.test(id)) return null;
    const expected = Buffer.from(mac(id));
    const given = Buffer.from(token.slice(dot + 1));
    return given.length === expected.length && timingSafeEqual(given, expected) ? id : null;
  };
  const bearer = (req: IncomingMessage) => /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];

  function conversation(id: string): Conversation {
    let conv = conversations.get(id);
    if (!conv) {
      if (conversations.size >= MAX_CONVERSATIONS) evict();
      conv = { id, offset: 0, activities: [], sockets: new Set(), touchedAt: Date.now() };
      conversations.set(id, conv);
    }
    conv.touchedAt = Date.now();
    return conv;
  }

  function evict(): void {
    const cutoff = Date.now() - IDLE_MS;
    const quiet = [...conversations.values()].filter((c) => c.sockets.size === 0).sort((a, b) => a.touchedAt - b.touchedAt);
    for (const c of quiet) {
      if (c.touchedAt < cutoff || conversations.size >= MAX_CONVERSATIONS) conversations.delete(c.id);
    }
  }
  const sweeper = setInterval(evict, 10 * 60_000);
  sweeper.unref();

  const watermarkOf = (conv: Conversation) => String(conv.offset + conv.activities.length);
  const after = (conv: Conversation, watermark: string | null) => {
    const from = Number.parseInt(watermark ?? '', 10);
    return Number.isFinite(from) ? conv.activities.slice(Math.max(0, from - conv.offset)) : conv.activities;
  };

  function push(conv: Conversation, activity: Omit<Activity, 'id'>): Activity {
    const index = conv.offset + conv.activities.length;
    const stamped = { ...activity, id: `${conv.id}|${String(index).padStart(7, '0')}`, timestamp: new Date().toISOString(), channelId: 'directline', conversation: { id: conv.id } } as Activity;
    conv.activities.push(stamped);
    if (conv.activities.length > MAX_ACTIVITIES) {
      conv.activities.shift();
      conv.offset += 1;
    }
    broadcast(conv, [stamped], watermarkOf(conv));
    return stamped;
  }

  function broadcast(conv: Conversation, activities: unknown[], watermark?: string): void {
    const message = JSON.stringify(watermark === undefined ? { activities } : { activities, watermark });
    for (const socket of conv.sockets) if (socket.readyState === socket.OPEN) socket.send(message);
  }

  function pushReplies(conv: Conversation, replies: OutboundActivity[], replyToId?: string): void {
    for (const reply of replies) push(conv, { ...reply, from: BOT, ...(replyToId ? { replyToId } : {}) });
  }

  function runTurn(conv: Conversation, event: UserEvent, replyToId: string): void {
    const key = webConversationKey(conv.id);
    const started = performance.now();
    // Typing is shown to open pages only; it is not kept for replay.
    broadcast(conv, [{ type: 'typing', id: `${conv.id}|typing`, from: BOT, conversation: { id: conv.id }, channelId: 'directline' }]);
    const turn = coach.handleTurn(key, event, async (_key, replies) => pushReplies(conv, renderForWeb(replies), replyToId))
      .then((replies) => {
        log.info({ conv: conversationTag(key), opening: event.opening === true, replyCount: replies.length, ms: Math.round(performance.now() - started) }, 'turn');
      })
      .catch((error: unknown) => log.error({ conv: conversationTag(key), ...errorFields(error) }, 'turn failed'))
      .finally(() => running.delete(turn));
    running.add(turn);
  }

  const session = (id: string, req: IncomingMessage, watermark?: string | null) => {
    const proto = req.headers['x-forwarded-proto'] === 'https' ? 'wss' : 'ws';
    const query = new URLSearchParams({ t: issue(id), ...(watermark ? { watermark } : {}) });
    return {
      conversationId: id, token: issue(id), expires_in: TOKEN_SECONDS,
      streamUrl: `${proto}://${req.headers.host ?? 'localhost'}${DIRECT_LINE_BASE}/conversations/${id}/stream?${query}`,
    };
  };

  /** The conversation the request's token is for, checked against the id in the path when there is one. */
  function authorize(req: IncomingMessage, pathId?: string): string {
    const id = verify(bearer(req));
    if (!id) throw new HttpError(403, 'invalid token');
    if (pathId !== undefined && pathId !== id) throw new HttpError(403, 'token does not grant this conversation');
    return id;
  }

  async function route(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    const path = url.pathname.slice(DIRECT_LINE_BASE.length);
    const method = req.method ?? 'GET';
    if (path === '/tokens/generate' && method === 'POST') {
      const body = (await readJson(req, 4096)) as { conversationId?: unknown };
      const asked = typeof body.conversationId === 'string' && CONVERSATION_ID.test(body.conversationId) ? body.conversationId : undefined;
      const id = asked ?? randomBytes(18).toString('base64url');
      sendJson(res, 200, { conversationId: id, token: issue(id), expires_in: TOKEN_SECONDS });
      return true;
    }
    if (path === '/tokens/refresh' && method === 'POST') {
      const id = authorize(req);
      sendJson(res, 200, { conversationId: id, token: issue(id), expires_in: TOKEN_SECONDS });
      return true;
    }
    if (path === '/conversations' && method === 'POST') {
      const id = authorize(req);
      conversation(id);
      sendJson(res, 201, session(id, req));
      return true;
    }
    const match = /^\/conversations\/([^/]+)(\/activities)?$/.exec(path);
    if (!match) return false;
    const id = authorize(req, decodeURIComponent(match[1]!));
    const conv = conversation(id);
    if (!match[2] && method === 'GET') {
      sendJson(res, 200, session(id, req, url.searchParams.get('watermark')));
      return true;
    }
    if (match[2] && method === 'GET') {
      sendJson(res, 200, { activities: after(conv, url.searchParams.get('watermark')), watermark: watermarkOf(conv) });
      return true;
    }
    if (match[2] && method === 'POST') {
      const parsed = postedActivitySchema.safeParse(await readJson(req, 64 * 1024));
      if (!parsed.success) throw new HttpError(400, 'not an activity');
      const posted = parsed.data;
      const echo = push(conv, { ...posted, from: { id: posted.from?.id ?? 'user', ...(posted.from?.name ? { name: posted.from.name } : {}), role: 'user' } });
      sendJson(res, 200, { id: echo.id });
      const event = parsePostedActivity(posted, echo.id);
      if (event) runTurn(conv, event, echo.id);
      return true;
    }
    throw new HttpError(405, 'method not allowed');
  }

  return {
    async handle(req, res, url) {
      if (url.pathname !== DIRECT_LINE_BASE && !url.pathname.startsWith(`${DIRECT_LINE_BASE}/`)) return false;
      try {
        if (await route(req, res, url)) return true;
        sendJson(res, 404, { error: { code: 'NotFound', message: 'no such Direct Line endpoint' } });
      } catch (error) {
        const status = error instanceof HttpError ? error.status : 500;
        if (status === 500) log.error(errorFields(error), 'direct line error');
        if (!res.headersSent) sendJson(res, status, { error: { code: status === 403 ? 'TokenInvalid' : 'BadArgument', message: error instanceof HttpError ? error.message : 'internal error' } });
        else res.end();
      }
      return true;
    },

    handleUpgrade(req, socket, head) {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const match = new RegExp(`^${DIRECT_LINE_BASE}/conversations/([^/]+)/stream$`).exec(url.pathname);
      if (!match) return false;
      const id = decodeURIComponent(match[1]!);
      if (verify(url.searchParams.get('t')) !== id) {
        socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
        return true;
      }
      wss.handleUpgrade(req, socket, head, (ws) => {
        const conv = conversation(id);
        conv.sockets.add(ws);
        ws.on('close', () => { conv.sockets.delete(ws); conv.touchedAt = Date.now(); });
        ws.on('error', () => ws.terminate());
        // Pings from the client are empty messages: nothing to do. Anything else is ignored too.
        const backlog = after(conv, url.searchParams.get('watermark'));
        if (backlog.length) ws.send(JSON.stringify({ activities: backlog, watermark: watermarkOf(conv) }));
      });
      return true;
    },

    async deliver(key, replies) {
      const id = key.startsWith('web:') ? key.slice(4) : '';
      if (!CONVERSATION_ID.test(id)) throw new Error('not a web conversation key');
      pushReplies(conversation(id), renderForWeb(replies));
    },

    async idle() {
      while (running.size) await Promise.allSettled([...running]);
    },

    close() {
      clearInterval(sweeper);
      for (const conv of conversations.values()) for (const socket of conv.sockets) socket.terminate();
      wss.close();
    },
  };
}
