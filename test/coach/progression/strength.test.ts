// Strength unlock (PROGRAM-RULES 1 and 3): gentle strength stays locked until comfortable penetration
// (step >= 4) on 5 of the last 7 practice days. A day with a rating above 2/10 does not count.
import { describe, expect, it } from 'vitest';
import { checkStrengthUnlock } from '../../../src/coach/progression/strength.js';
import type { Level, PracticeSession } from '../../../src/coach/progression/practice.js';
import { OK, OK_PENDING, PARAMS, day, days, session, type Ratings } from './params.js';
import { reasonText } from '../../../src/coach/reason-text.js';
import { loadContent } from '../../../src/content/load-content.js';

/** A rule's reason in the words the user reads (flows/reasons.yaml). */
const content = loadContent();
const words = (reason: Parameters<typeof reasonText>[1]) => reasonText(content, reason);

const DILATOR: Level = { step: 4, dilatorSize: 2 };
const STEP3: Level = { step: 3, dilatorSize: null };
const MISSED: Ratings = [1, null, null];
const check = (sessions: PracticeSession[]) => checkStrengthUnlock(sessions, PARAMS);

describe('strength unlock: 5 of the last 7 practice days comfortable at step 4 or beyond', () => {
  it('is locked with no practice at all', () => {
    expect(check([]).unlocked).toBe(false);
  });

  it('unlocks with 5 comfortable dilator days out of 7, and says so', () => {
    const result = check(days(1, [OK, MISSED, OK, OK, MISSED, OK, OK], DILATOR));
    expect(result.unlocked).toBe(true);
    expect(words(result.reason)).toContain('5 of your last 7 practice days');
    expect(words(result.reason)).toContain('step 4');
  });

  it('stays locked with 4 comfortable dilator days out of 7', () => {
    const result = check(days(1, [OK, MISSED, OK, MISSED, OK, MISSED, OK], DILATOR));
    expect(result.unlocked).toBe(false);
    expect(words(result.reason)).toContain('4 of your last 7');
  });

  it('unlocks after 5 comfortable practice days at step 4 when those are all the practice days', () => {
    expect(check(days(1, [OK, OK, OK, OK, OK], DILATOR)).unlocked).toBe(true);
    expect(check(days(1, [OK, OK, OK, OK], DILATOR)).unlocked).toBe(false);
  });

  it('steps 5 and 6 count as penetration practice too', () => {
    const sessions = [
      ...days(1, [OK, OK], DILATOR),
      ...days(3, [OK, OK], { step: 5, dilatorSize: 2 }),
      ...days(5, [OK], { step: 6, dilatorSize: 2 }),
    ];
    expect(check(sessions).unlocked).toBe(true);
  });

  it('comfortable days at steps 1-3 do not count', () => {
    const sessions = [...days(1, [OK, OK, OK], STEP3), ...days(4, [OK, OK, OK, OK], DILATOR)];
    expect(check(sessions).unlocked).toBe(false);
    expect(check(days(1, [OK, OK, OK, OK, OK, OK, OK], STEP3)).unlocked).toBe(false);
  });

  it('a day with a rating above 2 does not count (during, after or next day)', () => {
    for (const high of [[3, 1, 1], [1, 3, 1], [1, 1, 3]] as Ratings[]) {
      expect(check(days(1, [OK, OK, OK, OK, high, MISSED, MISSED], DILATOR)).unlocked).toBe(false);
      expect(check(days(1, [OK, OK, OK, OK, high, OK, MISSED], DILATOR)).unlocked).toBe(true);
    }
  });

  it('a day whose dilator session was fine but another session that day hurt does not count', () => {
    const sessions = [...days(1, [OK, OK, OK, OK, OK], DILATOR), session(day(5), [1, 4, null], STEP3)];
    expect(check(sessions).unlocked).toBe(false);
  });

  it('only the last 7 practice days count: old comfortable dilator days expire', () => {
    const sessions = [...days(1, [OK, OK, OK, OK, OK], DILATOR), ...days(6, [OK, OK, OK, MISSED, MISSED, MISSED, OK], DILATOR)];
    expect(check(sessions).unlocked).toBe(false);
  });

  it('counts practice days, not calendar days: gaps between practice days do not matter', () => {
    const sessions = [1, 4, 9, 15, 22].map((n) => session(day(n), OK, DILATOR));
    expect(check(sessions).unlocked).toBe(true);
  });

  it('several sessions on one day count as one practice day', () => {
    const sessions = [...days(1, [OK, OK, OK, OK], DILATOR), ...days(1, [OK, OK, OK, OK], DILATOR)];
    expect(check(sessions).unlocked).toBe(false);
  });

  it('a day whose next-day rating is not in yet still counts when during and after were comfortable', () => {
    expect(check(days(1, [OK, OK, OK, OK, OK_PENDING], DILATOR)).unlocked).toBe(true);
  });
});
