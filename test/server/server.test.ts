// The server as `npm start` runs it: the printed URL, /healthz, the refusal to expose local mode.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkBindPolicy } from '../../src/server/start.js';
import { isLoopback } from '../../src/channels/shared/http-util.js';
import { startTestServer } from '../helpers/channel-server.js';

const dir = mkdtempSync(join(tmpdir(), 'gentlepath-start-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[], env: Record<string, string> = {}) {
  const child = spawn(join('node_modules', '.bin', 'tsx'), ['src/index.ts', ...args], {
    env: { ...process.env, MicrosoftAppId: '', SLACK_BOT_TOKEN: '', SLACK_SIGNING_SECRET: '', SLACK_APP_TOKEN: '', HOST: '', PORT: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => { stdout += d; });
  child.stderr.on('data', (d) => { stderr += d; });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, out: () => stdout, err: () => stderr };
}

describe('npm start', () => {
  it('prints the local web chat URL, serves /healthz and stops cleanly on SIGTERM', async () => {
    const proc = run(['start', '--port', '0', '--db', join(dir, 'start.db')]);
    await expect.poll(() => proc.out(), { timeout: 20_000 }).toMatch(/open http:\/\/127\.0\.0\.1:\d+\/ for the web chat/);
    const url = /open (http:\/\/127\.0\.0\.1:\d+\/)/.exec(proc.out())![1]!;
    const health = await fetch(`${url}healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', store: 'ok', content: 'ok', channels: { web: true, botframework: 'local', slack: false } });
    expect((await fetch(url)).headers.get('content-type')).toContain('text/html');
    proc.child.kill('SIGTERM');
    expect(await proc.exited).toBe(0);
  });

  it('refuses to listen publicly in Bot Framework local mode, with one clear line', async () => {
    const proc = run(['start', '--port', '0', '--db', join(dir, 'public.db')], { HOST: '0.0.0.0' });
    expect(await proc.exited).toBe(1);
    const lines = proc.err().split('\n').filter((l) => l.startsWith('gentlepath:'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('refusing to listen on 0.0.0.0');
    expect(lines[0]).toContain('GENTLEPATH_ALLOW_PUBLIC_LOCAL_MODE=1');
  });
});

describe('bind policy', () => {
  it('allows loopback always, and other addresses only with credentials or the explicit opt-in', () => {
    for (const host of ['127.0.0.1', 'localhost', '::1', '127.1.2.3']) expect(isLoopback(host)).toBe(true);
    for (const host of ['0.0.0.0', '::', '192.168.1.10', 'example.org']) expect(isLoopback(host)).toBe(false);
    expect(() => checkBindPolicy({ host: '0.0.0.0', allowPublicLocalMode: false })).toThrow(/refusing to listen/);
    expect(() => checkBindPolicy({ host: '0.0.0.0', allowPublicLocalMode: true })).not.toThrow();
    expect(() => checkBindPolicy({ host: '0.0.0.0', microsoftAppId: 'app', allowPublicLocalMode: false })).not.toThrow();
    expect(() => checkBindPolicy({ host: '127.0.0.1', allowPublicLocalMode: false })).not.toThrow();
  });
});

describe('/healthz', () => {
  it('reports an unreachable store with 503', async () => {
    const server = await startTestServer();
    try {
      expect((await fetch(`${server.url}healthz`)).status).toBe(200);
      await server.store.close();
      const res = await fetch(`${server.url}healthz`);
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ status: 'unavailable', store: 'unreachable' });
    } finally {
      await server.close();
    }
  });
});
