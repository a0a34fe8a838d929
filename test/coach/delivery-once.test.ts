// Every reply once, in order, never stale: a batch cut short resumes at the missing reply only, an old
// question is not sent to a conversation that has moved on, a message sent again after a crash gets its
// replies at once, and several processes redelivering together send each reply once.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BotReply } from '../../src/coach/bot-reply.js';
import { createCoach, type Deliver } from '../../src/coach/handle-turn.js';
import { loadContent } from '../../src/content/load-content.js';
import { openPostgresStore } from '../../src/store/open-postgres.js';
import { openSqliteStore } from '../../src/store/open-sqlite.js';
import type { KyselyStore } from '../../src/store/kysely-store.js';
import { backends, freshPostgresDatabase, hasPostgres } from '../helpers/backends.js';

const content = loadContent();
const root = new URL('../../', import.meta.url).pathname;
const ids = (replies: readonly BotReply[]) => replies.flatMap((r) => r.contentIds);

/** A channel that records what it was handed; `failAt` makes the n-th reply (0-based) fail once. */
function channel(failAt?: number) {
  const got: BotReply[] = [];
  let calls = 0;
  const deliver: Deliver = async (_key, replies) => {
    for (const reply of replies) {
      if (calls++ === failAt) throw new Error('connector down');
      got.push(reply);
    }
  };
  return { got, deliver };
}

/** Where a second process would open the same database (SQLite file or PostgreSQL database). */
const backendsWithFiles = [
  {
    name: 'sqlite', available: true,
    open: async () => {
      const file = join(mkdtempSync(join(tmpdir(), 'gp-once-')), 'once.db');
      return { reopen: () => openSqliteStore(file), drop: async () => {} };
    },
  },
  {
    name: 'postgres', available: hasPostgres,
    open: async () => {
      const db = await freshPostgresDatabase();
      return { reopen: () => openPostgresStore(db.url), drop: db.drop };
    },
  },
];

describe.each(backends)('delivery on $name', ({ available, open }) => {
  it.skipIf(!available)('a batch cut short resumes with the missing replies only, in order', async () => {
    const { store, cleanup } = await open();
    try {
      let now = new Date('2026-11-23T18:00:00Z');
      const first = createCoach({ content, store, now: () => now });
      const cut = channel(1);
      const replies = await first.handleTurn('web:cut', { text: 'hi' }, cut.deliver);
      expect(replies.length).toBeGreaterThanOrEqual(2);
      expect(ids(cut.got)).toEqual(ids(replies).slice(0, 1));

      now = new Date('2026-11-23T18:05:00Z');
      const rest = channel();
      expect(await createCoach({ content, store, now: () => now }).redeliver(rest.deliver)).toBe(1);
      // The person has every reply once, in the order the turn made them.
      expect([...ids(cut.got), ...ids(rest.got)]).toEqual(ids(replies));
      expect((await store.countRows('web:cut')).outbox).toBe(0);
    } finally {
      await cleanup();
    }
  });

  it.skipIf(!available)('a question the conversation has moved past is not sent again', async () => {
    const { store, cleanup } = await open();
    try {
      let now = new Date('2026-11-23T18:00:00Z');
      const coach = createCoach({ content, store, now: () => now });
      const down = channel(0);
      const welcome = await coach.handleTurn('web:stale', { text: 'hi' }, down.deliver);
      expect(welcome.at(-1)?.expects).toBe('yesno');
      expect(down.got).toEqual([]);
      // The person sees nothing, writes again, and the conversation moves on with an answer delivered.
      const up = channel();
      const next = await coach.handleTurn('web:stale', { text: 'yes' }, up.deliver);
      expect(ids(up.got)).toEqual(ids(next));

      now = new Date('2026-11-23T18:05:00Z');
      const later = channel();
      expect(await coach.redeliver(later.deliver)).toBe(1);
      // The old consent question (and the welcome around it) would now be answered as the current question.
      expect(later.got).toEqual([]);
      expect((await store.countRows('web:stale')).outbox).toBe(0);
    } finally {
      await cleanup();
    }
  });

  it.skipIf(!available)('when the conversation moved on without a word, the current question replaces the stale one', async () => {
    const { store, cleanup } = await open();
    try {
      let now = new Date('2026-11-23T18:00:00Z');
      const coach = createCoach({ content, store, now: () => now });
      await coach.handleTurn('web:quiet', { text: 'hi' }, channel(0).deliver);
      const stored = (await store.loadConversation('web:quiet'))!;
      // A turn with nothing to say (as a scheduled job can be) moves the conversation on to another question:
      // here, the state another person reached after consenting.
      await coach.handleTurn('web:other', { text: 'hi' });
      const consented = await coach.handleTurn('web:other', { text: 'yes' });
      const moved = (await store.loadConversation('web:other'))!;
      await store.commitTurn({
        key: 'web:quiet', expectedVersion: stored.version, snapshot: moved.snapshot, contentVersion: moved.contentVersion,
        profile: (moved.snapshot as { context: { profile: never } }).context.profile, effects: [], now: now.toISOString(),
      });
      now = new Date('2026-11-23T18:05:00Z');
      const later = channel();
      await coach.redeliver(later.deliver);
      // The question it waits on now, with its buttons; not the welcome and consent question again.
      expect(ids(later.got)).not.toContain('onboarding.welcome');
      expect(ids(later.got)).not.toContain('onboarding.consent_ask');
      expect(ids(later.got).length).toBeGreaterThan(0);
      expect(ids(consented)).toEqual(expect.arrayContaining(ids(later.got)));
      expect(later.got.at(-1)?.expects).toBe(consented.at(-1)?.expects);
      expect(later.got.at(-1)?.buttons?.length).toBeGreaterThan(0);
    } finally {
      await cleanup();
    }
  });
});

