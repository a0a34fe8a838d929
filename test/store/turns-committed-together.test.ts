// Turns that reach the store at the same moment (a reminder send-out runs many at once) are committed in
// one transaction on SQLite (group commit), and each stays its own: a refused or failing turn leaves nothing
// behind and never takes the others down with it, and a check-in rescheduled by its own turn is kept once.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backends } from '../helpers/backends.js';
import type { TurnCommit } from '../../src/coach/store-port.js';
import type { KyselyStore } from '../../src/store/kysely-store.js';
import { emptyProfile } from '../../src/coach/session/session-machine.js';

const NOW = '2026-11-23T18:00:00.000Z';
const commit = (key: string, over: Partial<TurnCommit> = {}): TurnCommit => ({
  key, expectedVersion: 0, snapshot: { context: { key } }, contentVersion: 'v1', profile: emptyProfile, effects: [], now: NOW, ...over,
});
const journal = (text: string) => ({ kind: 'saveJournal' as const, day: '2026-11-23', text });
const brokenPractice = { kind: 'savePractice' as const, session: { key: 's', day: '2026-11-23', step: null as unknown as number, dilatorSize: null, painDuring: 1, painAfter: null, painNextDay: null } };

describe.each(backends)('$name: turns committed at the same moment', ({ available, open }) => {
  let store: KyselyStore;
  let cleanup: (() => Promise<void>) | undefined;
  beforeEach(async (ctx) => {
    if (!available) return ctx.skip();
    ({ store, cleanup } = await open());
  });
  afterEach(async () => { await cleanup?.(); cleanup = undefined; });

  it('a stale, a duplicate and a failing turn are refused alone; the turns beside them commit whole', async () => {
    for (const key of ['a', 'b', 'c', 'd']) await store.commitTurn(commit(key, { inboundId: `${key}-0` }));
    const results = await Promise.allSettled([
      store.commitTurn(commit('a', { expectedVersion: 1, inboundId: 'a-1', effects: [journal('a one')] })),
      // Computed from version 0 although 1 is stored: refused, and its journal line and inbound id are not kept.
      store.commitTurn(commit('b', { expectedVersion: 0, inboundId: 'b-1', effects: [journal('b stale')] })),
      // A redelivery: refused, its conversation left as it was.
      store.commitTurn(commit('c', { expectedVersion: 1, inboundId: 'c-0', snapshot: { context: { twice: true } }, effects: [journal('c twice')] })),
      // Fails after its first writes: every one of them is undone.
      store.commitTurn(commit('d', { expectedVersion: 1, inboundId: 'd-1', snapshot: { context: { broken: true } }, effects: [journal('d lost'), brokenPractice] })),
      store.commitTurn(commit('e', { inboundId: 'e-0', effects: [journal('e one')] })),
    ]);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : 'failed'))).toEqual(['committed', 'conflict', 'duplicate', 'failed', 'committed']);

    expect((await store.loadConversation('a'))?.version).toBe(2);
    expect((await store.exportUser('a')).journal.map((j) => j.text)).toEqual(['a one']);
    expect(await store.hasInbound('a', 'a-1')).toBe(true);
    expect((await store.loadConversation('b'))?.version).toBe(1);
    expect((await store.exportUser('b')).journal).toEqual([]);
    expect(await store.hasInbound('b', 'b-1')).toBe(false);
    expect((await store.loadConversation('c'))?.snapshot).toEqual({ context: { key: 'c' } });
    expect((await store.exportUser('c')).journal).toEqual([]);
    expect(await store.loadConversation('d')).toMatchObject({ version: 1, snapshot: { context: { key: 'd' } } });
    expect((await store.exportUser('d')).journal).toEqual([]);
    expect(await store.hasInbound('d', 'd-1')).toBe(false);
    expect((await store.exportUser('e')).journal.map((j) => j.text)).toEqual(['e one']);
  });

  it('a check-in that schedules the next one leaves exactly that one job; one that does not leaves none', async () => {
    const due = '2026-11-23T19:00:00.000Z';
    const next = '2026-11-24T19:00:00.000Z';
    for (const key of ['x', 'y']) await store.commitTurn(commit(key, { effects: [{ kind: 'schedule', job: 'checkin', dueAt: due }] }));
    const [x, y] = await Promise.all([
      store.commitTurn(commit('x', { expectedVersion: 1, completesJob: { kind: 'checkin', dueAt: due }, effects: [{ kind: 'schedule', job: 'checkin', dueAt: next }] })),
      store.commitTurn(commit('y', { expectedVersion: 1, completesJob: { kind: 'checkin', dueAt: due } })),
    ]);
    expect([x, y]).toEqual(['committed', 'committed']);
    expect(await store.jobsOf('x')).toEqual([{ kind: 'checkin', dueAt: next, status: 'pending', lastError: null }]);
    expect(await store.jobsOf('y')).toEqual([]);
  });
});
