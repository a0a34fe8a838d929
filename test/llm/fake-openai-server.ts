// A local OpenAI-compatible server for tests and the benchmark: POST /v1/chat/completions on 127.0.0.1 at a
// random port. It records every request, and a test decides per request what it answers: structured JSON,
// raw text, an HTTP error, a delay or a hang.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface FakeRequest {
  path: string;
  body: { model?: string; messages?: Array<{ role: string; content: string }>; response_format?: unknown; [k: string]: unknown };
  /** Every message's content, joined: what a test searches for leaked text. */
  text: string;
  /** The last user message (the scripted text, for a rephrase). */
  user: string;
  system: string;
}

export interface FakeAnswer {
  /** HTTP status; errors get an OpenAI-style error body. */
  status?: number;
  /** Wait before answering. */
  delayMs?: number;
  /** An object sent as the assistant message's JSON content. */
  json?: unknown;
  /** Raw assistant message content (for malformed JSON). */
  content?: string;
  /** Raw HTTP body instead of a chat completion. */
  rawBody?: string;
  refusal?: string;
}

export type FakeHandler = (request: FakeRequest) => FakeAnswer | Promise<FakeAnswer>;

export interface FakeOpenAi {
  /** For the SDK's baseURL. */
  baseURL: string;
  requests: FakeRequest[];
  /** Sets how the next requests are answered. */
  respond(handler: FakeHandler): void;
  close(): Promise<void>;
}

/** By default the fake "rephrases" by returning the scripted text unchanged (a rephrase the verifier passes). */
export const echo: FakeHandler = (request) => ({ json: { text: request.user } });

export async function startFakeOpenAi(initial: FakeHandler = echo): Promise<FakeOpenAi> {
  let handler = initial;
  const requests: FakeRequest[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();

  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    let body: FakeRequest['body'] = {};
    try { body = JSON.parse(Buffer.concat(chunks).toString('utf8')); } catch { /* recorded as empty */ }
    const messages = Array.isArray(body.messages) ? body.messages : [];
    const request: FakeRequest = {
      path: req.url ?? '', body,
      text: messages.map((m) => String(m.content)).join('\n'),
      user: String(messages.filter((m) => m.role === 'user').at(-1)?.content ?? ''),
      system: String(messages.find((m) => m.role === 'system')?.content ?? ''),
    };
    requests.push(request);
    if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'not found' } }));
      return;
    }
    const answer = await handler(request);
    if (answer.delayMs) {
      await new Promise<void>((resolve) => { const t = setTimeout(() => { timers.delete(t); resolve(); }, answer.delayMs); timers.add(t); });
    }
    if (res.destroyed || res.writableEnded) return;
    const status = answer.status ?? 200;
    if (status !== 200) {
      res.writeHead(status, { 'content-type': 'application/json' })
        .end(JSON.stringify({ error: { message: `fake error ${status}`, type: status === 429 ? 'rate_limit_exceeded' : 'server_error', code: null } }));
      return;
    }
    if (answer.rawBody !== undefined) {
      res.writeHead(200, { 'content-type': 'application/json' }).end(answer.rawBody);
      return;
    }
    const content = answer.content ?? (answer.json === undefined ? null : JSON.stringify(answer.json));
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({
      id: `chatcmpl-fake-${requests.length}`, object: 'chat.completion', created: Math.floor(Date.now() / 1000), model: body.model ?? 'fake',
      choices: [{ index: 0, message: { role: 'assistant', content, refusal: answer.refusal ?? null }, finish_reason: 'stop', logprobs: null }],
      usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
    }));
  });
  server.on('connection', (socket) => { sockets.add(socket); socket.on('close', () => sockets.delete(socket)); });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    respond(next) { handler = next; },
    async close() {
      for (const t of timers) clearTimeout(t);
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
