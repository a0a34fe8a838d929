// A database that is down: one clear line at start; during a turn, a kind "couldn't save" and nothing half-written.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createCoach } from '../../src/coach/handle-turn.js';
import { loadContent } from '../../src/content/load-content.js';
import { openPostgresStore } from '../../src/store/open-postgres.js';
import { openSqliteStore } from '../../src/store/open-sqlite.js';

const root = new URL('../../', import.meta.url).pathname;

describe('when the database is not there', () => {
  it('says in one line which database, what failed and what to do, without the password', async () => {
    await expect(openPostgresStore('postgres://gp:secret@127.0.0.1:1/gentlepath')).rejects.toThrow(
      /cannot reach PostgreSQL at postgres:\/\/gp:\*\*\*@127\.0\.0\.1:1\/gentlepath: .*Start the server or fix DATABASE_URL/,
    );
  });

  it('stops the chat with that one line and no stack trace', async () => {
    const result = await promisify(execFile)('node', ['--import', 'tsx', 'src/index.ts', 'chat'], {
      cwd: root, env: { ...process.env, DATABASE_URL: 'postgres://gp:secret@127.0.0.1:1/gentlepath' },
    }).catch((e: { stderr: string; code: number }) => e);
    expect((result as { code: number }).code).toBe(1);
    const stderr = (result as { stderr: string }).stderr.split('\n').filter((l) => l && !l.includes('nodedir'));
    expect(stderr).toHaveLength(1);
    expect(stderr[0]).toMatch(/^gentlepath: cannot reach PostgreSQL/);
    expect(stderr[0]).not.toContain('secret');
  });

  it('answers kindly when a save fails mid-conversation, and the turn leaves nothing behind', async () => {
    const store = await openSqliteStore(':memory:');
    const coach = createCoach({ content: loadContent(), store, now: () => new Date('2026-11-23T18:00:00Z') });
    for (const text of ['hi', 'yes']) await coach.handleTurn('u', { text });
    const before = await store.loadConversation('u');
    const commit = store.commitTurn.bind(store);
    store.commitTurn = async () => { throw new Error('disk I/O error'); };
    const replies = await coach.handleTurn('u', { text: 'no' });
    expect(replies.map((r) => r.contentIds[0])).toEqual(['error.save_failed']);
    store.commitTurn = commit;
    expect(await store.loadConversation('u')).toEqual(before);
    // Sending it again works, from where the user was.
    const retry = await coach.handleTurn('u', { text: 'no' });
    expect(retry.flatMap((r) => r.contentIds)).toContain('history.trauma');
    await store.close();
  });
});
