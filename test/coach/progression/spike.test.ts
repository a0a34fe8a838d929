// Spikes (PROGRAM-RULES 3): a rating above 2/10 after practice, or next-day soreness above 2/10, steps
// back to the previous easy step for 24-72 h; longer when spikes repeat; rest blocks advancing.
import { describe, expect, it } from 'vitest';
import { applyDecision, decideProgression, type Decision } from '../../../src/coach/progression/decide-progression.js';
import { previousLevel } from '../../../src/coach/progression/levels.js';
import type { Level } from '../../../src/coach/progression/practice.js';
import { restHoursAfterSpike } from '../../../src/coach/progression/rest.js';
import { LADDER, LAST_STEP, OK, PARAMS, clockOn, day, days, progressAt, session, type Ratings } from './params.js';
import { reasonText } from '../../../src/coach/reason-text.js';
import { loadContent } from '../../../src/content/load-content.js';

/** A rule's reason in the words the user reads (flows/reasons.yaml). */
const content = loadContent();
const words = (reason: Parameters<typeof reasonText>[1]) => reasonText(content, reason);

const STEP3: Level = { step: 3, dilatorSize: null };
const HOUR = 3_600_000;

const decideAt = (level: Level, ratings: Ratings[], change = {}) => {
  const sessions = days(1, ratings, level);
  return decideProgression(sessions, progressAt(level, day(1), change), PARAMS, clockOn(day(ratings.length + 1)), LADDER);
};

describe('a spike steps back to the previous level with 24 h rest', () => {
  it('pain after practice above 2 → step back', () => {
    const decision = decideAt(STEP3, [OK, [1, 3, null]]);
    expect(decision).toMatchObject({ kind: 'stepBack', to: { step: 2, dilatorSize: null }, restHours: 24 });
    expect(words(decision.reason)).toContain('3/10');
    expect(words(decision.reason)).toContain('above 2/10');
  });

  it('next-day soreness above 2 → step back', () => {
    const decision = decideAt(STEP3, [OK, [1, 1, 5]]);
    expect(decision).toMatchObject({ kind: 'stepBack', to: { step: 2, dilatorSize: null }, restHours: 24 });
    expect(words(decision.reason)).toContain('5/10');
  });

  it('a spike steps back even when the rest of the window would have earned an advance', () => {
    expect(decideAt(STEP3, [OK, OK, OK, [0, 0, 3]]).kind).toBe('stepBack');
  });

  it('a spike in one of several sessions on the latest day is enough', () => {
    const sessions = [...days(1, [OK, OK, OK], STEP3), session(day(3), [1, 4, null], STEP3)];
    expect(decideProgression(sessions, progressAt(STEP3), PARAMS, clockOn(day(3)), LADDER).kind).toBe('stepBack');
  });

  it('next-day soreness reported after the following day\'s practice still steps back', () => {
    // Day 2 was fine at the time; its next-day rating (4/10) came in after the day-3 session was logged.
    const decision = decideAt(STEP3, [OK, [1, 1, 4], [1, 1, null]]);
    expect(decision).toMatchObject({ kind: 'stepBack', to: { step: 2, dilatorSize: null }, restHours: 24 });
    expect(words(decision.reason)).toContain('4/10');
  });

  it('late next-day soreness on a day now older than the 4-day window is not forgotten', () => {
    expect(decideAt(STEP3, [[1, 1, 5], OK, OK, OK, OK])).toMatchObject({ kind: 'stepBack', to: { step: 2, dilatorSize: null } });
  });

  it('a spike that was acted on does not step back again; after the rest the count at its step starts again', () => {
    const STEP1: Level = { step: 1, dilatorSize: null };
    const spikeLog = [session(day(1), [1, 4, null], STEP1)];
    const before = progressAt(STEP1, day(1));
    const decision = decideProgression(spikeLog, before, PARAMS, clockOn(day(1)), LADDER);
    expect(decision).toMatchObject({ kind: 'stepBack', to: STEP1 });
    let progress = applyDecision(before, decision, clockOn(day(1)));
    // Day 3, the rest over and the latest rating comfortable: back to the spike's step, counting afresh.
    const rested = [...spikeLog, ...days(3, [OK], STEP1)];
    const back = decideProgression(rested, progress, PARAMS, clockOn(day(3)), LADDER);
    expect(back).toMatchObject({ kind: 'return', to: STEP1 });
    progress = applyDecision(progress, back, clockOn(day(3)));
    expect(progress).toMatchObject({ levelSince: day(3), returnTo: null, restUntil: null });
    const later = [...spikeLog, ...days(3, [OK, OK, OK], STEP1)];
    expect(decideProgression(later, progress, PARAMS, clockOn(day(6)), LADDER).kind).toBe('advance');
  });

  it('2/10 after and the next day is not a spike', () => {
    expect(decideAt(STEP3, [OK, OK, [2, 2, 2]]).kind).toBe('advance');
  });

  it('pain above 2 only during practice is not a spike, but it does not advance either', () => {
    expect(decideAt(STEP3, [OK, OK, [4, 1, 1]]).kind).toBe('stay');
  });

  it.each<[Level, Level]>([
    [{ step: 2, dilatorSize: null }, { step: 1, dilatorSize: null }],
    [{ step: 3, dilatorSize: null }, { step: 2, dilatorSize: null }],
    [{ step: 4, dilatorSize: 1 }, { step: 3, dilatorSize: null }],
    [{ step: 4, dilatorSize: 4 }, { step: 4, dilatorSize: 3 }],
    [{ step: 5, dilatorSize: 6 }, { step: 4, dilatorSize: 6 }],
    [{ step: 6, dilatorSize: null }, { step: 5, dilatorSize: 6 }],
    [{ step: 1, dilatorSize: null }, { step: 1, dilatorSize: null }],
  ])('a spike at %o steps back to %o', (from, to) => {
    expect(decideAt(from, [[1, 3, null]])).toMatchObject({ kind: 'stepBack', to });
    expect(previousLevel(from, LADDER)).toEqual(to);
  });
});

