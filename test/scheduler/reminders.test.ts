// Check-ins that come to the user, on a fake clock: daily at their local time (across DST), the
// next-day question first, one gentle nudge at most, rest ending, the stall suggestion, the weekly
// summary, and only clinician check-ins while paused for evaluation.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCoach, type Coach } from '../../src/coach/handle-turn.js';
import type { BotReply } from '../../src/coach/bot-reply.js';
import { loadContent } from '../../src/content/load-content.js';
import { createScheduler, type Scheduler } from '../../src/scheduler/scheduler.js';
import { openSqliteStore } from '../../src/store/open-sqlite.js';
import type { KyselyStore } from '../../src/store/kysely-store.js';

const content = loadContent();
let now: Date;
let store: KyselyStore;
let coach: Coach;
let scheduler: Scheduler;
let sent: Array<{ key: string; at: string; ids: string[] }>;
let deliver: (key: string, replies: BotReply[]) => Promise<void>;

beforeEach(async () => {
  now = new Date('2026-10-20T10:00:00Z');
  store = await openSqliteStore(':memory:');
  coach = createCoach({ content, store, now: () => now });
  sent = [];
  deliver = async (key: string, replies: BotReply[]) => {
    // Replies arrive one at a time; those of one moment to one person are one message burst.
    const last = sent.at(-1);
    const ids = replies.flatMap((r) => r.contentIds);
    if (last?.key === key && last.at === now.toISOString()) last.ids.push(...ids);
    else sent.push({ key, at: now.toISOString(), ids });
  };
  scheduler = createScheduler({ store, coach, deliver, now: () => now });
});
afterEach(async () => { await store.close(); });

const say = (text: string, key = 'u') => coach.handleTurn(key, { text });
async function onboard(key = 'u', time = '8pm', zone = 'Europe/Berlin') {
  for (const text of ['hi', 'yes', 'no', 'no', 'no', 'no', time, zone]) await say(text, key);
}
/** Moves the clock from one due job to the next up to `until`, running the scheduler at each, as a poller would. */
async function runUntil(until: string) {
  const end = new Date(until).getTime();
  for (;;) {
    const due = (await store.jobsOf('u')).filter((j) => j.status === 'pending').map((j) => Date.parse(j.dueAt)).filter((t) => t > now.getTime() - 1 && t <= end);
    const next = due.length ? Math.min(...due) : end;
    now = new Date(Math.max(now.getTime(), next));
    await scheduler.drain();
    if (next >= end) return;
  }
}
const berlin = (iso: string) => new Date(iso).toLocaleString('en-GB', { timeZone: 'Europe/Berlin', hour: '2-digit', minute: '2-digit' });
const idsOf = (kind: string) => sent.filter((s) => s.ids.includes(kind));
async function practiseToday(during: string, after: string, key = 'u') {
  for (const text of ['no', 'done', 'done', '1 and 3', 'done', 'done', 'done', 'done', during, after, 'skip']) await say(text, key);
}

describe('daily check-ins', () => {
  it('arrive at 20:00 Berlin time on both sides of the October DST change', async () => {
    await onboard();
    // Answer every check-in so none is skipped as "unanswered".
    for (let day = 20; day <= 28; day += 1) {
      await runUntil(`2026-10-${day}T23:00:00Z`);
      await say('stop');
    }
    const checkins = idsOf('reminder.checkin');
    expect(checkins.length).toBe(9);
    expect(new Set(checkins.map((c) => berlin(c.at)))).toEqual(new Set(['20:00']));
    expect(checkins.map((c) => c.at)).toContain('2026-10-24T18:00:00.000Z');
    expect(checkins.map((c) => c.at)).toContain('2026-10-25T19:00:00.000Z');
  });

  it('asks how yesterday felt before anything else when there was practice', async () => {
    await onboard();
    await say('start');
    await practiseToday('1', '1');
    await runUntil('2026-10-20T19:00:00Z');
    await say('stop');
    await runUntil('2026-10-21T18:30:00Z');
    const checkin = idsOf('reminder.checkin').at(-1)!;
    expect(checkin.ids).toContain('checkin.ask_next_day');
    expect(checkin.ids).not.toContain('safety.check_ask');
  });

  it('sends at most one gentle nudge for missed days, never a chain', async () => {
    await onboard();
    await runUntil('2026-10-27T12:00:00Z');
    expect(idsOf('reminder.checkin')).toHaveLength(1);
    expect(idsOf('reminder.nudge')).toHaveLength(1);
    // Coming back resets it: the next check-in arrives as usual.
    await say('hello');
    await runUntil('2026-10-28T12:00:00Z');
    expect(idsOf('reminder.checkin')).toHaveLength(2);
  });

  it('snoozes by an hour, pauses for N days and can be turned off', async () => {
    await onboard();
    await runUntil('2026-10-20T18:10:00Z');
    expect(idsOf('reminder.checkin')).toHaveLength(1);
    await say('snooze');
    await runUntil('2026-10-20T19:30:00Z');
    expect(idsOf('reminder.checkin')).toHaveLength(2);
    await say('pause reminders for 3 days');
    // Three evenings without reminders (21st, 22nd, 23rd), then back on the 24th.
    await runUntil('2026-10-23T23:00:00Z');
    expect(idsOf('reminder.checkin')).toHaveLength(2);
    await runUntil('2026-10-24T19:00:00Z');
    expect(idsOf('reminder.checkin')).toHaveLength(3);
    await say('turn off my reminders');
    await runUntil('2026-10-28T19:00:00Z');
    expect(idsOf('reminder.checkin')).toHaveLength(3);
    expect(await store.jobsOf('u')).not.toContainEqual(expect.objectContaining({ kind: 'checkin' }));
  });

  it('changes the reminder time when asked', async () => {
    await onboard();
    await say('change my reminder');
    const replies = await say('7:30am');
    expect(replies.flatMap((r) => r.contentIds)).toContain('reminder.updated');
    await runUntil('2026-10-21T12:00:00Z');
    expect(idsOf('reminder.checkin').map((c) => berlin(c.at))).toEqual(['07:30']);
  });
});

