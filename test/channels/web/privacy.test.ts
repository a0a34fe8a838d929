// The local web page is private: a conversation belongs to the browser whose HttpOnly cookie started it,
// tokens expire, the transcript is in the store (bounded, gone with "delete my data"), memory stays bounded
// under a flood, and no other site (DNS rebinding included) can drive it.
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCoach, type Coach } from '../../../src/coach/handle-turn.js';
import { loadContent } from '../../../src/content/load-content.js';
import { createWebChannel, BROWSER_COOKIE, type WebChannel, type WebLimits } from '../../../src/channels/web/direct-line.js';
import { webChannel } from '../../../src/channels/web/channel.js';
import { createLogger } from '../../../src/logger.js';
import { openSqliteStore } from '../../../src/store/open-sqlite.js';
import type { KyselyStore } from '../../../src/store/kysely-store.js';

const content = loadContent();

interface Harness { url: string; web: WebChannel; store: KyselyStore; clock: { now: number }; close(): Promise<void> }

/** The web channel alone on a local HTTP server, with a clock the test moves and limits it chooses. */
async function harness(limits: Partial<WebLimits> = {}, wrap: (coach: Coach) => Coach = (c) => c): Promise<Harness> {
  const store = await openSqliteStore(':memory:');
  const clock = { now: Date.parse('2026-11-28T10:00:00Z') };
  const web = createWebChannel({
    coach: wrap(createCoach({ content, store })), logger: createLogger({ level: 'silent' }), transcripts: store.webTranscripts, store, limits, now: () => clock.now,
  });
  const server: Server = createServer((req, res) => { void web.handle(req, res, new URL(req.url ?? '/', 'http://localhost')); });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v3/directline`, web, store, clock,
    async close() {
      await web.idle();
      web.close();
      await new Promise<void>((resolve) => { server.close(() => resolve()); server.closeAllConnections(); });
      await store.close();
    },
  };
}

interface Browser { cookie?: string }

async function generate(h: Harness, browser: Browser, body: unknown = {}): Promise<{ conversationId: string; token: string }> {
  const res = await fetch(`${h.url}/tokens/generate`, { method: 'POST', headers: { 'content-type': 'application/json', ...(browser.cookie ? { cookie: browser.cookie } : {}) }, body: JSON.stringify(body) });
  expect(res.status).toBe(200);
  const set = res.headers.get('set-cookie');
  if (set) {
    expect(set).toMatch(/HttpOnly/);
    expect(set).toMatch(/SameSite=Strict/);
    browser.cookie = set.split(';')[0];
  }
  return res.json() as Promise<{ conversationId: string; token: string }>;
}

const say = (h: Harness, s: { conversationId: string; token: string }, text: string, headers: Record<string, string> = {}) =>
  fetch(`${h.url}/conversations/${s.conversationId}/activities`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${s.token}`, ...headers }, body: JSON.stringify({ type: 'message', text, from: { id: 'user' } }) });

const read = (h: Harness, id: string, token: string) => fetch(`${h.url}/conversations/${id}/activities`, { headers: { authorization: `Bearer ${token}` } });

