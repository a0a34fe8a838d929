// Inbound message ids are kept long enough to recognise a channel's retry, then forgotten: the table does
// not grow for ever.
import { describe, expect, it } from 'vitest';
import { createCoach } from '../../src/coach/handle-turn.js';
import { loadContent } from '../../src/content/load-content.js';
import { createScheduler, INBOUND_RETENTION_MS } from '../../src/scheduler/scheduler.js';
import { backends } from '../helpers/backends.js';

const content = loadContent();

describe.each(backends)('inbound ids on $name', ({ available, open }) => {
  it.skipIf(!available)('are pruned after the retention period by the running scheduler, recent ones kept', async () => {
    const { store, cleanup } = await open();
    try {
      let now = new Date('2026-09-01T10:00:00Z');
      const coach = createCoach({ content, store, now: () => now });
      await coach.handleTurn('web:early', { text: 'hi', inboundId: 'e-1' });
      await coach.handleTurn('web:early', { text: 'yes', inboundId: 'e-2' });
      now = new Date('2026-11-23T10:00:00Z');
      await coach.handleTurn('web:recent', { text: 'hi', inboundId: 'r-1' });
      expect(await store.hasInbound('web:early', 'e-1')).toBe(true);

      const scheduler = createScheduler({ store, coach, now: () => now, deliver: async () => {} });
      scheduler.start(60_000);
      await scheduler.stop();
      expect(Date.parse('2026-11-23T10:00:00Z') - Date.parse('2026-09-01T10:00:00Z')).toBeGreaterThan(INBOUND_RETENTION_MS);
      expect(await store.hasInbound('web:early', 'e-1')).toBe(false);
      expect(await store.hasInbound('web:early', 'e-2')).toBe(false);
      expect(await store.hasInbound('web:recent', 'r-1')).toBe(true);
      // A recent retry is still recognised and processed once.
      expect(await coach.handleTurn('web:recent', { text: 'hi', inboundId: 'r-1' })).toEqual([]);
      expect((await store.loadConversation('web:recent'))?.version).toBe(1);
    } finally {
      await cleanup();
    }
  });

  it.skipIf(!available)('prunes a large backlog in slices', async () => {
    const { store, cleanup } = await open();
    try {
      const rows = Array.from({ length: 12_000 }, (_, i) => ({ conversation_key: `web:bulk-${i % 7}`, inbound_id: `m-${i}`, created_at: '2026-01-01T00:00:00Z' }));
      for (let i = 0; i < rows.length; i += 1000) await store.kysely.insertInto('inbound_ids').values(rows.slice(i, i + 1000)).execute();
      expect(await store.pruneInboundIds('2026-02-01T00:00:00Z')).toBe(12_000);
      expect(await store.pruneInboundIds('2026-02-01T00:00:00Z')).toBe(0);
    } finally {
      await cleanup();
    }
  });
});