describe('rest, stall and summaries', () => {
  it('announces the rest after a spike and invites the user back when it ends', async () => {
    await onboard();
    await say('start');
    const steps: string[] = [];
    for (const text of ['no', 'done', 'done', '1 and 3', 'done', 'done', 'done', 'done', '2']) await say(text);
    const spike = await say('5');
    steps.push(...spike.flatMap((r) => r.contentIds));
    expect(steps).toContain('decision.step_back');
    await say('skip');
    await runUntil('2026-10-21T12:00:00Z');
    expect(idsOf('reminder.rest_over')).toHaveLength(1);
  });

  it('suggests a pelvic health physiotherapist once after 42 days without an advance, then keeps coaching', async () => {
    await onboard();
    for (let day = 0; day < 44; day += 1) {
      await runUntil(new Date(Date.parse('2026-10-20T18:30:00Z') + day * 86_400_000).toISOString());
      await say('stop');
    }
    const stall = sent.filter((s) => s.ids.includes('decision.stall'));
    expect(stall).toHaveLength(1);
    expect(berlin(stall[0]!.at)).toBe('20:00');
    expect(new Date(stall[0]!.at).getTime() - Date.parse('2026-10-20T10:00:00Z')).toBeGreaterThanOrEqual(42 * 86_400_000 - 86_400_000);
  });

  it('sends a weekly summary with the progress chart', async () => {
    await onboard();
    for (let day = 20; day <= 27; day += 1) {
      await runUntil(`2026-10-${day}T23:00:00Z`);
      await say('stop');
    }
    const weekly = idsOf('summary.weekly');
    expect(weekly).toHaveLength(1);
    expect(weekly[0]!.ids).toContain('progress');
  });
});

describe('while paused for evaluation', () => {
  it('sends no exercise reminders, only a weekly "have you seen a clinician?"', async () => {
    await onboard();
    await say('I noticed some bleeding today');
    await runUntil('2026-11-04T12:00:00Z');
    expect(idsOf('reminder.checkin')).toHaveLength(0);
    expect(idsOf('safety.weekly_check')).toHaveLength(2);
    expect(sent.some((s) => s.ids.some((id) => id.startsWith('circuit.') || id.startsWith('step.')))).toBe(false);
  });
});

describe('restarts', () => {
  it('a check-in that came due while the process was down still goes out after the restart', async () => {
    const file = `${(await import('node:os')).tmpdir()}/gp-restart-${process.pid}-${Date.now()}.db`;
    const first = await openSqliteStore(file);
    const firstCoach = createCoach({ content, store: first, now: () => now });
    for (const text of ['hi', 'yes', 'no', 'no', 'no', 'no', '8pm', 'Europe/Berlin']) await firstCoach.handleTurn('r', { text });
    await first.close();
    now = new Date('2026-10-20T19:30:00Z');
    const second = await openSqliteStore(file);
    const delivered: string[][] = [];
    const secondCoach = createCoach({ content, store: second, now: () => now });
    await createScheduler({ store: second, coach: secondCoach, now: () => now, deliver: async (_k, r) => { delivered.push(r.flatMap((x) => x.contentIds)); } }).drain();
    await second.close();
    expect(delivered.flat()).toContain('reminder.checkin');
  });
});

describe('hold timers', () => {
  it('sends "time\'s up" on the same conversation when the hold is over, also after a restart of the scheduler', async () => {
    await onboard();
    for (const text of ['start', 'no', 'done', 'done', '1 and 3', 'done', 'done', 'done']) await say(text);
    // Now at today's exposure step (external mapping: hold up to 60 s).
    const started = await say('start timer');
    expect(started.flatMap((r) => r.contentIds)).toContain('timer.started');
    expect((await store.jobsOf('u')).map((j) => j.kind)).toContain('hold_timer');
    now = new Date(now.getTime() + 30_000);
    await scheduler.drain();
    expect(idsOf('timer.done')).toHaveLength(0);
    now = new Date(now.getTime() + 31_000);
    const fresh = createScheduler({ store, coach, now: () => now, deliver });
    await fresh.drain();
    expect(idsOf('timer.done')).toHaveLength(1);
    expect(idsOf('timer.done')[0]!.key).toBe('u');
  });
});