describe('repeated spikes rest longer, never more than 72 h', () => {
  const today = day(20);
  it.each<{ label: string; spikeDays: string[]; hours: number }>([
    { label: 'first spike', spikeDays: [], hours: 24 },
    { label: 'second spike within 7 days', spikeDays: [day(15)], hours: 48 },
    { label: 'second spike exactly 7 days after the previous one', spikeDays: [day(13)], hours: 48 },
    { label: 'third spike within 7 days', spikeDays: [day(14), day(17)], hours: 72 },
    { label: 'fourth spike within 7 days', spikeDays: [day(14), day(16), day(18)], hours: 72 },
    { label: 'previous spike 8 days ago is not a repeat', spikeDays: [day(12)], hours: 24 },
    { label: 'only spikes of the last 7 days count', spikeDays: [day(2), day(5), day(10), day(18)], hours: 48 },
  ])('$label → $hours h', ({ spikeDays, hours }) => {
    expect(restHoursAfterSpike(spikeDays, today, PARAMS)).toBe(hours);
    const sessions = [session(today, [1, 3, null], STEP3)];
    const decision = decideProgression(sessions, progressAt(STEP3, day(1), { spikeDays }), PARAMS, clockOn(today), LADDER);
    expect(decision).toMatchObject({ kind: 'stepBack', restHours: hours });
  });

  it('never above rest_hours_max, however many spikes', () => {
    const many = Array.from({ length: 30 }, () => today);
    expect(restHoursAfterSpike(many, today, PARAMS)).toBe(72);
  });

  it('three spikes in a week, applied one after another: 24 h, 48 h, 72 h, then 72 h again', () => {
    let progress = progressAt({ step: 4, dilatorSize: 5 });
    const hours: number[] = [];
    for (const n of [1, 3, 5, 7]) {
      const clock = clockOn(day(n));
      const sessions = [session(day(n), [1, 4, null], progress)];
      const decision = decideProgression(sessions, progress, PARAMS, clock, LADDER);
      expect(decision.kind).toBe('stepBack');
      hours.push((decision as Extract<Decision, { kind: 'stepBack' }>).restHours);
      progress = applyDecision(progress, decision, clock);
    }
    expect(hours).toEqual([24, 48, 72, 72]);
    // The fourth spike came during the 72 h rest: the rest is lengthened at the same size, not one further down.
    expect(progress).toMatchObject({ step: 4, dilatorSize: 2 });
  });
});

