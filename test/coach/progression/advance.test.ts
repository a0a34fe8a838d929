// Advancing (PROGRAM-RULES 3): one step (or one dilator size) on when at least 3 of the last 4 practice
// days at this step were comfortable, including the next-day rating of the latest, after at least
// min_days_at_step days at the step; never with a rating above 2/10 in the deciding window.
import { describe, expect, it } from 'vitest';
import { applyDecision, decideProgression } from '../../../src/coach/progression/decide-progression.js';
import type { Level } from '../../../src/coach/progression/practice.js';
import { LADDER, LAST_STEP, OK, OK_PENDING, PARAMS, clockOn, day, days, progressAt, session, withParams, type Ratings } from './params.js';
import { reasonText } from '../../../src/coach/reason-text.js';
import { loadContent } from '../../../src/content/load-content.js';

/** A rule's reason in the words the user reads (flows/reasons.yaml). */
const content = loadContent();
const words = (reason: Parameters<typeof reasonText>[1]) => reasonText(content, reason);

const STEP2: Level = { step: 2, dilatorSize: null };
const MISSED: Ratings = [1, null, null]; // a practice day with a missing rating: not comfortable, not high either

const decideAt = (level: Level, ratings: Ratings[], params = PARAMS) => {
  const sessions = days(1, ratings, level);
  return decideProgression(sessions, progressAt(level), params, clockOn(day(ratings.length + 1)), LADDER);
};

describe('advance: 3 of the last 4 practice days comfortable, including the day after the latest', () => {
  it('advances after 3 comfortable days out of 4, and says so with the counts', () => {
    const decision = decideAt(STEP2, [OK, MISSED, OK, OK]);
    expect(decision).toMatchObject({ kind: 'advance', to: { step: 3, dilatorSize: null } });
    expect(words(decision.reason)).toContain('3 of your last 4 days');
    expect(words(decision.reason)).toContain('2/10 or less');
    expect(words(decision.reason)).toContain('including the day after');
  });

  it('advances after 4 comfortable days out of 4', () => {
    const decision = decideAt(STEP2, [OK, OK, OK, OK]);
    expect(decision.kind).toBe('advance');
    expect(words(decision.reason)).toContain('4 of your last 4 days');
  });

  it('advances after the first 3 practice days at a step when all 3 were comfortable', () => {
    expect(decideAt(STEP2, [OK, OK, OK]).kind).toBe('advance');
  });

  it('an earlier day whose next-day rating never came still counts when during and after were comfortable', () => {
    expect(decideAt(STEP2, [OK_PENDING, OK, OK]).kind).toBe('advance');
  });

  it('counts practice days, not calendar days: gaps between practice days do not matter', () => {
    const sessions = [session(day(1), OK, STEP2), session(day(5), OK, STEP2), session(day(12), OK, STEP2)];
    expect(decideProgression(sessions, progressAt(STEP2), PARAMS, clockOn(day(13)), LADDER).kind).toBe('advance');
  });

  it('stays when only 2 of the last 4 days were comfortable, and says how many are needed', () => {
    const decision = decideAt(STEP2, [OK, MISSED, MISSED, OK]);
    expect(decision.kind).toBe('stay');
    expect(words(decision.reason)).toContain('2 of your last 4 days');
    expect(words(decision.reason)).toContain('3 of 4');
  });

  it('only the last 4 practice days decide: older comfortable days do not make up for recent missed ratings', () => {
    expect(decideAt(STEP2, [OK, OK, OK, OK, MISSED, MISSED, OK, OK]).kind).toBe('stay');
  });
});

describe('pending: everything is in place except the next-day rating of the latest practice', () => {
  it('is pending, not advance, while the latest day has no next-day rating', () => {
    const decision = decideAt(STEP2, [OK, OK, OK_PENDING]);
    expect(decision).toMatchObject({ kind: 'pending', to: { step: 3, dilatorSize: null } });
    expect(words(decision.reason)).toContain('day after');
  });

  it('is pending with 3 of 4 when the latest of them still lacks the next-day rating', () => {
    expect(decideAt(STEP2, [OK, MISSED, OK, OK_PENDING]).kind).toBe('pending');
  });

  it('becomes advance once the next-day rating of the latest day is known and <= 2', () => {
    expect(decideAt(STEP2, [OK, OK, [1, 1, 2]]).kind).toBe('advance');
  });

  it('does not move the user: applying a pending decision changes nothing', () => {
    const progress = progressAt(STEP2);
    const decision = decideProgression(days(1, [OK, OK, OK_PENDING], STEP2), progress, PARAMS, clockOn(day(3)), LADDER);
    expect(decision.kind).toBe('pending');
    expect(applyDecision(progress, decision, clockOn(day(3)))).toEqual(progress);
  });
});

