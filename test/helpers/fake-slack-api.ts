// A local stand-in for Slack's Web API (point the WebClient at `apiUrl`, which ends in /api/): answers
// auth.test, chat.postMessage, chat.update, views.publish and conversations.open, and records every call.
// The token "xoxb-revoked" gets invalid_auth.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SlackCall {
  method: string;
  args: Record<string, any>;
}

export interface FakeSlackApi {
  apiUrl: string;
  calls: SlackCall[];
  callsTo(method: string): SlackCall[];
  waitFor(method: string, count: number, timeoutMs?: number): Promise<SlackCall[]>;
  close(): Promise<void>;
}

export const FAKE_BOT_USER = 'UBOT0001';

const JSON_FIELDS = ['blocks', 'view', 'attachments', 'metadata'];

export async function startFakeSlackApi(): Promise<FakeSlackApi> {
  const calls: SlackCall[] = [];
  let ts = 1_700_000_000;
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const method = (req.url ?? '').split('?')[0]!.replace(/^\/api\//, '');
    let args: Record<string, any> = {};
    if ((req.headers['content-type'] ?? '').includes('application/json')) {
      args = raw ? JSON.parse(raw) : {};
    } else {
      args = Object.fromEntries(new URLSearchParams(raw));
      for (const field of JSON_FIELDS) if (typeof args[field] === 'string') args[field] = JSON.parse(args[field]);
    }
    calls.push({ method, args });
    // A token Slack no longer accepts: "xoxb-revoked".
    if (req.headers.authorization === 'Bearer xoxb-revoked' || args.token === 'xoxb-revoked') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: false, error: 'invalid_auth' }));
      return;
    }
    const answer = (body: Record<string, unknown>) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, ...body }));
    switch (method) {
      case 'auth.test':
        return answer({ url: 'https://example.slack.com/', team: 'Example', user: 'gentlepath', team_id: 'T0001', user_id: FAKE_BOT_USER, bot_id: 'B0001' });
      case 'chat.postMessage':
        ts += 1;
        return answer({ channel: args.channel, ts: `${ts}.000100`, message: { text: args.text } });
      case 'chat.update':
        return answer({ channel: args.channel, ts: args.ts });
      case 'views.publish':
        return answer({ view: { id: 'V0001', type: 'home' } });
      case 'conversations.open':
        return answer({ channel: { id: `D${String(args.users)}` } });
      default:
        return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: false, error: 'unknown_method' }));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const callsTo = (method: string) => calls.filter((c) => c.method === method);
  return {
    apiUrl: `http://127.0.0.1:${port}/api/`,
    calls,
    callsTo,
    async waitFor(method, count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        if (callsTo(method).length >= count) return callsTo(method);
        if (Date.now() > deadline) throw new Error(`fake Slack API: expected ${count} ${method} calls, got ${callsTo(method).length}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    close: () => new Promise<void>((resolve) => { server.close(() => resolve()); server.closeAllConnections(); }),
  };
}
