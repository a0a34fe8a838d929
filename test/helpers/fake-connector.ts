// A local stand-in for Microsoft's Bot Connector service: records the activities a bot sends to
// POST /v3/conversations/:id/activities[/:replyToId] and answers as the service does.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ConnectorCall {
  conversationId: string;
  replyToId?: string;
  authorization?: string;
  activity: Record<string, any>;
}

export interface FakeConnector {
  url: string;
  calls: ConnectorCall[];
  /** Calls for one conversation, in order. */
  callsFor(conversationId: string): ConnectorCall[];
  /** Waits until `count` calls have arrived for the conversation (or any, without an id). */
  waitFor(count: number, conversationId?: string, timeoutMs?: number): Promise<ConnectorCall[]>;
  close(): Promise<void>;
}

export async function startFakeConnector(): Promise<FakeConnector> {
  const calls: ConnectorCall[] = [];
  let next = 1;
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/?]+))?$/.exec((req.url ?? '').split('?')[0]!);
    if (req.method !== 'POST' || !match) {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'NotFound' } }));
      return;
    }
    calls.push({
      conversationId: decodeURIComponent(match[1]!), replyToId: match[2] ? decodeURIComponent(match[2]) : undefined,
      authorization: req.headers.authorization, activity: JSON.parse(Buffer.concat(chunks).toString('utf8')),
    });
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: `sent-${next++}` }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const callsFor = (id: string) => calls.filter((c) => c.conversationId === id);
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    callsFor,
    async waitFor(count, conversationId, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const got = conversationId ? callsFor(conversationId) : calls;
        if (got.length >= count) return got;
        if (Date.now() > deadline) throw new Error(`fake connector: expected ${count} calls, got ${got.length}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    close: () => new Promise<void>((resolve) => { server.close(() => resolve()); server.closeAllConnections(); }),
  };
}
