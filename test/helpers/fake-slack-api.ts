// A local stand-in for Slack's Web API (point the WebClient at `apiUrl`, which ends in /api/): answers
// auth.test, chat.postMessage, chat.update, views.publish and conversations.open, and records every call.
// File uploads as files.uploadV2 makes them: files.getUploadURLExternal hands out an upload_url on this
// server (/upload/<file id>), which takes the bytes (multipart, field "body") into `uploads`, and
// files.completeUploadExternal shares the file into channel_id, answering with the file's name, title, mimetype
// and filetype as Slack does. Both refuse a call without their required arguments (filename and length; files)
// with invalid_arguments, as Slack does. The token "xoxb-revoked" gets invalid_auth.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SlackCall {
  method: string;
  args: Record<string, any>;
}

export interface SlackUpload {
  fileId: string;
  filename: string;
  bytes: Buffer;
}

export interface FakeSlackApi {
  apiUrl: string;
  calls: SlackCall[];
  /** Bytes POSTed to the upload URLs, in arrival order. */
  uploads: SlackUpload[];
  callsTo(method: string): SlackCall[];
  waitFor(method: string, count: number, timeoutMs?: number): Promise<SlackCall[]>;
  /** The next call to `method` answers { ok: false, error }. */
  failNext(method: string, error: string): void;
  close(): Promise<void>;
}

export const FAKE_BOT_USER = 'UBOT0001';

const JSON_FIELDS = ['blocks', 'view', 'attachments', 'metadata', 'files'];

/** What Slack reports for a file by its name's extension (the few kinds this project uploads). */
const FILE_TYPES: Record<string, { mimetype: string; filetype: string }> = {
  png: { mimetype: 'image/png', filetype: 'png' },
  ics: { mimetype: 'text/calendar', filetype: 'ics' },
};
const fileType = (name: string) => FILE_TYPES[name.split('.').pop()?.toLowerCase() ?? ''] ?? { mimetype: 'application/octet-stream', filetype: 'binary' };

export async function startFakeSlackApi(): Promise<FakeSlackApi> {
  const calls: SlackCall[] = [];
  const uploads: SlackUpload[] = [];
  const filenames = new Map<string, string>();
  let ts = 1_700_000_000;
  let files = 0;
  let base = '';
  const failures = new Map<string, string>();
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const upload = /^\/upload\/(F\w+)$/.exec(req.url ?? '');
    if (upload) {
      const form = await new Request(`${base}${req.url}`, { method: 'POST', headers: req.headers as Record<string, string>, body: Buffer.concat(chunks) }).formData();
      const body = form.get('body');
      if (req.method !== 'POST' || !filenames.has(upload[1]!) || !(body instanceof Blob)) {
        res.writeHead(400, { 'content-type': 'text/plain' }).end('bad upload');
        return;
      }
      const bytes = Buffer.from(await body.arrayBuffer());
      uploads.push({ fileId: upload[1]!, filename: filenames.get(upload[1]!)!, bytes });
      res.writeHead(200, { 'content-type': 'text/plain' }).end(`OK - ${bytes.length}`);
      return;
    }
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
    const failure = failures.get(method);
    if (failure) {
      failures.delete(method);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: false, error: failure }));
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
      case 'files.getUploadURLExternal': {
        if (!args.filename || !(Number(args.length) > 0)) return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: false, error: 'invalid_arguments' }));
        files += 1;
        const fileId = `F${String(files).padStart(6, '0')}`;
        filenames.set(fileId, String(args.filename));
        return answer({ upload_url: `${base}/upload/${fileId}`, file_id: fileId });
      }
      case 'files.completeUploadExternal':
        if (!Array.isArray(args.files) || args.files.length === 0) return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: false, error: 'invalid_arguments' }));
        return answer({
          files: (args.files as Array<{ id: string; title?: string }>).map((f) => {
            const name = filenames.get(f.id) ?? '';
            return { id: f.id, title: f.title ?? name, name, ...fileType(name), channels: args.channel_id ? [args.channel_id] : [] };
          }),
        });
      default:
        return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: false, error: 'unknown_method' }));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  base = `http://127.0.0.1:${port}`;
  const callsTo = (method: string) => calls.filter((c) => c.method === method);
  return {
    apiUrl: `${base}/api/`,
    calls,
    uploads,
    callsTo,
    async waitFor(method, count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        if (callsTo(method).length >= count) return callsTo(method);
        if (Date.now() > deadline) throw new Error(`fake Slack API: expected ${count} ${method} calls, got ${callsTo(method).length}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    failNext(method, error) { failures.set(method, error); },
    close: () => new Promise<void>((resolve) => { server.close(() => resolve()); server.closeAllConnections(); }),
  };
}