describe.each(backendsWithFiles)('a message sent again after a crash on $name', ({ available, open }) => {
  it.skipIf(!available)('gets the replies its committed turn never delivered, at once', async () => {
    const { reopen, drop } = await open();
    try {
      const now = () => new Date('2026-11-23T18:00:00Z');
      // The first process commits the turn and dies before the channel gets anything (its store is gone).
      const crashed = await reopen();
      const stuck = createCoach({ content, store: crashed, now }).handleTurn('web:retry', { text: 'hi', inboundId: 'a-1' }, () => new Promise(() => {}));
      await waitFor(async () => (await crashed.countRows('web:retry')).outbox === 1);
      await crashed.close();
      void stuck;

      // The restarted process gets the same message again (the channel retries): same clock, no lease waited out.
      const store: KyselyStore = await reopen();
      try {
        const got = channel();
        await createCoach({ content, store, now }).handleTurn('web:retry', { text: 'hi', inboundId: 'a-1' }, got.deliver);
        expect(ids(got.got)).toContain('onboarding.welcome');
        expect(got.got.at(-1)?.expects).toBe('yesno');
        expect((await store.loadConversation('web:retry'))?.version).toBe(1);
        expect((await store.countRows('web:retry')).outbox).toBe(0);
      } finally {
        await store.close();
      }
    } finally {
      await drop();
    }
  });
});

describe.skipIf(!hasPostgres)('redelivery race across processes', () => {
  it('3 PostgreSQL processes redelivering at once send each reply once', async () => {
    const db = await freshPostgresDatabase();
    try {
      const store = await openPostgresStore(db.url);
      const coach = createCoach({ content, store, now: () => new Date('2026-11-23T18:00:00Z') });
      const expected: string[] = [];
      for (let i = 0; i < 40; i += 1) {
        const replies = await coach.handleTurn(`web:race-${i}`, { text: 'hi' }, async () => { throw new Error('connector down'); });
        for (const r of replies) expected.push(`to web:race-${i} ${r.contentIds.join(',')}`);
      }
      await store.close();
      const startAt = Date.now() + 3000;
      const outputs = await Promise.all([0, 1, 2].map(() => new Promise<string[]>((resolve, reject) => {
        const child = spawn('node', ['--import', 'tsx', 'test/helpers/redeliver-worker.ts', String(startAt), db.url, '2026-11-23T18:10:00Z'], { cwd: root });
        let out = '';
        child.stdout.on('data', (c: Buffer) => { out += c.toString(); });
        child.on('error', reject);
        child.on('close', (code) => (code === 0 && out.endsWith('end\n') ? resolve(out.split('\n').filter((l) => l.startsWith('to '))) : reject(new Error(`worker exited ${code}`))));
      })));
      const all = outputs.flat();
      console.info(`[redelivery race] 3 processes, ${expected.length} replies due: ${all.length} sent (${outputs.map((o) => o.length).join(' + ')})`);
      expect(all.sort()).toEqual([...expected].sort());
    } finally {
      await db.drop();
    }
  }, 60_000);
});

async function waitFor(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200 && !(await check()); i += 1) await new Promise((r) => setTimeout(r, 10));
}
