// Replies are delivered from the committed outbox: a delivery that fails (or a process that stops between
// commit and delivery) is delivered later, once, and never lost.
import { describe, expect, it } from 'vitest';
import type { BotReply } from '../../src/coach/bot-reply.js';
import { createCoach } from '../../src/coach/handle-turn.js';
import { loadContent } from '../../src/content/load-content.js';
import { backends } from '../helpers/backends.js';

const content = loadContent();

describe.each(backends)('outbox on $name', ({ available, open }) => {
  it.skipIf(!available)('delivers replies whose first delivery failed, after a restart, exactly once', async () => {
    const { store, cleanup } = await open();
    try {
      let now = new Date('2026-11-23T18:00:00Z');
      const first = createCoach({ content, store, now: () => now });
      const broken = async () => { throw new Error('connector down'); };
      const replies = await first.handleTurn('web:u', { text: 'hi' }, broken);
      expect(replies.flatMap((r) => r.contentIds)).toContain('onboarding.welcome');
      // The turn is committed even though the channel failed: the conversation moved on.
      expect((await store.loadConversation('web:u'))?.version).toBe(1);

      // A new process (another coach on the same store) finds the undelivered replies and sends them once.
      now = new Date('2026-11-23T18:05:00Z');
      const second = createCoach({ content, store, now: () => now });
      const delivered: BotReply[][] = [];
      const deliver = async (_key: string, r: BotReply[]) => { delivered.push(r); };
      expect(await second.redeliver(deliver)).toBe(1);
      expect(await second.redeliver(deliver)).toBe(0);
      // Once: the welcome and the consent question, each sent one time.
      const ids = delivered.flat().flatMap((r) => r.contentIds);
      expect(ids).toContain('onboarding.welcome');
      expect(ids).toHaveLength(new Set(ids).size);
    } finally {
      await cleanup();
    }
  });

  it.skipIf(!available)('parks replies a channel keeps refusing, with the error kept for an operator', async () => {
    const { store, cleanup } = await open();
    try {
      let now = new Date('2026-11-23T18:00:00Z');
      const coach = createCoach({ content, store, now: () => now });
      const broken = async () => { throw new Error('connector down'); };
      await coach.handleTurn('web:u', { text: 'hi' }, broken);
      for (let i = 0; i < 6; i += 1) {
        now = new Date(now.getTime() + 3_600_000);
        await coach.redeliver(broken);
      }
      // Parked: no longer retried, but still there (not lost) for an operator to see.
      expect(await store.claimDeliveries({ now: '9999-12-31T00:00:00Z', limit: 10, waiting: true })).toEqual([]);
      expect((await store.countRows('web:u')).outbox).toBe(1);
    } finally {
      await cleanup();
    }
  });
});
