// Bad input on every channel gets a 4xx with a short, generic body, never a 500 and never the internal
// error; nothing a caller sends can end the process.
import { createHmac } from 'node:crypto';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSlackApi, type FakeSlackApi } from '../helpers/fake-slack-api.js';
import { startTestServer, type TestServer } from '../helpers/channel-server.js';

const SECRET = 'test-signing-secret-0123456789abcdef';
let api: FakeSlackApi;
let server: TestServer;

beforeAll(async () => {
  api = await startFakeSlackApi();
  server = await startTestServer({ config: { slackBotToken: 'xoxb-test-token', slackSigningSecret: SECRET }, slackApiUrl: api.apiUrl });
});
afterAll(async () => {
  await server.stop();
  await api.close();
});

const signed = (body: string, ts = Math.floor(Date.now() / 1000)) => ({
  'x-slack-signature': `v0=${createHmac('sha256', SECRET).update(`v0:${ts}:${body}`).digest('hex')}`,
  'x-slack-request-timestamp': String(ts),
});

interface Hostile { name: string; method?: string; path: string; body?: string; headers?: Record<string, string> }

/** A raw request (fetch would re-encode a broken path). */
function send(h: Hostile): Promise<{ status: number; body: string }> {
  const url = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, method: h.method ?? 'POST', path: h.path, headers: { 'content-type': 'application/json', ...h.headers } }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => { body += c.toString(); });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end(h.body ?? '');
  });
}

const json = 'application/json';
const form = 'application/x-www-form-urlencoded';
const slack = (name: string, body: string, contentType = json, ts?: number): Hostile => ({ name, path: '/slack/events', body, headers: { 'content-type': contentType, ...signed(body, ts) } });

const hostile: Hostile[] = [
  { name: 'bf {}', path: '/api/messages', body: '{}' },
  { name: 'bf empty', path: '/api/messages', body: '' },
  { name: 'bf no type', path: '/api/messages', body: '{"text":"hi","conversation":{"id":"c"}}' },
  { name: 'bf numeric type', path: '/api/messages', body: '{"type":5,"text":"hi"}' },
  { name: 'bf null', path: '/api/messages', body: 'null' },
  { name: 'bf array', path: '/api/messages', body: '[]' },
  { name: 'bf string', path: '/api/messages', body: '"message"' },
  { name: 'bf broken json', path: '/api/messages', body: '{"type":' },
  { name: 'bf message without conversation', path: '/api/messages', body: '{"type":"message","text":"hi"}' },
  { name: 'bf message with object text', path: '/api/messages', body: '{"type":"message","text":{"a":1},"conversation":{"id":"c"},"from":{"id":"u"},"serviceUrl":"http://127.0.0.1:9/"}' },
  { name: 'dl broken %-encoding', method: 'GET', path: '/v3/directline/conversations/%E0%A4%A/activities' },
  { name: 'dl lone %', method: 'POST', path: '/v3/directline/conversations/%/activities', body: '{}' },
  { name: 'dl %zz', method: 'GET', path: '/v3/directline/conversations/%zz' },
  { name: 'dl token bad json', path: '/v3/directline/tokens/generate', body: '{"conversationId":' },
  { name: 'dl token null', path: '/v3/directline/tokens/generate', body: 'null' },
  { name: 'dl conversations no token', path: '/v3/directline/conversations', body: 'null' },
  { name: 'dl stream broken encoding', method: 'GET', path: '/v3/directline/conversations/%C3%28/stream?t=x' },
  slack('slack null', 'null'),
  slack('slack payload=null', 'payload=null', form),
  slack('slack payload broken', 'payload=%7B', form),
  slack('slack payload bad %', 'payload=%E0%A4%A', form),
  slack('slack array', '[]'),
  slack('slack number', '5'),
  slack('slack empty object', '{}'),
  slack('slack event null', '{"type":"event_callback","event":null,"team_id":"T1"}'),
  slack('slack url_verification without challenge', '{"type":"url_verification"}'),
  slack('slack broken json', '{"type":'),
  slack('slack command without fields', 'command=%2Fgentlepath', form),
];

describe('hostile requests', () => {
  it('300 requests across /api/messages, /v3/directline and /slack/events: no 5xx, short generic bodies, the server stays up', async () => {
    const results: Array<{ name: string; status: number; body: string }> = [];
    for (let i = 0; i < 300; i += 1) {
      const h = hostile[i % hostile.length]!;
      results.push({ name: h.name, ...(await send(h)) });
    }
    await server.idle();
    const fivexx = results.filter((r) => r.status >= 500);
    console.info(`[hostile] ${results.length} requests: ${fivexx.length} answered 5xx; statuses ${JSON.stringify(Object.fromEntries([...new Set(results.map((r) => r.status))].map((s) => [s, results.filter((r) => r.status === s).length])))}`);
    expect([...new Set(fivexx.map((r) => `${r.name}: ${r.status} ${r.body.slice(0, 80)}`))]).toEqual([]);
    // Short and generic: no stack, no library's error text.
    for (const r of results.filter((x) => x.status >= 400)) {
      expect(r.body.length, r.name).toBeLessThan(200);
      expect(r.body, r.name).not.toMatch(/at \w+ \(|TypeError|Cannot read|undefined|Unexpected token|URIError/);
    }
    const health = await fetch(`${server.url}healthz`);
    expect(health.status).toBe(200);
  }, 60_000);

  it('Slack requests signed more than 5 minutes away from now are refused, in the past and in the future', async () => {
    const event = JSON.stringify({ type: 'url_verification', challenge: 'abc' });
    const now = Math.floor(Date.now() / 1000);
    expect((await send(slack('now', event, json, now))).status).toBe(200);
    expect((await send(slack('past', event, json, now - 6 * 60))).status).toBe(401);
    expect((await send(slack('future', event, json, now + 6 * 60))).status).toBe(401);
  });
});

describe('HOST written as an IPv6 address in brackets', () => {
  it('HOST=[::1] is read as ::1 and the server answers there; an address it cannot use is refused in one clear line', async () => {
    const { loadConfig } = await import('../../src/config.js');
    expect(loadConfig(['start'], { HOST: '[::1]' }).host).toBe('::1');
    const v6 = await startTestServer({ config: { host: loadConfig(['start'], { HOST: '[::1]' }).host } });
    try {
      expect(v6.url).toMatch(/^http:\/\/\[::1\]:\d+\/$/);
      expect((await fetch(`${v6.url}healthz`)).status).toBe(200);
    } finally {
      await v6.stop();
    }
    await expect(startTestServer({ config: { host: 'no-such-host.invalid', allowPublicLocalMode: true } })).rejects.toThrow(/cannot listen on no-such-host\.invalid/);
  });
});
