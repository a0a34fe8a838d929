// "Delete my data" on SQLite: afterwards the deleted journal line is nowhere in the database's files, not
// in the database, not in its write-ahead log, not in free pages (secure_delete and a checkpoint).
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCoach } from '../../src/coach/handle-turn.js';
import { loadContent } from '../../src/content/load-content.js';
import { openSqliteStore } from '../../src/store/open-sqlite.js';

const journalLine = 'the quiet garden bench with chamomile tea felt safe';

/** How many times the text appears in the raw bytes of the database file, its WAL and shared-memory file. */
function copiesOnDisk(file: string, text: string): number {
  const needle = Buffer.from(text, 'utf8');
  let n = 0;
  for (const path of [file, `${file}-wal`, `${file}-shm`].filter(existsSync)) {
    const bytes = readFileSync(path);
    for (let at = bytes.indexOf(needle); at >= 0; at = bytes.indexOf(needle, at + 1)) n += 1;
  }
  return n;
}

describe('deleted means gone on SQLite', () => {
  it('no byte copy of a deleted journal line stays in the database files', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'gp-bytes-')), 'bytes.db');
    const store = await openSqliteStore(file);
    try {
      const coach = createCoach({ content: loadContent(), store, now: () => new Date('2026-11-23T18:00:00Z') });
      const day = ['hi', 'yes', 'no', 'no', 'no', 'no', '8pm', 'UTC', 'start', 'no', 'done', 'done', '1 and 3', 'done', 'done', 'done', 'done', '1', '2', journalLine];
      for (const text of day) await coach.handleTurn('web:leaving', { text });
      // Another person's record is written after it, so the pages are shared and reused.
      for (const text of day.slice(0, 8)) await coach.handleTurn('web:staying', { text });
      expect((await store.exportUser('web:leaving')).journal.map((j) => j.text)).toContain(journalLine);
      // The scan finds it while it is stored (so finding none later means something).
      expect(copiesOnDisk(file, journalLine)).toBeGreaterThan(0);

      await coach.handleTurn('web:leaving', { text: 'delete my data' });
      await coach.handleTurn('web:leaving', { text: 'yes' });
      // While the server keeps running, and after it stops.
      expect(copiesOnDisk(file, journalLine)).toBe(0);
      expect(copiesOnDisk(file, 'chamomile')).toBe(0);
    } finally {
      await store.close();
    }
    expect(copiesOnDisk(file, journalLine)).toBe(0);
    const reopened = await openSqliteStore(file);
    expect((await reopened.exportUser('web:staying')).conversation).not.toBeNull();
    await reopened.close();
  });
});
