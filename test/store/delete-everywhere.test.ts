// "Delete my data" in the chat: afterwards no table anywhere holds a row about the user.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createCoach } from '../../src/coach/handle-turn.js';
import { loadContent } from '../../src/content/load-content.js';
import { openSqliteStore } from '../../src/store/open-sqlite.js';

const journalLine = 'lavender oil and slow breathing felt safe';

describe('delete my data', () => {
  it('leaves no row about the user in any table, and keeps other users', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'gp-del-')), 'del.db');
    const store = await openSqliteStore(file);
    const coach = createCoach({ content: loadContent(), store, now: () => new Date('2026-11-23T18:00:00Z') });
    const day = ['hi', 'yes', 'no', 'no', 'no', 'no', '8pm', 'UTC', 'start', 'no', 'done', 'done', '1 and 3', 'done', 'done', 'done', 'done', '1', '2', journalLine];
    for (const text of day) await coach.handleTurn('web:leaving-user', { text, inboundId: `m-${text}` });
    for (const text of day) await coach.handleTurn('web:staying-user', { text: text === journalLine ? 'skip' : text });
    const confirm = await coach.handleTurn('web:leaving-user', { text: 'delete my data' });
    expect(confirm.flatMap((r) => r.contentIds)).toContain('data.delete_confirm');
    const done = await coach.handleTurn('web:leaving-user', { text: 'yes' });
    expect(done.flatMap((r) => r.contentIds)).toContain('data.deleted');
    await store.close();

    const raw = new BetterSqlite3(file, { readonly: true });
    const tables = (raw.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%'").all() as Array<{ name: string }>).map((t) => t.name);
    expect(tables.length).toBeGreaterThanOrEqual(6);
    const leftovers = tables.flatMap((table) => (raw.prepare(`select * from "${table}"`).all() as object[])
      .map((row) => JSON.stringify(row))
      .filter((row) => row.includes('leaving-user') || row.includes('lavender'))
      .map((row) => `${table}: ${row.slice(0, 120)}`));
    const stayingRows = (raw.prepare("select count(*) as n from practice_log where conversation_key = 'web:staying-user'").get() as { n: number }).n;
    raw.close();
    expect(leftovers).toEqual([]);
    expect(stayingRows).toBe(1);
  });
});
