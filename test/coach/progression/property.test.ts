// Properties over random practice logs: the comfort rule can never be talked around.
// No path advances (or promises an advance) after a rating above 2/10 in the deciding window.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Parameters } from '../../../src/content/schema.js';
import { decideProgression, type Clock, type Decision } from '../../../src/coach/progression/decide-progression.js';
import { nextLevel, previousLevel, usesDilator } from '../../../src/coach/progression/levels.js';
import type { Level, PracticeSession, Progress } from '../../../src/coach/progression/practice.js';
import { restHoursAfterSpike } from '../../../src/coach/progression/rest.js';
import { LADDER, LAST_STEP, PARAMS, day, progressAt } from './params.js';

const RUNS = 1000;
const SIZES = PARAMS.dilator.sizes;

/**
 * A place in the program the steps allow: no dilator where a step uses none, any size of the set where a step goes
 * through the sizes, the size reached (the largest) where a step holds it: steps 1-3 and 6 without, 4 at 1-6, 5 at 6.
 */
const levelArb: fc.Arbitrary<Level> = fc.oneof(...LADDER.steps.map(({ number, uses_dilator: dilator, advance_by_size: bySize }) =>
  (bySize ? fc.integer({ min: 1, max: SIZES }) : fc.constant(dilator ? SIZES : null)).map((dilatorSize) => ({ step: number, dilatorSize }))));
/** A few levels, so random sessions often fall at the user's current level. */
const nearbyLevels: Level[] = [
  { step: 2, dilatorSize: null }, { step: 3, dilatorSize: null }, { step: 4, dilatorSize: 1 },
  { step: 4, dilatorSize: 6 }, { step: 5, dilatorSize: 6 }, { step: 6, dilatorSize: null },
];
const levelPick = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...nearbyLevels) }, { weight: 1, arbitrary: levelArb });

/** Ratings 0-10 or missing; `comfortable` weights how often they stay within 0-2 (so advances do happen). */
const ratingArb = (comfortable: number) => fc.oneof(
  { weight: comfortable, arbitrary: fc.integer({ min: 0, max: 2 }) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 10 }) },
  { weight: 1, arbitrary: fc.constant(null) },
);
const rating = ratingArb(6);
const dayArb = fc.integer({ min: 1, max: 20 }).map(day);

const sessionAt = (level: fc.Arbitrary<Level>, r = rating): fc.Arbitrary<PracticeSession> => fc.record({
  // The next-day rating is often not in yet.
  day: dayArb, level, painDuring: r, painAfter: r, painNextDay: fc.option(r, { freq: 4 }),
}).map(({ level: l, ...s }) => ({ ...s, step: l.step, dilatorSize: l.dilatorSize }));
const sessionArb = sessionAt(levelPick);

const instantOn = (d: string, minutes: number) => new Date(Date.parse(`${d}T00:00:00Z`) + minutes * 60_000).toISOString();

const progressArb: fc.Arbitrary<Progress> = fc.record({
  level: fc.constantFrom(...nearbyLevels),
  since: fc.integer({ min: 1, max: 12 }),
  rest: fc.oneof(
    { weight: 2, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.record({ d: fc.integer({ min: 1, max: 24 }), m: fc.integer({ min: 0, max: 1439 }) }) },
  ),
  spikes: fc.array(dayArb, { maxLength: 4 }),
  lastAdvance: fc.option(dayArb),
  // After a spike: the level to go back to once the rest is over (the spike's level, one place up).
  returning: fc.boolean(),
}).map(({ level, since, rest, spikes, lastAdvance, returning }) => progressAt(level, day(since), {
  restUntil: rest ? instantOn(day(rest.d), rest.m) : null, spikeDays: spikes, lastAdvanceDay: lastAdvance,
  returnTo: returning ? nextLevel(level, LADDER) : null,
}));

/** A user and a log, most sessions at the user's current level (so every outcome is reached). */
const scenarioArb = fc.tuple(progressArb, fc.constantFrom(2, 6, 40, 200)).chain(([progress, comfortable]) => fc.record({
  progress: fc.constant(progress),
  sessions: fc.array(
    sessionAt(
      fc.oneof({ weight: 3, arbitrary: fc.constant<Level>({ step: progress.step, dilatorSize: progress.dilatorSize }) }, { weight: 1, arbitrary: levelPick }),
      ratingArb(comfortable),
    ),
    { maxLength: 30 },
  ),
}));

