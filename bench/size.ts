// Bytes: the persisted snapshot per conversation, and what a day of practice adds to the database.
import { createCoach } from '../src/coach/handle-turn.js';
import { loadContent } from '../src/content/load-content.js';
import { openSqliteStore } from '../src/store/open-sqlite.js';
import type { Benchmark } from './harness.js';
import { dailyScript } from './scripts.js';

export const size: Benchmark = {
  name: 'size',
  async run() {
    const store = await openSqliteStore(':memory:');
    let now = new Date('2026-11-23T18:00:00Z');
    const coach = createCoach({ content: loadContent(), store, now: () => now });
    for (const text of dailyScript()) await coach.handleTurn('size', { text });
    const snapshotBytes = Buffer.byteLength(JSON.stringify((await store.loadConversation('size'))!.snapshot));
    const before = JSON.stringify(await store.exportUser('size')).length;
    const days = 14;
    for (let d = 1; d <= days; d += 1) {
      now = new Date(now.getTime() + 86_400_000);
      for (const text of ['start', '0', 'no', 'done', 'done', '1 and 3', 'done', 'done', 'done', 'done', '1', '1', 'a calm breath helped']) await coach.handleTurn('size', { text });
    }
    const after = JSON.stringify(await store.exportUser('size')).length;
    await store.close();
    return [
      { benchmark: 'size', measure: 'persisted snapshot per conversation', value: snapshotBytes, unit: 'bytes', target: '< 2 KB' },
      { benchmark: 'size', measure: 'stored per user per day of practice (log + journal, as exported JSON)', value: (after - before) / days, unit: 'bytes' },
    ];
  },
};
