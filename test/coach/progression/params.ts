// Default program parameters (as in flows/program.yaml) and small builders for the progression tests.
import type { Parameters } from '../../../src/content/schema.js';
import type { Clock } from '../../../src/coach/progression/decide-progression.js';
import type { Ladder } from '../../../src/coach/progression/levels.js';
import type { Level, PracticeSession, Progress } from '../../../src/coach/progression/practice.js';
import { addDays, startProgress } from '../../../src/coach/progression/practice.js';

export const PARAMS: Parameters = {
  comfort: { max_pain: 2 },
  advance: { comfortable_days: 3, window_days: 4, min_days_at_step: 3 },
  spike: { rest_hours_min: 24, rest_hours_max: 72, repeat_within_days: 7 },
  stall: { days: 42 },
  strength: { comfortable_days: 5, window_days: 7, min_step: 4 },
  sessions_per_day: { min: 1, max: 3 },
  dilator: { sizes: 6 },
};

/**
 * The program's steps as the rules see them, as in flows/exposure.yaml: six steps, the dilator at 4 (one size per
 * advance) and 5 (at the size reached), none at 1-3 and 6. A fixture, so these tests do not move with the content.
 */
export const LADDER: Ladder = {
  steps: [1, 2, 3, 4, 5, 6].map((number) => ({ number, uses_dilator: number === 4 || number === 5, advance_by_size: number === 4 })),
  sizes: PARAMS.dilator.sizes,
};
export const LAST_STEP = LADDER.steps.length;

/** Parameters with some values changed (one family at a time). */
export function withParams(change: (p: Parameters) => void): Parameters {
  const p = structuredClone(PARAMS);
  change(p);
  return p;
}

export const START = '2026-03-02';
/** The n-th day of the program (day 1 = START). */
export const day = (n: number): string => addDays(START, n - 1);

export type Ratings = [during: number | null, after: number | null, nextDay: number | null];

export function session(d: string, [during, after, nextDay]: Ratings, level: Level = { step: 1, dilatorSize: null }): PracticeSession {
  return { day: d, step: level.step, dilatorSize: level.dilatorSize, painDuring: during, painAfter: after, painNextDay: nextDay };
}

/** One session a day on consecutive program days from `firstDay`, all at `level`. */
export function days(firstDay: number, ratings: Ratings[], level: Level = { step: 1, dilatorSize: null }): PracticeSession[] {
  return ratings.map((r, i) => session(day(firstDay + i), r, level));
}

/** A user at `level` since `since` (default: the program start), no spikes, no rest. */
export function progressAt(level: Level, since: string = START, change: Partial<Progress> = {}): Progress {
  return { ...startProgress(START), ...level, levelSince: since, ...change };
}

/** The clock on a given local day, at 20:00 UTC. */
export function clockOn(d: string, time = '20:00:00.000Z'): Clock {
  return { today: d, now: `${d}T${time}` };
}

export const OK: Ratings = [1, 1, 1];
export const OK_PENDING: Ratings = [1, 1, null];
