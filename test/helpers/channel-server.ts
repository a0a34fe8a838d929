// Starts the real HTTP server (all channels) on 127.0.0.1 and a random port, over its own in-memory
// SQLite store, with logs captured so tests can check what they contain.
import { Writable } from 'node:stream';
import { loadContent } from '../../src/content/load-content.js';
import type { Content } from '../../src/content/schema.js';
import type { Coach } from '../../src/coach/handle-turn.js';
import { openSqliteStore } from '../../src/store/open-sqlite.js';
import type { KyselyStore } from '../../src/store/kysely-store.js';
import { createLogger } from '../../src/logger.js';
import { startServer, type RunningServer, type ServerConfig } from '../../src/server/start.js';

export interface TestServer extends RunningServer {
  store: KyselyStore;
  content: Content;
  /** Every log line written, as text. */
  logs: string[];
  stop(): Promise<void>;
}

let content: Content | undefined;

export async function startTestServer(options: { config?: Partial<ServerConfig>; slackApiUrl?: string; coach?: (store: KyselyStore, content: Content) => Coach } = {}): Promise<TestServer> {
  content ??= loadContent();
  const store = await openSqliteStore(':memory:');
  const logs: string[] = [];
  const destination = new Writable({ write(chunk, _enc, done) { logs.push(String(chunk)); done(); } });
  const config: ServerConfig = {
    port: 0, host: '127.0.0.1', defaultTimeZone: 'UTC', allowPublicLocalMode: false, ...options.config,
  };
  const running = await startServer({
    config, content, store, logger: createLogger({ level: 'debug', destination }), slackApiUrl: options.slackApiUrl,
    coach: options.coach?.(store, content),
  });
  return {
    ...running, store, content, logs,
    async stop() {
      await running.close();
      await store.close();
    },
  };
}
