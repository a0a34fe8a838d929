// Composition root: config -> content -> store -> coach -> channel.
import { loadConfig, type Config } from './config.js';
import { loadContent } from './content/load-content.js';
import { createCoach } from './coach/handle-turn.js';
import { createScheduler } from './scheduler/scheduler.js';
import { openStore } from './store/open-store.js';
import { runTerminalChat } from './channels/terminal/terminal-chat.js';
import { terminalKey as terminalKeyOf } from './channels/terminal/key.js';
import { CoachError, errorLabel } from './errors.js';
import { createInterface } from 'node:readline/promises';
import { renderMessage } from './content/render-message.js';
import type { MessageId } from './content/message-ids.js';
import type { Content } from './content/schema.js';
import type { Store } from './coach/store-port.js';
import { KEY_PREFIXES } from './channels/registry.js';
import type { LlmWiring } from './llm/setup.js';

async function main(config: Config): Promise<void> {
  const content = loadContent();
  if (config.help) {
    process.stdout.write(`${renderMessage(content, 'cli.help').text}\n\n${renderMessage(content, 'cli.help_options', { prefixes: KEY_PREFIXES.join(' ') }).text}\n`);
    return;
  }
  const store = await openStore(config);
  let llm: LlmWiring | undefined;
  try {
    // The optional LLM voice (docs/llm.md): nothing is built and nothing leaves the machine unless GENTLEPATH_LLM_MODE says so.
    // Loaded only when asked for: the OpenAI SDK is the heaviest import there is.
    llm = config.llm.mode === 'off' && !config.llm.classify && !config.llm.safetyCheck
      ? { summary: 'LLM off (scripted text only)', close: async () => {} }
      : await (await import('./llm/setup.js')).setUpLlm(config.llm, content, store);
    if (config.llm.mode !== 'off' || config.llm.classify || config.llm.safetyCheck) process.stderr.write(`${llm.summary}\n`);
    if (config.command === 'migrate') {
      process.stdout.write(`database ${config.databaseUrl ? 'at DATABASE_URL' : `at ${config.dbPath}`} is up to date\n`);
      return;
    }
    if (config.command === 'rotate-keys') {
      process.stdout.write(`re-encrypted ${await store.rotateKeys()} journal entries with the current GENTLEPATH_DATA_KEY\n`);
      return;
    }
    // Terminal conversations have their own key space, like every channel ("terminal:<user>").
    const terminalKey = terminalKeyOf(config.user);
    if (config.command === 'export' || config.command === 'delete') {
      await dataRights(config, content, store, config.key ?? terminalKey);
      return;
    }
    if (config.command === 'start') {
      // The HTTP server: web chat page, Bot Framework, Slack (see src/server/start.ts). Runs until Ctrl+C.
      const [{ startServer }, { createLogger }] = await Promise.all([import('./server/start.js'), import('./logger.js')]);
      const running = await startServer({ config, content, store, rephraser: llm.rephraser, safetyCheck: llm.safetyCheck, logger: createLogger({ level: config.logLevel }) });
      process.stdout.write(`GentlePath is running: open ${running.url} for the web chat (Ctrl+C to stop)\n`);
      await new Promise<void>((resolve) => { process.once('SIGINT', resolve); process.once('SIGTERM', resolve); });
      await running.close();
      return;
    }
    let now = config.now ? new Date(config.now) : null;
    let tick = 0;
    // A fixed clock still moves one second per turn, so events keep their order.
    const clock = () => (now ? new Date(now.getTime() + 1000 * tick++) : new Date());
    const coach = createCoach({
      content, store, now: clock, defaultTimeZone: config.defaultTimeZone, rephraser: llm.rephraser, safetyCheck: llm.safetyCheck,
      onError: (error) => process.stderr.write(`turn failed: ${errorLabel(error)}\n`),
    });
    const interactive = Boolean(process.stdin.isTTY);
    await runTerminalChat({
      coach, content, user: terminalKey, input: process.stdin, output: process.stdout, interactive, runId: config.runId,
      width: process.stdout.isTTY ? process.stdout.columns : undefined,
      setNow: (instant) => { now = instant; tick = 0; },
      // Live check-ins while chatting; a scripted run stays deterministic and has none.
      scheduler: interactive ? (deliver) => createScheduler({ store, coach, deliver, now: clock, keyPrefixes: [`${terminalKey}`] }) : undefined,
    });
  } finally {
    await llm?.close();
    await store.close();
  }
}

/**
 * `export` and `delete` on the command line, for any channel's conversation key. They never create a
 * conversation or record anything: an unknown key is an error, and delete asks first (or takes --yes).
 */
async function dataRights(config: Config, content: Content, store: Store, key: string): Promise<void> {
  const say = (id: MessageId, values: Record<string, string> = {}) => renderMessage(content, id, values).text;
  if (!KEY_PREFIXES.some((prefix) => key.startsWith(prefix) && key.length > prefix.length)) {
    throw new CoachError('config_invalid', say('cli.unknown_channel', { key, prefixes: KEY_PREFIXES.join(' ') }));
  }
  const stored = (await store.loadConversation(key)) !== null || Object.values(await store.countRows(key)).some((n) => n > 0);
  if (!stored) throw new CoachError('config_invalid', say('cli.unknown_conversation', { key }));
  if (config.command === 'export') {
    process.stdout.write(`${JSON.stringify(await store.exportUser(key), null, 2)}\n`);
    return;
  }
  if (!config.yes) {
    if (!process.stdin.isTTY) throw new CoachError('config_invalid', say('cli.delete_needs_yes'));
    const lines = createInterface({ input: process.stdin, output: process.stdout });
    const answer = await lines.question(say('cli.delete_confirm', { key }));
    lines.close();
    if (!/^\s*y(es)?\s*$/i.test(answer)) throw new CoachError('config_invalid', say('cli.delete_cancelled'));
  }
  await store.deleteUser(key);
  if (Object.values(await store.countRows(key)).some((n) => n > 0)) throw new CoachError('store_unavailable', say('cli.delete_incomplete', { key }));
  process.stdout.write(`${say('cli.deleted', { key })}\n`);
}

try {
  await main(loadConfig());
} catch (error) {
  if (error instanceof CoachError) {
    process.stderr.write(`gentlepath: ${error.message}\n`);
    process.exit(1);
  }
  throw error;
}
