// The local web chat page as a server channel: the page and its scripts at /, and the small Direct Line
// endpoint the page talks to under /v3/directline.
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { defineChannel, type Route } from '../shared/channel.js';
import { isLoopback } from '../shared/http-util.js';
import { APP_JS, ICON_SVG, PAGE_CSP, pageHtml, webChatBundle } from './page.js';
import { renderMessage } from '../../content/render-message.js';
import { readConversationSummary } from '../../coach/conversation-summary.js';
import { physioSummaryHtml } from './physio-summary.js';

const GET = ['GET', 'HEAD'] as const;
const ICON = Buffer.from(ICON_SVG);

interface Compressed { etag: string; plain: Buffer; gzip: Buffer }
const compressed = new WeakMap<Buffer, Compressed>();

/** A static file, gzipped once when the browser takes gzip, cached for a day, 304 for an unchanged ETag. */
function serveStatic(req: IncomingMessage, res: ServerResponse, type: string, body: Buffer): void {
  let entry = compressed.get(body);
  if (!entry) {
    entry = { etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 16)}"`, plain: body, gzip: gzipSync(body, { level: 9 }) };
    compressed.set(body, entry);
  }
  const headers: Record<string, string> = { 'content-type': type, 'cache-control': 'public, max-age=86400', etag: entry.etag, vary: 'accept-encoding' };
  if (req.headers['if-none-match'] === entry.etag) {
    res.writeHead(304, headers).end();
    return;
  }
  const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
  const payload = gzip ? entry.gzip : entry.plain;
  res.writeHead(200, { ...headers, ...(gzip ? { 'content-encoding': 'gzip' } : {}), 'content-length': String(payload.length) });
  res.end(req.method === 'HEAD' ? undefined : payload);
}

function serve(res: ServerResponse, type: string, cache: string, body: string | Buffer, extra: Record<string, string> = {}): void {
  res.writeHead(200, { 'content-type': type, 'cache-control': cache, ...extra });
  res.end(body);
}

interface WebSettings { allowedHosts: string[] }

export const webChannel = defineChannel<WebSettings>({
  name: 'web',
  keyPrefix: 'web:',
  // A local page: with Bot Framework credentials on a public address the server is a bot host, and the page
  // stays off unless GENTLEPATH_WEB_PAGE=on says otherwise.
  settings: (config) => {
    const page = config.webPage ?? 'auto';
    if (page === 'off') return undefined;
    if (page === 'auto' && config.microsoftAppId && !isLoopback(config.host)) return undefined;
    const wildcard = ['0.0.0.0', '::', '[::]'].includes(config.host);
    return { allowedHosts: [...(config.webHosts ?? []), ...(wildcard || isLoopback(config.host) ? [] : [config.host.toLowerCase()])] };
  },
  async create(context, settings) {
    const { createWebChannel, DIRECT_LINE_BASE } = await import('./direct-line.js');
    const web = createWebChannel({
      coach: context.coach, logger: context.logger, transcripts: context.webTranscripts, store: context.store, allowedHosts: settings.allowedHosts,
      summaryPage: async (key, includeJournal) => {
        const summary = await readConversationSummary(context.store, key);
        if (!summary) return null;
        return physioSummaryHtml(context.content, await context.store.exportUser(key), summary, { now: new Date(), includeJournal });
      },
      calendar: {
        title: renderMessage(context.content, 'calendar.title').text,
        description: renderMessage(context.content, 'calendar.description').text,
        missing: renderMessage(context.content, 'web.calendar_missing').text,
      },
    });
    // The page itself answers only on this machine's names too (DNS rebinding).
    const guarded = (handler: Route['handle']): Route['handle'] => (req, res, url) => {
      web.checkRequest(req);
      return handler(req, res, url);
    };
    const page = pageHtml(context.content); // its words from flows/, the claim from the review state
    const routes: Route[] = [
      { path: `${DIRECT_LINE_BASE}/*`, methods: ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'], handle: async (req, res, url) => { await web.handle(req, res, url); } },
      { path: '/', methods: GET, handle: guarded((_req, res) => serve(res, 'text/html; charset=utf-8', 'no-store', page, { 'content-security-policy': PAGE_CSP, 'x-frame-options': 'DENY' })) },
      { path: '/app.js', methods: GET, handle: guarded((_req, res) => serve(res, 'text/javascript; charset=utf-8', 'no-cache', APP_JS)) },
      // 3.9 MB as it ships, about a quarter gzipped; cached for a day and revalidated by its ETag.
      { path: '/webchat.js', methods: GET, handle: (req, res) => serveStatic(req, res, 'text/javascript; charset=utf-8', webChatBundle()) },
      { path: '/icon.svg', methods: GET, handle: (req, res) => serveStatic(req, res, 'image/svg+xml', ICON) },
      { path: '/favicon.ico', methods: GET, handle: (_req, res) => { res.writeHead(301, { location: '/icon.svg' }).end(); } },
    ];
    return {
      routes,
      handleUpgrade: (req, socket, head) => web.handleUpgrade(req, socket, head),
      deliver: web.deliver,
      async start() {},
      async stop() {
        web.close();
        await web.idle();
      },
      idle: () => web.idle(),
      health: () => true,
    };
  },
});
