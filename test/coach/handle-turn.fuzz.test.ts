// Hostile and random text into the one entry point: it never throws, always answers, and the stored
// state stays usable (the next ordinary message still works).
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCoach, type Coach } from '../../src/coach/handle-turn.js';
import { loadContent } from '../../src/content/load-content.js';
import { openSqliteStore } from '../../src/store/open-sqlite.js';
import type { Store } from '../../src/coach/store-port.js';

const content = loadContent();
let store: Store;
let coach: Coach;
const errors: unknown[] = [];

beforeAll(async () => {
  store = await openSqliteStore(':memory:');
  coach = createCoach({ content, store, onError: (e) => errors.push(e) });
});
afterAll(async () => { await store.close(); });

const hostile = [
  '', ' ', '\u0000\u0001\u0002', '\u200b\u200c\u200d\u2060\ufeff', '\u202e\u2066reversed\u2069', '😀🔥💀'.repeat(50),
  "'; DROP TABLE conversations; --", 'Robert"); DELETE FROM practice_log;--', '{{constructor.constructor("x")()}}',
  '${process.exit(1)}', '<script>alert(1)</script>', 'a'.repeat(100_000), '9'.repeat(400), '-1', '11', '10/10/10',
  'NaN', 'Infinity', '\n\n\n', 'yes'.repeat(1000), 'ñ̷̛̗͖̓ö̵̧́ ̴̞͝p̷̣̔a̶͙͝i̵̹͐n̶͎̈́',
];

async function walkIn(user: string): Promise<void> {
  for (const text of ['hi', 'yes', 'no', 'no', 'no', 'no', '8pm', 'UTC', 'start']) await coach.handleTurn(user, { text });
}

describe('handleTurn under hostile input', () => {
  it('answers every hostile message in every phase without throwing', async () => {
    await walkIn('fuzz-a');
    for (const text of hostile) {
      const replies = await coach.handleTurn('fuzz-a', { text });
      expect(replies.length, JSON.stringify(text.slice(0, 30))).toBeGreaterThan(0);
      expect(replies.every((r) => typeof r.text === 'string' && r.text.length > 0)).toBe(true);
    }
    // The conversation still works afterwards.
    const help = await coach.handleTurn('fuzz-a', { text: 'help' });
    expect(help.flatMap((r) => r.contentIds)).toContain('help');
    expect(errors).toEqual([]);
  });

  it('never throws and always replies on random text, from random points of the session', async () => {
    let n = 0;
    await fc.assert(fc.asyncProperty(
      fc.array(fc.oneof(
        fc.string({ unit: 'grapheme', maxLength: 200 }),
        fc.string({ unit: 'binary', maxLength: 200 }),
        fc.constantFrom('yes', 'no', 'done', 'skip', '3', 'two', 'start', 'stop', 'continue', 'it burns', 'no bleeding', 'help', 'progress'),
      ), { minLength: 1, maxLength: 12 }),
      async (messages) => {
        const user = `fuzz-${n++}`;
        for (const text of messages) {
          const replies = await coach.handleTurn(user, { text });
          expect(replies.length).toBeGreaterThan(0);
        }
        const stored = await store.loadConversation(user);
        expect(stored?.version).toBe(messages.length);
      },
    ), { numRuns: 150 });
    expect(errors).toEqual([]);
  });
});