describe('applying a step back', () => {
  it('sets restUntil = now + rest hours, moves to the easier level from tomorrow and records the spike day', () => {
    const clock = { today: day(5), now: `${day(5)}T21:15:00.000Z` };
    const progress = progressAt(STEP3, day(1), { spikeDays: [day(1)] });
    const decision = decideProgression(days(3, [OK, [1, 3, null]], STEP3), progress, PARAMS, clock, LADDER);
    expect(decision).toMatchObject({ kind: 'stepBack', restHours: 48 });
    const next = applyDecision(progress, decision, clock);
    expect(Date.parse(next.restUntil!)).toBe(Date.parse(clock.now) + 48 * HOUR);
    expect(next).toMatchObject({ step: 2, dilatorSize: null, levelSince: day(6), spikeDays: [day(1), day(5)] });
    expect(next.lastAdvanceDay).toBe(progress.lastAdvanceDay);
  });

  it.each([24, 48, 72])('restUntil is exactly %i h later', (restHours) => {
    const clock = clockOn(day(9), '08:00:00.000Z');
    const decision: Decision = { kind: 'stepBack', to: { step: 1, dilatorSize: null }, restHours, reason: { id: 'spike_after', values: { rating: 3, max: 2 } } };
    const next = applyDecision(progressAt(STEP3), decision, clock);
    expect(Date.parse(next.restUntil!) - Date.parse(clock.now)).toBe(restHours * HOUR);
  });
});

describe('rest blocks advancing until it ends', () => {
  const STEP2: Level = { step: 2, dilatorSize: null };
  const sessions = days(2, [OK, OK, OK], STEP2);
  const restUntil = `${day(5)}T20:00:00.000Z`;
  const progress = progressAt(STEP2, day(2), { restUntil });
  const decide = (now: string) => decideProgression(sessions, progress, PARAMS, { today: now.slice(0, 10), now }, LADDER);

  it('stays while resting, however good the days were', () => {
    const decision = decide(`${day(5)}T19:59:00.000Z`);
    expect(decision.kind).toBe('stay');
    expect(words(decision.reason)).toContain('rest');
  });

  it('advances once the rest has ended', () => {
    expect(decide(`${day(5)}T20:00:01.000Z`).kind).toBe('advance');
  });

  it('compares instants, not text: a clock with a UTC offset still sees the rest', () => {
    // 21:30 at +02:00 is 19:30 UTC, half an hour before the rest ends.
    expect(decide(`${day(5)}T21:30:00+02:00`).kind).toBe('stay');
    // 16:00 at -05:00 is 21:00 UTC, an hour after it ended.
    expect(decide(`${day(5)}T16:00:00-05:00`).kind).toBe('advance');
  });

  it('also blocks a pending advance', () => {
    const pendingSessions = days(2, [OK, OK, [1, 1, null]], STEP2);
    const now = `${day(4)}T22:00:00.000Z`;
    expect(decideProgression(pendingSessions, progress, PARAMS, { today: day(4), now }, LADDER).kind).toBe('stay');
  });

  it('a new spike during rest still steps back (safety first)', () => {
    const spiking = days(2, [OK, [1, 5, null]], STEP2);
    const now = `${day(3)}T22:00:00.000Z`;
    expect(decideProgression(spiking, progress, PARAMS, { today: day(3), now }, LADDER).kind).toBe('stepBack');
  });
});