describe('no advance with a rating above 2/10 anywhere in the 4-day window', () => {
  it.each<[string, Ratings[]]>([
    ['during 3 on the oldest day of the window', [[3, 1, 1], OK, OK, OK]],
    ['during 3 on a middle day', [OK, OK, [3, 0, 0], OK]],
    ['during 10 on the latest day', [OK, OK, OK, [10, 1, 1]]],
    ['after 3 on an earlier day', [OK, [1, 3, 1], OK, OK]],
    ['next day 3 on an earlier day', [[1, 1, 3], OK, OK, OK]],
    ['after 3 on the latest day', [OK, OK, OK, [1, 3, null]]],
    ['next day 4 on the latest day', [OK, OK, OK, [1, 1, 4]]],
  ])('%s', (_label, ratings) => {
    expect(decideAt(STEP2, ratings).kind).not.toMatch(/^(advance|pending)$/);
  });

  it('a high rating in any one session of a day blocks, even when the other sessions that day were fine', () => {
    const sessions = [...days(1, [OK, OK, OK], STEP2), session(day(2), [4, 1, 1], STEP2)];
    expect(decideProgression(sessions, progressAt(STEP2), PARAMS, clockOn(day(4)), LADDER).kind).toBe('stay');
  });

  it('during pain above 2 keeps the user at the step and names the day', () => {
    const decision = decideAt(STEP2, [OK, [4, 1, 1], OK, OK]);
    expect(decision.kind).toBe('stay');
    expect(words(decision.reason)).toContain(day(2));
  });

  it('a high during rating older than the window no longer blocks', () => {
    expect(decideAt(STEP2, [[4, 1, 1], OK, OK, OK, OK]).kind).toBe('advance');
  });
});

describe('minimum days at a step', () => {
  const slower = withParams((p) => { p.advance.min_days_at_step = 5; });

  it('does not advance before min_days_at_step practice days at the step, even if all were comfortable', () => {
    const decision = decideAt(STEP2, [OK, OK, OK, OK], slower);
    expect(decision.kind).toBe('stay');
    expect(words(decision.reason)).toContain('4 days');
    expect(words(decision.reason)).toContain('at least 5 days');
  });

  it('advances once min_days_at_step is reached', () => {
    expect(decideAt(STEP2, [OK, OK, OK, OK, OK], slower).kind).toBe('advance');
  });

  it('with the defaults, 2 comfortable days are not enough', () => {
    expect(decideAt(STEP2, [OK, OK]).kind).toBe('stay');
  });

  it('days before the user (re)started this step do not count', () => {
    // Days 1-3 at step 2, then a step back and a return to step 2 on day 10.
    const sessions = [...days(1, [OK, OK, OK], STEP2), session(day(10), OK, STEP2), session(day(11), OK, STEP2)];
    const decision = decideProgression(sessions, progressAt(STEP2, day(10)), PARAMS, clockOn(day(12)), LADDER);
    expect(decision.kind).toBe('stay');
  });

  it('days at another step or another dilator size do not count', () => {
    const size3: Level = { step: 4, dilatorSize: 3 };
    const sessions = [...days(1, [OK, OK, OK], { step: 4, dilatorSize: 2 }), ...days(4, [OK, OK], size3)];
    expect(decideProgression(sessions, progressAt(size3, day(1)), PARAMS, clockOn(day(6)), LADDER).kind).toBe('stay');
  });
});

describe('where an advance leads', () => {
  it.each<[Level, Level]>([
    [{ step: 1, dilatorSize: null }, { step: 2, dilatorSize: null }],
    [{ step: 3, dilatorSize: null }, { step: 4, dilatorSize: 1 }],
    [{ step: 4, dilatorSize: 1 }, { step: 4, dilatorSize: 2 }],
    [{ step: 4, dilatorSize: 5 }, { step: 4, dilatorSize: 6 }],
    [{ step: 4, dilatorSize: 6 }, { step: 5, dilatorSize: 6 }],
    [{ step: 5, dilatorSize: 6 }, { step: 6, dilatorSize: null }],
  ])('from %o to %o', (from, to) => {
    expect(decideAt(from, [OK, OK, OK])).toMatchObject({ kind: 'advance', to });
  });

  it('at step 4, one advance is one dilator size, never a jump of several', () => {
    let progress = progressAt({ step: 4, dilatorSize: 1 });
    const sizes: Array<number | null> = [];
    for (let round = 0; round < 6; round++) {
      const first = 1 + round * 3;
      const sessions = days(first, [OK, OK, OK], progress);
      const clock = clockOn(day(first + 3));
      const decision = decideProgression(sessions, progress, PARAMS, clock, LADDER);
      expect(decision.kind).toBe('advance');
      progress = applyDecision(progress, decision, clock);
      sizes.push(progress.step === 4 ? progress.dilatorSize : -progress.step);
    }
    expect(sizes).toEqual([2, 3, 4, 5, 6, -5]);
  });

  it('at the last step there is nowhere further to go', () => {
    const decision = decideAt({ step: 6, dilatorSize: null }, [OK, OK, OK, OK]);
    expect(decision.kind).toBe('stay');
  });

  it('applying an advance moves the user, starts the new level today and remembers why', () => {
    const progress = progressAt(STEP2);
    const clock = clockOn(day(4));
    const decision = decideProgression(days(1, [OK, OK, OK], STEP2), progress, PARAMS, clock, LADDER);
    const next = applyDecision(progress, decision, clock);
    expect(next).toMatchObject({
      step: 3, dilatorSize: null, levelSince: day(4), lastAdvanceDay: day(4), lastAdvanceReason: decision.reason, restUntil: null,
    });
  });
});
