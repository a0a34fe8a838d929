// The comfort rule (PROGRAM-RULES 2): a day is comfortable when pain is <= 2/10 during AND after,
// and, once known, the next day. Several sessions on one day: the worst one counts.
import { describe, expect, it } from 'vitest';
import { hasHighRating, isComfortable, practiceDays } from '../../../src/coach/progression/practice-days.js';
import { PARAMS, day, session, type Ratings } from './params.js';

const MAX = PARAMS.comfort.max_pain;
const oneDay = (...ratings: Ratings[]) => {
  const list = practiceDays(ratings.map((r) => session(day(1), r)));
  expect(list).toHaveLength(1);
  return list[0]!;
};

describe('comfort rule: one session a day', () => {
  it.each<[string, Ratings, boolean]>([
    ['0 during, 0 after, 0 next day', [0, 0, 0], true],
    ['2 during, 2 after, 2 next day (2/10 is still comfortable)', [2, 2, 2], true],
    ['1 during, 1 after, next day not yet known', [1, 1, null], true],
    ['3 during', [3, 1, 1], false],
    ['3 after', [1, 3, 1], false],
    ['3 the next day', [1, 1, 3], false],
    ['10 during', [10, 0, 0], false],
    ['during missing', [null, 1, 1], false],
    ['after missing', [1, null, 1], false],
    ['no ratings at all', [null, null, null], false],
  ])('%s → comfortable: %s', (_label, ratings, expected) => {
    expect(isComfortable(oneDay(ratings), MAX)).toBe(expected);
  });
});

describe('comfort rule: several sessions on one day', () => {
  it('the worst session counts: one session at 3 spoils a day of 0s', () => {
    const d = oneDay([0, 0, 0], [1, 3, 1], [0, 0, 0]);
    expect(d).toMatchObject({ during: 1, after: 3, nextDay: 1 });
    expect(isComfortable(d, MAX)).toBe(false);
  });

  it('the worst rating is taken per window (during, after, next day), across sessions', () => {
    const d = oneDay([2, 0, 0], [0, 2, 0], [0, 0, 2]);
    expect(d).toMatchObject({ during: 2, after: 2, nextDay: 2 });
    expect(isComfortable(d, MAX)).toBe(true);
  });

  it('a high next-day rating on any session of the day spoils the day', () => {
    expect(isComfortable(oneDay([1, 1, 1], [1, 1, 4]), MAX)).toBe(false);
  });

  it('a session missing its during or after rating makes the day not comfortable, even if the others are fine', () => {
    expect(isComfortable(oneDay([1, 1, 1], [1, null, null]), MAX)).toBe(false);
    expect(isComfortable(oneDay([null, 1, null], [0, 0, 0]), MAX)).toBe(false);
  });

  it('sessions on different days are different practice days, oldest first', () => {
    const list = practiceDays([session(day(3), [0, 0, 0]), session(day(1), [5, 5, 5]), session(day(2), [1, 1, 1])]);
    expect(list.map((d) => d.day)).toEqual([day(1), day(2), day(3)]);
    expect(list.map((d) => isComfortable(d, MAX))).toEqual([false, true, true]);
  });

  it('practice days can be restricted to one level (step and dilator size)', () => {
    const sessions = [
      session(day(1), [1, 1, 1], { step: 4, dilatorSize: 1 }),
      session(day(2), [1, 1, 1], { step: 4, dilatorSize: 2 }),
      session(day(2), [6, 6, 6], { step: 3, dilatorSize: null }),
    ];
    const atSize2 = practiceDays(sessions, { step: 4, dilatorSize: 2 });
    expect(atSize2).toHaveLength(1);
    expect(isComfortable(atSize2[0]!, MAX)).toBe(true);
  });
});

describe('high ratings', () => {
  it('any rating above 2 (during, after or next day) is a high rating; 2 is not', () => {
    expect(hasHighRating(oneDay([2, 2, 2]), MAX)).toBe(false);
    expect(hasHighRating(oneDay([3, 0, 0]), MAX)).toBe(true);
    expect(hasHighRating(oneDay([0, 3, 0]), MAX)).toBe(true);
    expect(hasHighRating(oneDay([0, 0, 3]), MAX)).toBe(true);
    expect(hasHighRating(oneDay([null, null, null]), MAX)).toBe(false);
  });

  it('the limit is the parameter, not a hard-coded 2', () => {
    expect(isComfortable(oneDay([3, 3, 3]), 3)).toBe(true);
    expect(isComfortable(oneDay([1, 1, 1]), 0)).toBe(false);
  });
});
