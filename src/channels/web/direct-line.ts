// A small local Direct Line 3.0 endpoint for the web chat page (no maintained local Direct Line exists):
// token, start/resume conversation, post activity, get activities after a watermark, and a WebSocket
// stream. Private by construction:
// - a conversation belongs to the browser that started it: /tokens/generate sets an HttpOnly,
//   SameSite=Strict cookie holding the conversation id and a secret (the store keeps only its hash), and
//   only that cookie gets a token for it;
// - tokens name their conversation, expire, and are refreshed by Web Chat;
// - the transcript lives in the store (bounded per conversation, gone with "delete my data"), so memory
//   holds only open sockets and counters, with limits per conversation and in total;
// - the Host header must name this machine (or a configured host) and an Origin must be the page's own,
//   so no other web site (DNS rebinding included) can drive it.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { performance } from 'node:perf_hooks';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Coach, Deliver } from '../../coach/handle-turn.js';
import type { Store } from '../../coach/store-port.js';
import type { UserEvent } from '../../coach/user-event.js';
import type { WebTranscripts } from '../../store/web-transcripts.js';
import { decodePathSegment, HttpError, isLoopback, readJson, sendJson, sendText } from '../shared/http-util.js';
import { CALENDAR_FILE_NAME, checkInCalendar } from '../shared/calendar-ics.js';
import { SUMMARY_CSP } from './physio-summary.js';
import { readConversationSummary } from '../../coach/conversation-summary.js';
import { conversationTag, errorFields, type Logger } from '../../logger.js';
import { JOIN_EVENT, parsePostedActivity, postedActivitySchema } from './parse.js';
import { renderForWeb, type OutboundActivity } from './render.js';
import type { BotReply } from '../../coach/bot-reply.js';
import { transcriptForExport } from './transcript-export.js';

export const DIRECT_LINE_BASE = '/v3/directline';
export const BROWSER_COOKIE = 'gentlepath_browser';
const BOT = { id: 'gentlepath', name: 'GentlePath', role: 'bot' } as const;
const CONVERSATION_ID = /^[A-Za-z0-9_-]{20,64}$/;

export interface WebLimits {
  /** Token lifetime; Web Chat refreshes well before (every 15 minutes). */
  tokenSeconds: number;
  /** Activities kept per conversation in the store (older ones are dropped; the coach's record is elsewhere). */
  transcriptKeep: number;
  /** Conversations held in memory (open sockets, counters); idle ones are dropped first. */
  maxConversations: number;
  /** Open WebSockets per conversation and in total. */
  maxSocketsPerConversation: number;
  maxSockets: number;
  /** Turns waiting or running per conversation and in total; beyond, a post gets 429. */
  maxTurnsPerConversation: number;
  maxTurns: number;
}

export const DEFAULT_WEB_LIMITS: WebLimits = {
  tokenSeconds: 3600, transcriptKeep: 500, maxConversations: 2000,
  maxSocketsPerConversation: 8, maxSockets: 2000, maxTurnsPerConversation: 8, maxTurns: 256,
};

type Activity = Record<string, unknown> & { id: string };

interface Conversation {
  id: string;
  /** The next transcript sequence number, read from the store once. */
  nextSeq: Promise<number>;
  sockets: Set<WebSocket>;
  turns: number;
  touchedAt: number;
  /** Appends to the store in order. */
  writes: Promise<unknown>;
}

export interface WebChannelOptions {
  coach: Coach;
  logger: Logger;
  transcripts: WebTranscripts;
  /** To notice a conversation the coach has deleted ("delete my data"). */
  store: Pick<Store, 'loadConversation'>;
  /** Host names besides this machine's that the page may be reached by (a reverse proxy's). */
  allowedHosts?: readonly string[];
  limits?: Partial<WebLimits>;
  now?: () => number;
  /** The printable summary for the physio of a conversation, or null when it has nothing yet. */
  summaryPage?: (key: string, includeJournal: boolean) => Promise<string | null>;
  /** The calendar file's words (from flows/). */
  calendar?: { title: string; description: string; missing: string };
}

export interface WebStats { conversations: number; sockets: number; turns: number }

