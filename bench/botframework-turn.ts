// Latency of one turn through POST /api/messages (Microsoft 365 Agents SDK CloudAdapter, local mode) with replies sent
// to a local fake of the connector service: the coach (durable SQLite commit) vs a plain echo handler on
// the same CloudAdapter instance, interleaved in one run. Latency is measured from sending the POST to
// its response, which the adapter gives after the turn's replies were posted to the connector.
// Run alone: npx tsx bench/botframework-turn.ts [--quick]   (also part of npm run bench)
import { createServer, request as httpRequest, Agent } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createCoach } from '../src/coach/handle-turn.js';
import { loadContent } from '../src/content/load-content.js';
import { openSqliteStore } from '../src/store/open-sqlite.js';
import { createBotFrameworkChannel, processRequest } from '../src/channels/botframework/bot-framework.js';
import { createLogger } from '../src/logger.js';
import { readJson } from '../src/channels/shared/http-util.js';
import { Activity } from '@microsoft/agents-activity';
import { startFakeConnector } from '../test/helpers/fake-connector.js';
import { elapsedMs, median, percentile, type Benchmark, type Row } from './harness.js';
import { dailyScript } from './scripts.js';

const agent = new Agent({ keepAlive: true, maxSockets: 1 });

function post(port: number, path: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

export async function measure(turnsPerHandler: number): Promise<{ coach: number[]; echo: number[]; replies: { coach: number; echo: number } }> {
  const dir = mkdtempSync(join(tmpdir(), 'gp-bf-bench-'));
  const connector = await startFakeConnector();
  const store = await openSqliteStore(join(dir, 'bench.db'));
  const content = loadContent();
  const coach = createCoach({ content, store });
  const channel = createBotFrameworkChannel({ coach, content, refs: store.refs, logger: createLogger({ level: 'silent' }) });
  // The peer: the same adapter instance, a handler that only echoes the text back.
  const echo = async (context: Parameters<Parameters<typeof processRequest>[4]>[0]) => {
    await context.sendActivity(Activity.fromObject({ type: 'message', text: context.activity.text ?? '' }));
  };
  const server = createServer((req, res) => {
    const work = req.url === '/echo/api/messages'
      ? readJson(req).then((body) => processRequest(channel.adapter, req, res, body as Record<string, unknown>, echo, false))
      : channel.handle(req, res);
    work.catch(() => { res.statusCode = 500; res.end(); });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const script = dailyScript();
  const users = Math.max(1, Math.ceil(turnsPerHandler / script.length));
  const samples = { coach: [] as number[], echo: [] as number[] };
  let id = 0;
  const activity = (conversation: string, text: string) => JSON.stringify({
    type: 'message', id: `a${++id}`, channelId: 'emulator', serviceUrl: connector.url, timestamp: new Date().toISOString(),
    conversation: { id: conversation }, from: { id: `user-${conversation}` }, recipient: { id: 'bot' }, text,
  });
  // Warm-up: JIT, the adapter's first connector client, SQLite pages.
  for (let i = 0; i < 20; i += 1) {
    await post(port, '/api/messages', activity('warm', script[i % script.length]!));
    await post(port, '/echo/api/messages', activity('warm-echo', 'hello'));
  }
  const before = connector.calls.length;
  let coachReplies = 0;
  // Users round-robin through the daily script (onboarding, then a whole check-in); echo turns interleaved.
  for (let line = 0, n = 0; line < script.length && n < turnsPerHandler; line += 1) {
    for (let u = 0; u < users && n < turnsPerHandler; u += 1, n += 1) {
      const c0 = connector.calls.length;
      let start = process.hrtime.bigint();
      if ((await post(port, '/api/messages', activity(`conv-${u}`, script[line]!))) !== 200) throw new Error('coach turn failed');
      samples.coach.push(elapsedMs(start));
      coachReplies += connector.calls.length - c0;
      start = process.hrtime.bigint();
      if ((await post(port, '/echo/api/messages', activity(`echo-${u}`, script[line]!))) !== 200) throw new Error('echo turn failed');
      samples.echo.push(elapsedMs(start));
    }
  }
  const replies = { coach: coachReplies, echo: connector.calls.length - before - coachReplies };
  agent.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await connector.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  return { ...samples, replies };
}

export const benchmark: Benchmark = {
  name: 'Bot Framework turn',
  async run({ quick }) {
    const { coach, echo } = await measure(quick ? 200 : 2000);
    return [
      { benchmark: 'Bot Framework turn', measure: `median, POST /api/messages to response (${coach.length} turns)`, value: median(coach), unit: 'ms', peer: { name: 'echo on the same CloudAdapter', value: median(echo) } },
      { benchmark: 'Bot Framework turn', measure: 'p99', value: percentile(coach, 99), unit: 'ms', peer: { name: 'echo on the same CloudAdapter', value: percentile(echo, 99) } },
    ] satisfies Row[];
  },
};

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const quick = process.argv.includes('--quick');
  const turns = quick ? 200 : 2000;
  const { coach, echo, replies } = await measure(turns);
  const fmt = (v: number) => v.toFixed(2);
  console.log(`Bot Framework turn latency, POST /api/messages -> response, replies to a local fake connector (${coach.length} turns each, sequential, interleaved; SQLite file store)`);
  console.log('| handler | median ms | p90 ms | p99 ms | max ms | replies sent |');
  console.log('|---|---|---|---|---|---|');
  console.log(`| coach | ${fmt(median(coach))} | ${fmt(percentile(coach, 90))} | ${fmt(percentile(coach, 99))} | ${fmt(Math.max(...coach))} | ${replies.coach} |`);
  console.log(`| echo (same CloudAdapter) | ${fmt(median(echo))} | ${fmt(percentile(echo, 90))} | ${fmt(percentile(echo, 99))} | ${fmt(Math.max(...echo))} | ${replies.echo} |`);
}