describe('a conversation belongs to its browser', () => {
  let h: Harness;
  beforeAll(async () => { h = await harness(); });
  afterAll(async () => { await h.close(); });

  it('another browser cannot read a transcript without its secret: not by naming the id, not with a forged cookie, not with its own token', async () => {
    const alice: Browser = {};
    const mine = await generate(h, alice);
    expect((await say(h, mine, 'hi')).status).toBe(200);
    await h.web.idle();
    const transcript = await (await read(h, mine.conversationId, mine.token)).json();
    expect(transcript.activities.length).toBeGreaterThan(1);

    const mallory: Browser = {};
    const asked = await generate(h, mallory, { conversationId: mine.conversationId });
    expect(asked.conversationId).not.toBe(mine.conversationId);
    const forged = await generate(h, { cookie: `${BROWSER_COOKIE}=${mine.conversationId}.not-the-secret` });
    expect(forged.conversationId).not.toBe(mine.conversationId);
    expect((await read(h, mine.conversationId, asked.token)).status).toBe(403);
    expect((await read(h, mine.conversationId, `${mine.conversationId}.9999999999.forged`)).status).toBe(403);
    // The secret is in the cookie only; the store has a hash of it.
    const secret = alice.cookie!.split('.').slice(1).join('.');
    const row = await h.store.kysely.selectFrom('web_browsers').selectAll().where('conversation_key', '=', `web:${mine.conversationId}`).executeTakeFirstOrThrow();
    expect(row.secret_hash).not.toContain(secret);

    // The owner's browser, reloaded, gets its own conversation back with its history, and is not greeted again.
    const again = await generate(h, alice);
    expect(again.conversationId).toBe(mine.conversationId);
    const join = await fetch(`${h.url}/conversations/${again.conversationId}/activities`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${again.token}` }, body: JSON.stringify({ type: 'event', name: 'webchat/join', from: { id: 'user' } }) });
    expect(join.status).toBe(200);
    await h.web.idle();
    const after = await (await read(h, again.conversationId, again.token)).json();
    expect(after.activities).toEqual(transcript.activities);
  });

  it('refuses an expired token, and a refreshed one works', async () => {
    const browser: Browser = {};
    const s = await generate(h, browser);
    expect((await read(h, s.conversationId, s.token)).status).toBe(200);
    const refreshed = await (await fetch(`${h.url}/tokens/refresh`, { method: 'POST', headers: { authorization: `Bearer ${s.token}` } })).json();
    h.clock.now += 3601_000;
    expect((await read(h, s.conversationId, s.token)).status).toBe(403);
    expect((await read(h, s.conversationId, refreshed.token)).status).toBe(403);
    expect((await fetch(`${h.url}/tokens/refresh`, { method: 'POST', headers: { authorization: `Bearer ${s.token}` } })).status).toBe(403);
    // The browser's cookie gets it a new token for the same conversation.
    const back = await generate(h, browser);
    expect(back.conversationId).toBe(s.conversationId);
    expect((await read(h, back.conversationId, back.token)).status).toBe(200);
  });

  it('answers only on this machine\'s names and to its own page: another Host or Origin is refused', async () => {
    const s = await generate(h, {});
    expect((await say(h, s, 'hi', { origin: 'http://evil.example' })).status).toBe(403);
    // A page on another name that resolves here (DNS rebinding) sends its own Host.
    const url = new URL(`${h.url}/tokens/generate`);
    const status = await new Promise<number>((resolve, reject) => {
      request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { host: `evil.example:${url.port}` } }, (res) => { res.resume(); resolve(res.statusCode ?? 0); })
        .on('error', reject).end();
    });
    expect(status).toBe(403);
    const own = new URL(h.url).origin;
    expect((await say(h, s, 'hi', { origin: own })).status).toBe(200);
  });

  it('"export my data" includes this browser\'s conversation as it was shown, and never another person\'s', async () => {
    const alice: Browser = {};
    const bob: Browser = {};
    const a = await generate(h, alice);
    const b = await generate(h, bob);
    // Interleaved, so both transcripts are written at the same time.
    for (const [s, text] of [[a, 'hello, I am the first person'], [b, 'hello, I am somebody else entirely'], [a, 'yes'], [b, 'no thanks, zebra'], [a, 'export my data']] as const) {
      expect((await say(h, s, text)).status).toBe(200);
      await h.web.idle();
    }
    const shown = (await (await read(h, a.conversationId, a.token)).json()).activities as Array<{ type: string; text?: string; from: { role: string }; attachments?: Array<{ contentType: string; contentUrl: string }> }>;
    const file = shown.flatMap((x) => x.attachments ?? []).find((f) => f.contentType === 'application/json');
    expect(file).toBeDefined();
    const exported = JSON.parse(Buffer.from(file!.contentUrl.split(',')[1]!, 'base64').toString('utf8')) as { conversation: { key: string }; transcript: Array<{ from: string; text: string; at: string }> };
    expect(exported.conversation.key).toBe(`web:${a.conversationId}`);
    // Every message the page showed before the file, in order, with who said it.
    const before = shown.slice(0, shown.findIndex((x) => x.attachments?.some((f) => f.contentType === 'application/json')));
    const seen = before.filter((x) => x.type === 'message').map((x) => ({ from: x.from.role === 'bot' ? 'coach' : 'you', text: x.text }));
    expect(exported.transcript.map(({ from, text }) => ({ from, text })).slice(0, seen.length)).toEqual(seen);
    expect(exported.transcript.filter((l) => l.from === 'you').map((l) => l.text)).toEqual(['hello, I am the first person', 'yes', 'export my data']);
    expect(exported.transcript.filter((l) => l.from === 'coach').length).toBeGreaterThan(1);
    expect(exported.transcript.every((l) => !Number.isNaN(Date.parse(l.at)))).toBe(true);
    // Nothing of the other person's conversation, and no internal fields of the page.
    const whole = JSON.stringify(exported);
    expect(whole).not.toContain('somebody else');
    expect(whole).not.toContain('zebra');
    expect(whole).not.toContain(b.conversationId);
    expect(whole).not.toContain('clientActivityID');
    expect(whole).not.toContain('replyToId');
  });

  it('"delete my data" takes the transcript and the browser\'s claim with it', async () => {
    const browser: Browser = {};
    const s = await generate(h, browser);
    for (const text of ['hi', 'delete my data', 'yes']) {
      await say(h, s, text);
      await h.web.idle();
    }
    const counts = await h.store.countRows(`web:${s.conversationId}`);
    expect(counts).toMatchObject({ web_browsers: 0, web_activities: 0, conversations: 0 });
    // The cookie no longer opens anything: the next visit is a new conversation.
    expect((await generate(h, browser)).conversationId).not.toBe(s.conversationId);
  });
});

describe('bounded under a flood', () => {
  it('keeps turns, conversations and the stored transcript within their limits', async () => {
    // A coach that is slow today: turns wait at a gate until the test opens it.
    let open!: () => void;
    const gate = new Promise<void>((resolve) => { open = resolve; });
    let gated = true;
    const slow = (coach: Coach): Coach => ({ ...coach, handleTurn: async (...args) => { if (gated) await gate; return coach.handleTurn(...args); } });
    const h = await harness({ maxTurnsPerConversation: 3, maxTurns: 5, maxConversations: 10, transcriptKeep: 20 }, slow);
    try {
      const s = await generate(h, {});
      const statuses = await Promise.all(Array.from({ length: 60 }, (_, i) => say(h, s, `message ${i}`).then((r) => r.status)));
      expect(statuses.filter((x) => x === 200)).toHaveLength(3);
      expect(statuses.filter((x) => x === 429)).toHaveLength(57);
      expect(h.web.stats().turns).toBe(3);
      // Across conversations, the total holds too.
      const t = await generate(h, {});
      const more = await Promise.all(Array.from({ length: 10 }, (_, i) => say(h, t, `other ${i}`).then((r) => r.status)));
      expect(more.filter((x) => x === 200)).toHaveLength(2);
      expect(h.web.stats().turns).toBe(5);
      gated = false;
      open();
      await h.web.idle();
      expect(h.web.stats().turns).toBe(0);
      for (let i = 0; i < 30; i += 1) { await say(h, s, `later ${i}`); await h.web.idle(); }
      expect((await h.store.countRows(`web:${s.conversationId}`)).web_activities).toBe(20);
      // Many browsers at once: memory holds at most the limit of conversations.
      for (let i = 0; i < 40; i += 1) {
        const other = await generate(h, {});
        await fetch(`${h.url}/conversations`, { method: 'POST', headers: { authorization: `Bearer ${other.token}` } });
      }
      expect(h.web.stats().conversations).toBeLessThanOrEqual(10);
    } finally {
      await h.close();
    }
  }, 60_000);
});

describe('the web page with Bot Framework credentials', () => {
  it('is off on a public address with credentials unless GENTLEPATH_WEB_PAGE=on; on for loopback; off when asked', () => {
    expect(webChannel.settings({ host: '0.0.0.0', microsoftAppId: 'app' })).toBeUndefined();
    expect(webChannel.settings({ host: '0.0.0.0', microsoftAppId: 'app', webPage: 'on', webHosts: ['coach.example.org'] })).toEqual({ allowedHosts: ['coach.example.org'] });
    expect(webChannel.settings({ host: '127.0.0.1', microsoftAppId: 'app' })).toBeDefined();
    expect(webChannel.settings({ host: '127.0.0.1', webPage: 'off' })).toBeUndefined();
  });
});