export interface WebChannel {
  /** Handles a request under /v3/directline. */
  handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean>;
  /** Handles a WebSocket upgrade for a stream URL; false when the path is not its own. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  /** Refuses a request whose Host is not this machine or whose Origin is another site. */
  checkRequest(req: IncomingMessage): void;
  deliver: Deliver;
  /** What is held in memory now (tests, health). */
  stats(): WebStats;
  /** Resolves when every turn started so far has finished (tests, shutdown). */
  idle(): Promise<void>;
  close(): void;
}

export function webConversationKey(conversationId: string): string {
  return `web:${conversationId}`;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function cookieValue(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export function createWebChannel(options: WebChannelOptions): WebChannel {
  const { coach, transcripts } = options;
  const limits = { ...DEFAULT_WEB_LIMITS, ...options.limits };
  const now = options.now ?? Date.now;
  const log = options.logger.child({ channel: 'web' });
  const tokenKey = randomBytes(32);
  const conversations = new Map<string, Conversation>();
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  const running = new Set<Promise<void>>();
  let socketCount = 0;
  let turnCount = 0;
  const allowedHosts = new Set((options.allowedHosts ?? []).map((h) => h.toLowerCase()));

  // A token is "<conversation id>.<expiry, unix seconds>.<mac>": it names its conversation and its end, and cannot be made up.
  const mac = (body: string) => createHmac('sha256', tokenKey).update(body).digest('base64url');
  const issue = (id: string) => {
    const body = `${id}.${Math.floor(now() / 1000) + limits.tokenSeconds}`;
    return `${body}.${mac(body)}`;
  };
  const verify = (token: string | null | undefined): string | null => {
    const parts = token?.split('.') ?? [];
    if (parts.length !== 3) return null;
    const [id, expiry, given] = parts as [string, string, string];
    if (!CONVERSATION_ID.test(id) || !/^\d{1,12}$/.test(expiry)) return null;
    const expected = Buffer.from(mac(`${id}.${expiry}`));
    const actual = Buffer.from(given);
    if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return null;
    return Number(expiry) * 1000 > now() ? id : null;
  };
  const bearer = (req: IncomingMessage) => /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];

  function checkRequest(req: IncomingMessage): void {
    const host = req.headers.host;
    if (!host) throw new HttpError(400, 'missing Host header');
    let hostname: string;
    try {
      hostname = new URL(`http://${host}`).hostname.toLowerCase();
    } catch {
      throw new HttpError(400, 'bad Host header');
    }
    if (!isLoopback(hostname) && !allowedHosts.has(hostname.replace(/^\[|\]$/g, ''))) {
      throw new HttpError(403, 'this page answers only on this machine (set GENTLEPATH_WEB_HOSTS for a proxy)');
    }
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== 'null') {
      let originHost: string | undefined;
      try { originHost = new URL(origin).host.toLowerCase(); } catch { originHost = undefined; }
      if (originHost !== host.toLowerCase()) throw new HttpError(403, 'requests from other sites are refused');
    } else if (origin === 'null') {
      throw new HttpError(403, 'requests from other sites are refused');
    }
  }

  function conversation(id: string): Conversation {
    let conv = conversations.get(id);
    if (!conv) {
      if (conversations.size >= limits.maxConversations) evict();
      if (conversations.size >= limits.maxConversations) throw new HttpError(503, 'too many conversations at once, try again soon');
      conv = { id, nextSeq: transcripts.nextSeq(webConversationKey(id)), sockets: new Set(), turns: 0, touchedAt: now(), writes: Promise.resolve() };
      conversations.set(id, conv);
    }
    conv.touchedAt = now();
    return conv;
  }

  /** Drops conversations with no socket and no turn, oldest first, down to three quarters of the limit. */
  function evict(): void {
    const quiet = [...conversations.values()].filter((c) => c.sockets.size === 0 && c.turns === 0).sort((a, b) => a.touchedAt - b.touchedAt);
    for (const c of quiet) {
      if (conversations.size <= limits.maxConversations * 0.75) break;
      conversations.delete(c.id);
    }
  }
  const sweeper = setInterval(() => {
    const cutoff = now() - 30 * 60_000;
    for (const c of conversations.values()) if (c.sockets.size === 0 && c.turns === 0 && c.touchedAt < cutoff) conversations.delete(c.id);
  }, 5 * 60_000);
  sweeper.unref();

  const watermarkOf = async (conv: Conversation) => String(await conv.nextSeq);
  const after = async (conv: Conversation, watermark: string | null) => {
    await conv.writes;
    const from = Number.parseInt(watermark ?? '', 10);
    const rows = await transcripts.list(webConversationKey(conv.id), Number.isFinite(from) && from > 0 ? from : 0, limits.transcriptKeep);
    return rows.map((r) => r.activity as Activity);
  };

  /** Gives the activity its place in the transcript, stores it and sends it to the open pages. */
  async function push(conv: Conversation, activity: Omit<Activity, 'id'>): Promise<Activity> {
    // Taken synchronously, so activities pushed at once get consecutive places.
    const mine = conv.nextSeq;
    conv.nextSeq = mine.then((n) => n + 1);
    const seq = await mine;
    const stamped = { ...activity, id: `${conv.id}|${String(seq).padStart(7, '0')}`, timestamp: new Date(now()).toISOString(), channelId: 'directline', conversation: { id: conv.id } } as Activity;
    const write = conv.writes.then(() => transcripts.append(webConversationKey(conv.id), seq, stamped, stamped.timestamp as string, limits.transcriptKeep));
    conv.writes = write.catch((error: unknown) => log.error(errorFields(error), 'transcript write failed'));
    broadcast(conv, [stamped], String(seq + 1));
    await conv.writes;
    return stamped;
  }

  function broadcast(conv: Conversation, activities: unknown[], watermark?: string): void {
    const message = JSON.stringify(watermark === undefined ? { activities } : { activities, watermark });
    for (const socket of conv.sockets) if (socket.readyState === socket.OPEN) socket.send(message);
  }

  async function pushReplies(conv: Conversation, replies: OutboundActivity[], replyToId?: string): Promise<void> {
    for (const reply of replies) await push(conv, { ...reply, from: BOT, ...(replyToId ? { replyToId } : {}) });
  }

  /** The coach's replies for this page; "export my data" gets this conversation's own transcript (and no other), a calendar file its own event. */
  async function render(conv: Conversation, replies: readonly BotReply[]): Promise<OutboundActivity[]> {
    const file = { key: webConversationKey(conv.id), now: new Date(now()) };
    if (!replies.some((r) => r.attachment?.kind === 'export')) return renderForWeb(replies, file);
    await conv.writes;
    const rows = await transcripts.list(webConversationKey(conv.id), 0, limits.transcriptKeep);
    return renderForWeb(replies, { ...file, transcript: transcriptForExport(rows.map((r) => r.activity)) });
  }

  /** Runs a turn in the slot the request reserved (see `reserve`), freeing it when done. */
  function runTurn(conv: Conversation, event: UserEvent, replyToId: string): void {
    const key = webConversationKey(conv.id);
    const started = performance.now();
    // Typing is shown to open pages only; it is not kept for replay.
    broadcast(conv, [{ type: 'typing', id: `${conv.id}|typing`, from: BOT, conversation: { id: conv.id }, channelId: 'directline' }]);
    const turn = coach.handleTurn(key, event, async (_key, replies) => pushReplies(conv, await render(conv, replies), replyToId))
      .then(async (replies) => {
        log.info({ conv: conversationTag(key), opening: event.opening === true, replyCount: replies.length, ms: Math.round(performance.now() - started) }, 'turn');
        // "Delete my data" erased the conversation: its transcript and its browser's claim go too.
        if (!(await options.store.loadConversation(key))) {
          await conv.writes;
          await transcripts.forget(key);
        }
      })
      .catch((error: unknown) => log.error({ conv: conversationTag(key), ...errorFields(error) }, 'turn failed'))
      .finally(() => {
        conv.turns -= 1;
        turnCount -= 1;
        running.delete(turn);
      });
    running.add(turn);
  }

  const session = async (id: string, req: IncomingMessage, watermark?: string | null) => {
    const proto = req.headers['x-forwarded-proto'] === 'https' ? 'wss' : 'ws';
    const token = issue(id);
    const query = new URLSearchParams({ t: token, ...(watermark ? { watermark } : {}) });
    return {
      conversationId: id, token, expires_in: limits.tokenSeconds,
      streamUrl: `${proto}://${req.headers.host ?? 'localhost'}${DIRECT_LINE_BASE}/conversations/${id}/stream?${query}`,
    };
  };

  /** The conversation this browser's cookie proves it owns, or null. */
  async function ownedByBrowser(req: IncomingMessage): Promise<string | null> {
    const value = cookieValue(req, BROWSER_COOKIE);
    const dot = value?.indexOf('.') ?? -1;
    if (!value || dot < 0) return null;
    const id = value.slice(0, dot);
    if (!CONVERSATION_ID.test(id)) return null;
    const stored = await transcripts.owner(webConversationKey(id));
    if (!stored) return null;
    const given = Buffer.from(sha256(value.slice(dot + 1)));
    const expected = Buffer.from(stored);
    return given.length === expected.length && timingSafeEqual(given, expected) ? id : null;
  }

  /** The conversation the request's token is for, checked against the id in the path when there is one. */
  function authorize(req: IncomingMessage, pathId?: string): string {
    const id = verify(bearer(req));
    if (!id) throw new HttpError(403, 'invalid or expired token');
    if (pathId !== undefined && pathId !== id) throw new HttpError(403, 'token does not grant this conversation');
    return id;
  }

  async function route(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    const path = url.pathname.slice(DIRECT_LINE_BASE.length);
    const method = req.method ?? 'GET';
    if (path === '/tokens/generate' && method === 'POST') {
      let id = await ownedByBrowser(req);
      const headers: Record<string, string> = {};
      if (!id) {
        // A new conversation for this browser: the secret goes into its cookie, only the hash into the store.
        id = randomBytes(18).toString('base64url');
        const secret = randomBytes(24).toString('base64url');
        await transcripts.claim(webConversationKey(id), sha256(secret), new Date(now()).toISOString());
        const secure = req.headers['x-forwarded-proto'] === 'https' ? '; Secure' : '';
        headers['set-cookie'] = `${BROWSER_COOKIE}=${id}.${secret}; Path=${DIRECT_LINE_BASE}; HttpOnly; SameSite=Strict; Max-Age=31536000${secure}`;
      }
      sendJson(res, 200, { conversationId: id, token: issue(id), expires_in: limits.tokenSeconds }, headers);
      return true;
    }
    if (path === '/summary' && (method === 'GET' || method === 'HEAD')) {
      // Only this browser's own conversation: the cookie says whose.
      const id = await ownedByBrowser(req);
      const html = id && options.summaryPage ? await options.summaryPage(webConversationKey(id), url.searchParams.get('journal') === '1') : null;
      if (!html) throw new HttpError(404, 'nothing to summarise yet');
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'content-security-policy': SUMMARY_CSP, 'x-frame-options': 'DENY' });
      res.end(method === 'HEAD' ? undefined : html);
      return true;
    }
    if (path === '/calendar.ics' && (method === 'GET' || method === 'HEAD')) {
      // The daily check-in for this browser's conversation, as a calendar file (the cookie says whose).
      const id = await ownedByBrowser(req);
      const summary = id ? await readConversationSummary(options.store, webConversationKey(id)) : null;
      const words = options.calendar;
      if (!id || !summary?.reminderTime || !summary.timeZone || !words) {
        sendText(res, 404, words?.missing ?? 'no daily check-in time yet');
        return true;
      }
      const ics = checkInCalendar({ time: summary.reminderTime, timeZone: summary.timeZone, title: words.title, description: words.description, key: webConversationKey(id), now: new Date(now()) });
      res.writeHead(200, { 'content-type': 'text/calendar; charset=utf-8', 'content-disposition': `attachment; filename="${CALENDAR_FILE_NAME}"`, 'cache-control': 'no-store' });
      res.end(method === 'HEAD' ? undefined : ics);
      return true;
    }
    if (path === '/tokens/refresh' && method === 'POST') {
      const id = authorize(req);
      sendJson(res, 200, { conversationId: id, token: issue(id), expires_in: limits.tokenSeconds });
      return true;
    }
    if (path === '/conversations' && method === 'POST') {
      const id = authorize(req);
      conversation(id);
      sendJson(res, 201, await session(id, req));
      return true;
    }
    const match = /^\/conversations\/([^/]+)(\/activities)?$/.exec(path);
    if (!match) return false;
    const id = authorize(req, decodePathSegment(match[1]!));
    const conv = conversation(id);
    if (!match[2] && method === 'GET') {
      sendJson(res, 200, await session(id, req, url.searchParams.get('watermark')));
      return true;
    }
    if (match[2] && method === 'GET') {
      const activities = await after(conv, url.searchParams.get('watermark'));
      sendJson(res, 200, { activities, watermark: await watermarkOf(conv) });
      return true;
    }
    if (match[2] && method === 'POST') {
      // A slot for the turn is taken before anything is read, so a flood of posts cannot pile up turns.
      if (conv.turns >= limits.maxTurnsPerConversation || turnCount >= limits.maxTurns) throw new HttpError(429, 'too many messages at once, please wait a moment');
      conv.turns += 1;
      turnCount += 1;
      let handedOver = false;
      try {
        const parsed = postedActivitySchema.safeParse(await readJson(req, 64 * 1024));
        if (!parsed.success) throw new HttpError(400, 'not an activity');
        const posted = parsed.data;
        const event = parsePostedActivity(posted);
        // A page opened again on a conversation with history shows that history; it is not greeted again.
        if (event?.opening && (await conv.nextSeq) > 0) {
          sendJson(res, 200, { id: `${conv.id}|join` });
          return true;
        }
        const echo = await push(conv, { ...posted, from: { id: posted.from?.id ?? 'user', ...(posted.from?.name ? { name: posted.from.name } : {}), role: 'user' } });
        sendJson(res, 200, { id: echo.id });
        const turnEvent = parsePostedActivity(posted);
        if (turnEvent) {
          handedOver = true;
          runTurn(conv, turnEvent, echo.id);
        }
        return true;
      } finally {
        if (!handedOver) {
          conv.turns -= 1;
          turnCount -= 1;
        }
      }
    }
    throw new HttpError(405, 'method not allowed');
  }

  const refuse = (socket: Duplex, status: string) => socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);

  return {
    checkRequest,

    async handle(req, res, url) {
      try {
        checkRequest(req);
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
      try {
        checkRequest(req);
      } catch {
        refuse(socket, '403 Forbidden');
        return true;
      }
      let id: string;
      try {
        id = decodePathSegment(match[1]!);
      } catch {
        refuse(socket, '400 Bad Request');
        return true;
      }
      if (verify(url.searchParams.get('t')) !== id) {
        refuse(socket, '403 Forbidden');
        return true;
      }
      let conv: Conversation;
      try {
        conv = conversation(id);
      } catch {
        refuse(socket, '503 Service Unavailable');
        return true;
      }
      if (conv.sockets.size >= limits.maxSocketsPerConversation || socketCount >= limits.maxSockets) {
        refuse(socket, '429 Too Many Requests');
        return true;
      }
      wss.handleUpgrade(req, socket, head, (ws) => {
        conv.sockets.add(ws);
        socketCount += 1;
        ws.on('close', () => {
          if (conv.sockets.delete(ws)) socketCount -= 1;
          conv.touchedAt = now();
        });
        ws.on('error', () => ws.terminate());
        // Pings from the client are empty messages: nothing to do. Anything else is ignored too.
        void after(conv, url.searchParams.get('watermark')).then(async (backlog) => {
          if (backlog.length && ws.readyState === ws.OPEN) ws.send(JSON.stringify({ activities: backlog, watermark: await watermarkOf(conv) }));
        }).catch((error: unknown) => log.error(errorFields(error), 'could not send the backlog'));
      });
      return true;
    },

    async deliver(key, replies) {
      const id = key.startsWith('web:') ? key.slice(4) : '';
      if (!CONVERSATION_ID.test(id)) throw new Error('not a web conversation key');
      const conv = conversation(id);
      await pushReplies(conv, await render(conv, replies));
    },

    stats: () => ({ conversations: conversations.size, sockets: socketCount, turns: turnCount }),

    async idle() {
      while (running.size) await Promise.allSettled([...running]);
      await Promise.allSettled([...conversations.values()].map((c) => c.writes));
    },

    close() {
      clearInterval(sweeper);
      for (const conv of conversations.values()) for (const socket of conv.sockets) socket.terminate();
      wss.close();
    },
  };
}

export { JOIN_EVENT };
