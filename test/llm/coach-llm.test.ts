// The real coach with the live rephraser against the fake server: onboarding, a day's practice and a red
// flag. Only reviewed, rephrasable item texts ever reach the server: never safety text, never the user's words.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BotReply } from '../../src/coach/bot-reply.js';
import { createCoach } from '../../src/coach/handle-turn.js';
import { loadContent } from '../../src/content/load-content.js';
import { createLlmClient } from '../../src/llm/llm-client.js';
import { createLlmRephraser } from '../../src/llm/llm-rephraser.js';
import { contentItems } from '../../src/llm/rephrase-unit.js';
import { openSqliteStore } from '../../src/store/open-sqlite.js';
import { startFakeOpenAi, type FakeOpenAi } from './fake-openai-server.js';

const content = loadContent();
const items = [...contentItems(content).values()];

/** What the user types: onboarding, one day of practice with a journal line, then a red flag. */
const SCRIPT = [
  'hi', 'yes', 'no', 'no', 'no', 'no', '8pm', 'Berlin',
  'start', 'no', 'done', 'done', '1 and 3', 'done', 'done', 'done', 'done', 'about a 1', '1/10',
  'slow breathing with my jaw loose felt safe',
  'I noticed some bleeding after practice today',
  'what should I do now?',
];
/** User lines distinctive enough that finding them in a request would mean the user's text leaked. */
const PRIVATE = ['Berlin', 'slow breathing with my jaw loose', 'I noticed some bleeding', 'what should I do now', 'about a 1'];

let fake: FakeOpenAi;
beforeAll(async () => {
  // The fake answers every rephrase with a visible, faithful change.
  fake = await startFakeOpenAi((request) => ({ json: { text: `Okay. ${request.user}` } }));
});
afterAll(async () => { await fake.close(); });

async function run(withLlm: boolean): Promise<BotReply[][]> {
  const store = await openSqliteStore(':memory:');
  const rephraser = withLlm
    ? createLlmRephraser({ mode: 'live', content, llm: createLlmClient({ baseURL: fake.baseURL, model: 'fake-model', timeoutMs: 2000 }) })
    : undefined;
  let tick = 0;
  const start = Date.parse('2026-11-23T18:00:00Z');
  const coach = createCoach({ content, store, now: () => new Date(start + 1000 * tick++), defaultTimeZone: 'Europe/Berlin', rephraser });
  const turns: BotReply[][] = [];
  try {
    for (const line of SCRIPT) turns.push(await coach.handleTurn('llm-test-user', { text: line }));
  } finally {
    await store.close();
  }
  return turns;
}

describe('the coach with a live LLM', () => {
  it('sends only rephrasable item texts, never safety text or the user\'s own messages; safety replies go out verbatim', async () => {
    const scripted = await run(false);
    const voiced = await run(true);

    const redFlagTurn = SCRIPT.indexOf('I noticed some bleeding after practice today');
    const safetyReplies = voiced[redFlagTurn]!;
    expect(safetyReplies.length).toBeGreaterThan(0);
    expect(safetyReplies.every((r) => !r.rephrasable)).toBe(true);
    expect(safetyReplies.map((r) => r.contentIds[0]).join(' ')).toMatch(/red_flag|safety/);

    // Same conversation, same decisions; replies that are not rephrasable are identical to the script.
    expect(voiced.map((t) => t.map((r) => r.contentIds.join()))).toEqual(scripted.map((t) => t.map((r) => r.contentIds.join())));
    voiced.forEach((turn, i) => turn.forEach((r, j) => {
      if (!r.rephrasable) expect(r.text).toBe(scripted[i]![j]!.text);
    }));
    // And the voice was actually used for the others.
    expect(voiced.flat().filter((r) => r.text.startsWith('Okay. ')).length).toBeGreaterThan(3);

    expect(fake.requests.length).toBeGreaterThan(0);
    const rephrasableTexts = new Set(items.filter((i) => i.rephrasable).map((i) => i.text.trim()));
    for (const request of fake.requests) {
      expect(rephrasableTexts.has(request.user), `sent something that is not a rephrasable item: ${request.user.slice(0, 60)}`).toBe(true);
      for (const item of items.filter((i) => !i.rephrasable && i.text.trim().length > 20)) {
        expect(request.text.includes(item.text.trim()), `safety item ${item.id} was sent`).toBe(false);
      }
      for (const secret of PRIVATE) expect(request.text.toLowerCase()).not.toContain(secret.toLowerCase());
      expect(request.text).not.toContain('llm-test-user');
    }
  });
});