/** The user's clock: local date, and the instant written with the user's UTC offset (Z, +02:00, -05:00...). */
const clockArb: fc.Arbitrary<Clock> = fc.record({
  d: fc.integer({ min: 1, max: 22 }), m: fc.integer({ min: 0, max: 1439 }), offset: fc.constantFrom(0, 60, 120, 330, -300, -600),
}).map(({ d, m, offset }) => {
  const local = new Date(Date.parse(`${day(d)}T00:00:00Z`) + m * 60_000).toISOString();
  const utc = new Date(Date.parse(local) - offset * 60_000).toISOString();
  const abs = Math.abs(offset);
  const zone = offset === 0 ? 'Z' : `${offset > 0 ? '+' : '-'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  const now = offset === 0 ? utc : `${local.slice(0, 19)}${zone}`;
  expect(Date.parse(now)).toBe(Date.parse(utc));
  return { today: day(d), now };
});

const paramsArb: fc.Arbitrary<Parameters> = fc.record({
  maxPain: fc.integer({ min: 0, max: 4 }),
  window: fc.integer({ min: 1, max: 7 }),
  needed: fc.integer({ min: 1, max: 7 }),
  minDays: fc.integer({ min: 1, max: 6 }),
}).map(({ maxPain, window, needed, minDays }) => ({
  ...PARAMS,
  comfort: { max_pain: maxPain },
  advance: { window_days: window, comfortable_days: Math.min(needed, window), min_days_at_step: minDays },
}));

/** The deciding window, computed independently: the last window_days practice days at the level since levelSince. */
function decidingWindow(sessions: readonly PracticeSession[], progress: Progress, params: Parameters) {
  const atLevel = sessions.filter((s) => s.step === progress.step
    && (s.dilatorSize ?? null) === (progress.dilatorSize ?? null) && s.day >= progress.levelSince);
  const dayList = [...new Set(atLevel.map((s) => s.day))].sort();
  const windowDays = new Set(dayList.slice(-params.advance.window_days));
  const latestDay = dayList.at(-1);
  return {
    inWindow: atLevel.filter((s) => windowDays.has(s.day)),
    latest: atLevel.filter((s) => s.day === latestDay),
  };
}

const above = (v: number | null, max: number) => v !== null && v > max;
const moves = (d: Decision) => d.kind === 'advance' || d.kind === 'pending' || d.kind === 'return';

/** Sometimes a rest that ends within 12 hours either side of now, where text and instants disagree most. */
const restNearArb = fc.option(fc.integer({ min: -720, max: 720 }), { freq: 3 });

function checkComfortRule(
  sessions: PracticeSession[], original: Progress, params: Parameters, clock: Clock, restNear: number | null,
): Decision {
  const progress = restNear === null ? original
    : { ...original, restUntil: new Date(Date.parse(clock.now) + restNear * 60_000).toISOString() };
  const decision = decideProgression(sessions, progress, params, clock, LADDER);
  const max = params.comfort.max_pain;
  const { inWindow, latest } = decidingWindow(sessions, progress, params);
  if (moves(decision)) {
    const high = inWindow.filter((s) => [s.painDuring, s.painAfter, s.painNextDay].some((v) => above(v, max)));
    expect(high, `${decision.kind} despite a rating above ${max}/10 in the window`).toEqual([]);
    expect(latest.some((s) => above(s.painAfter, max) || above(s.painNextDay, max))).toBe(false);
    expect(progress.restUntil !== null && Date.parse(progress.restUntil) > Date.parse(clock.now), 'moved during rest').toBe(false);
    if (decision.kind === 'return') expect(decision.to).toEqual(progress.returnTo);
    else {
      expect(progress.returnTo ?? null, 'advanced past a rest instead of going back to the spike level').toBeNull();
      expect(decision.to).toEqual(nextLevel(progress, LADDER));
    }
  }
  if (decision.kind === 'advance') {
    expect(latest.some((s) => s.painNextDay !== null), 'advance without the next-day rating of the latest day').toBe(true);
  }
  if (decision.kind === 'stepBack') {
    const resting = progress.restUntil !== null && Date.parse(progress.restUntil) > Date.parse(clock.now);
    // A spike during a running rest lengthens it at the same easier level; otherwise one level back.
    expect(decision.extends ?? false).toBe(resting);
    expect(decision.to).toEqual(resting ? { step: progress.step, dilatorSize: progress.dilatorSize } : previousLevel(progress, LADDER));
    expect(decision.restHours).toBeGreaterThanOrEqual(params.spike.rest_hours_min);
    expect(decision.restHours).toBeLessThanOrEqual(params.spike.rest_hours_max);
  }
  return decision;
}

describe('property: the comfort rule holds over random practice logs', () => {
  it(`never advances or pends with a rating above 2/10 in the deciding window (default parameters, ${RUNS} runs)`, () => {
    const kinds = new Map<string, number>();
    fc.assert(
      fc.property(scenarioArb, clockArb, restNearArb, ({ sessions, progress }, clock, restNear) => {
        const decision = checkComfortRule(sessions, progress, PARAMS, clock, restNear);
        kinds.set(decision.kind, (kinds.get(decision.kind) ?? 0) + 1);
      }),
      // A fixed seed: the property is checked on the same 1000 journeys every run, so the coverage check below
      // cannot flake (it failed now and then with random seeds when an outcome was just under 1%).
      { numRuns: RUNS, seed: 20261128 },
    );
    // The generator must reach every outcome, or the property above says little.
    for (const kind of ['advance', 'pending', 'stay', 'stepBack', 'return']) expect(kinds.get(kind) ?? 0, kind).toBeGreaterThan(RUNS / 100);
  });

  it(`holds for any clinician-chosen advance window and pain limit (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(scenarioArb, clockArb, paramsArb, restNearArb, ({ sessions, progress }, clock, params, restNear) => {
        checkComfortRule(sessions, progress, params, clock, restNear);
      }),
      { numRuns: RUNS },
    );
  });

  it(`a session logged at the current level with a spike on its latest day always steps back (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(fc.array(sessionArb, { maxLength: 30 }), progressArb, clockArb, fc.integer({ min: 3, max: 10 }), fc.boolean(),
        (sessions, progress, clock, pain, nextDay) => {
          const spike: PracticeSession = {
            day: clock.today, step: progress.step, dilatorSize: progress.dilatorSize,
            painDuring: 1, painAfter: nextDay ? 1 : pain, painNextDay: nextDay ? pain : null,
          };
          const earlier = sessions.filter((s) => s.day < clock.today);
          const decision = decideProgression([...earlier, spike], { ...progress, levelSince: day(1) }, PARAMS, clock, LADDER);
          expect(decision.kind).toBe('stepBack');
        }),
      { numRuns: RUNS },
    );
  });
});

describe('property: levels stay inside the program', () => {
  const valid = (l: Level) => l.step >= 1 && l.step <= LAST_STEP && Number.isInteger(l.step)
    && (!usesDilator(LADDER, l.step) ? l.dilatorSize === null : l.dilatorSize !== null && l.dilatorSize >= 1 && l.dilatorSize <= SIZES);

  it(`nextLevel and previousLevel always give steps 1-6, and sizes 1-6 only at the dilator steps (${RUNS} runs)`, () => {
    fc.assert(fc.property(levelArb, (level) => {
      expect(valid(nextLevel(level, LADDER)), JSON.stringify(nextLevel(level, LADDER))).toBe(true);
      expect(valid(previousLevel(level, LADDER)), JSON.stringify(previousLevel(level, LADDER))).toBe(true);
    }), { numRuns: RUNS });
  });

  it(`repeated moves never leave the program (${RUNS} runs)`, () => {
    fc.assert(fc.property(levelArb, fc.array(fc.boolean(), { maxLength: 40 }), (start, ups) => {
      let level = start;
      for (const up of ups) {
        level = up ? nextLevel(level, LADDER) : previousLevel(level, LADDER);
        expect(valid(level), JSON.stringify(level)).toBe(true);
      }
    }), { numRuns: RUNS });
  });

  it(`one move is one place: stepping back undoes an advance below the last step (${RUNS} runs)`, () => {
    fc.assert(fc.property(levelArb, (level) => {
      const next = nextLevel(level, LADDER);
      if (level.step === LAST_STEP) expect(next).toEqual(level);
      else expect(previousLevel(next, LADDER)).toEqual(level);
    }), { numRuns: RUNS });
  });

  it(`rest after a spike is always between 24 and 72 hours (${RUNS} runs)`, () => {
    fc.assert(fc.property(fc.array(dayArb, { maxLength: 10 }), dayArb, (spikeDays, today) => {
      const hours = restHoursAfterSpike(spikeDays, today, PARAMS);
      expect(hours).toBeGreaterThanOrEqual(24);
      expect(hours).toBeLessThanOrEqual(72);
    }), { numRuns: RUNS });
  });
});
