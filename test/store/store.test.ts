// The storage guarantees the coach relies on: one turn commits whole or not at all, a redelivered
// message is processed once, a stale turn never overwrites a newer one, and deletion leaves nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backends } from '../helpers/backends.js';
import type { Store, TurnCommit } from '../../src/coach/store-port.js';
import { emptyProfile } from '../../src/coach/session/session-machine.js';

const commit = (over: Partial<TurnCommit> = {}): TurnCommit => ({
  key: 'u1', expectedVersion: 0, snapshot: { context: { n: 1 } }, contentVersion: 'v1',
  profile: emptyProfile, effects: [], now: '2026-11-23T18:00:00.000Z', ...over,
});
const session = (key: string, painAfter: number | null) => ({
  key, day: '2026-11-23', step: 1, dilatorSize: null, painDuring: 1, painAfter, painNextDay: null,
});

describe.each(backends)('$name store', ({ available, open }) => {
  let store: Store;
  let cleanup: (() => Promise<void>) | undefined;
  beforeEach(async (ctx) => {
    if (!available) return ctx.skip();
    ({ store, cleanup } = await open());
  });
  afterEach(async () => { await cleanup?.(); cleanup = undefined; });

  it('commits the snapshot and every effect of a turn together', async () => {
    expect(await store.commitTurn(commit({ effects: [
      { kind: 'savePractice', session: session('s1', null) },
      { kind: 'saveJournal', day: '2026-11-23', text: 'warm shower first helped' },
    ] }))).toBe('committed');
    expect((await store.loadConversation('u1'))?.version).toBe(1);
    expect(await store.recentPractice('u1', 10)).toHaveLength(1);
    expect((await store.exportUser('u1')).journal[0]?.text).toBe('warm shower first helped');
  });

  it('keeps a rating given in two turns in one record (during first, after later)', async () => {
    await store.commitTurn(commit({ effects: [{ kind: 'savePractice', session: session('s1', null) }] }));
    await store.commitTurn(commit({ expectedVersion: 1, effects: [{ kind: 'savePractice', session: session('s1', 2) }] }));
    const log = await store.recentPractice('u1', 10);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ painDuring: 1, painAfter: 2 });
  });

  it('rolls the whole turn back when one write fails: no half-written state', async () => {
    await store.commitTurn(commit());
    const broken = { ...session('s2', 1), step: null as unknown as number };
    await expect(store.commitTurn(commit({
      expectedVersion: 1, snapshot: { context: { n: 2 } },
      effects: [{ kind: 'saveJournal', day: '2026-11-23', text: 'x' }, { kind: 'savePractice', session: broken }],
    }))).rejects.toThrow();
    const after = await store.loadConversation('u1');
    expect(after?.version).toBe(1);
    expect(after?.snapshot).toEqual({ context: { n: 1 } });
    expect((await store.exportUser('u1')).journal).toHaveLength(0);
  });

  it('processes a redelivered message once', async () => {
    expect(await store.commitTurn(commit({ inboundId: 'evt-1' }))).toBe('committed');
    expect(await store.hasInbound('u1', 'evt-1')).toBe(true);
    expect(await store.commitTurn(commit({ expectedVersion: 1, inboundId: 'evt-1', effects: [{ kind: 'savePractice', session: session('s1', 1) }] }))).toBe('duplicate');
    expect(await store.recentPractice('u1', 10)).toHaveLength(0);
  });

  it('refuses a turn computed from an older version instead of overwriting a newer one', async () => {
    await store.commitTurn(commit());
    await store.commitTurn(commit({ expectedVersion: 1 }));
    expect(await store.commitTurn(commit({ expectedVersion: 1, snapshot: { stale: true } }))).toBe('conflict');
    expect(await store.commitTurn(commit({ expectedVersion: 0 }))).toBe('conflict');
    expect((await store.loadConversation('u1'))?.version).toBe(2);
  });

  it('deletes every row of the user in every table, and only theirs', async () => {
    await store.commitTurn(commit({ inboundId: 'a', effects: [{ kind: 'savePractice', session: session('s1', 1) }, { kind: 'saveJournal', day: '2026-11-23', text: 'x' }] }));
    await store.commitTurn(commit({ key: 'u2', inboundId: 'b', effects: [{ kind: 'savePractice', session: session('s1', 1) }] }));
    await store.commitTurn(commit({ expectedVersion: 1, effects: [{ kind: 'deleteUser' }] }));
    expect(Object.values(await store.countRows('u1')).every((n) => n === 0)).toBe(true);
    expect(await store.countRows('u2')).toMatchObject({ conversations: 1, practice_log: 1, inbound_ids: 1 });
  });

  // Scheduled jobs
  const at = (iso: string) => new Date(iso).toISOString();

  it('claims only due jobs, once per lease, and hands them out again when the claimer vanished', async () => {
    await store.commitTurn(commit({ effects: [
      { kind: 'schedule', job: 'checkin', dueAt: at('2026-11-23T19:00:00Z') },
      { kind: 'schedule', job: 'weekly_summary', dueAt: at('2026-11-30T19:00:00Z') },
    ] }));
    expect(await store.claimDueJobs(at('2026-11-23T18:59:00Z'), 10, 60_000)).toEqual([]);
    const claimed = await store.claimDueJobs(at('2026-11-23T19:00:00Z'), 10, 60_000);
    expect(claimed.map((j) => j.kind)).toEqual(['checkin']);
    expect(await store.claimDueJobs(at('2026-11-23T19:00:30Z'), 10, 60_000)).toEqual([]);
    expect((await store.claimDueJobs(at('2026-11-23T19:01:01Z'), 10, 60_000)).map((j) => j.attempts)).toEqual([2]);
  });

  it('removes a carried-out job with the turn, unless it was rescheduled meanwhile', async () => {
    await store.commitTurn(commit({ effects: [{ kind: 'schedule', job: 'checkin', dueAt: at('2026-11-23T19:00:00Z') }] }));
    await store.commitTurn(commit({ expectedVersion: 1, effects: [{ kind: 'schedule', job: 'checkin', dueAt: at('2026-11-23T20:00:00Z') }] }));
    await store.commitTurn(commit({ expectedVersion: 2, completesJob: { kind: 'checkin', dueAt: at('2026-11-23T19:00:00Z') } }));
    expect((await store.jobsOf('u1')).map((j) => j.dueAt)).toEqual([at('2026-11-23T20:00:00Z')]);
    await store.commitTurn(commit({ expectedVersion: 3, completesJob: { kind: 'checkin', dueAt: at('2026-11-23T20:00:00Z') } }));
    expect(await store.jobsOf('u1')).toEqual([]);
  });

  it('parks a job that keeps failing, with its error visible', async () => {
    await store.commitTurn(commit({ effects: [{ kind: 'schedule', job: 'checkin', dueAt: at('2026-11-23T19:00:00Z') }] }));
    const [job] = await store.claimDueJobs(at('2026-11-23T19:00:00Z'), 10, 60_000);
    await store.failJob(job!, 'channel answered 500', null);
    expect(await store.jobsOf('u1')).toEqual([{ kind: 'checkin', dueAt: at('2026-11-23T19:00:00Z'), status: 'parked', lastError: 'channel answered 500' }]);
    expect(await store.claimDueJobs(at('2026-11-24T19:00:00Z'), 10, 60_000)).toEqual([]);
  });
});
