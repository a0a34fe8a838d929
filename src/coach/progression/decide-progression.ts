// The comfort rule as a decision: stay, advance or step back, always with a reason (an id and values; flows/ has its words).
import type { Parameters } from '../../content/schema.js';
import { lastStep, nextLevel, previousLevel, type Ladder } from './levels.js';
import { hasHighRating, isComfortable, practiceDays, type PracticeDay } from './practice-days.js';
import type { Level, PracticeSession, Progress } from './practice.js';
import { addDays, daysBetween, latestRating, sessionStart } from './practice.js';
import { restHoursAfterSpike } from './rest.js';
import type { Reason } from './reason.js';

export type Decision =
  | { kind: 'advance'; to: Level; reason: Reason }
  /** Everything is in place except tomorrow's rating of today's practice. */
  | { kind: 'pending'; to: Level; reason: Reason }
  | { kind: 'stay'; reason: Reason }
  /** A spike: rest at `to` for `restHours`. `extends` when it came during a running rest (the level stays). */
  | { kind: 'stepBack'; to: Level; restHours: number; reason: Reason; extends?: boolean }
  /** The rest is over and the latest rating is comfortable: back to the level where the spike happened. */
  | { kind: 'return'; to: Level; reason: Reason };

export interface Clock {
  /** The user's local date, YYYY-MM-DD. */
  today: string;
  /** The current instant, ISO 8601. */
  now: string;
}

/**
 * Decides the next move from the practice record at the current level.
 * Safety first: a spike steps back; any rating above the limit in the deciding window blocks an advance.
 */
export function decideProgression(
  sessions: readonly PracticeSession[], progress: Progress, params: Parameters, clock: Clock, ladder: Ladder,
): Decision {
  const max = params.comfort.max_pain;
  const resting = progress.restUntil !== null && Date.parse(progress.restUntil) > Date.parse(clock.now);
  // Sessions at this level since it began, and those begun after the current rest started (even on the spike's own day).
  const restFrom = progress.restFrom ?? null;
  const counted = sessions.filter((s) => s.day >= progress.levelSince || (restFrom !== null && (sessionStart(s) ?? '') > restFrom));
  const atLevel = practiceDays(counted, progress);
  const latest = atLevel.at(-1);

  // Any spike at this level not yet acted on counts, not only the latest day's: next-day soreness is often
  // reported after the following day's practice was logged. (A step back moves levelSince past the spike.)
  const spike = atLevel.map((d) => spikeIn(d, max)).filter((s): s is Reason => s !== null).at(-1);
  if (spike) {
    const restHours = restHoursAfterSpike(progress.spikeDays, clock.today, params);
    const reason = spike;
    // A spike during a running rest lengthens the rest (as a repeat) at the same easier level.
    if (resting) return { kind: 'stepBack', to: { step: progress.step, dilatorSize: progress.dilatorSize }, restHours, reason, extends: true };
    return { kind: 'stepBack', to: previousLevel(progress, ladder), restHours, reason };
  }
  if (resting) {
    return { kind: 'stay', reason: { id: 'resting', values: {} } };
  }
  if (progress.returnTo) {
    const last = latestRating(sessions);
    const high = atLevel.find((d) => hasHighRating(d, max));
    if (last !== null && last <= max && !high) {
      return { kind: 'return', to: progress.returnTo, reason: { id: 'rest_over', values: { rating: last } } };
    }
    return { kind: 'stay', reason: { id: 'rest_over_waiting', values: { max } } };
  }
  if (progress.step >= lastStep(ladder)) {
    return { kind: 'stay', reason: { id: 'last_step', values: {} } };
  }

  const { window_days: windowDays, comfortable_days: needed, min_days_at_step: minDays } = params.advance;
  const window = atLevel.slice(-windowDays);
  const comfortable = window.filter((d) => isComfortable(d, max)).length;
  const high = window.find((d) => hasHighRating(d, max));
  if (high) {
    return { kind: 'stay', reason: { id: 'high_rating', values: { day: high.day, max } } };
  }
  if (atLevel.length < minDays) {
    return { kind: 'stay', reason: { id: 'min_days', values: { practised: atLevel.length, min_days: minDays } } };
  }
  const to = nextLevel(progress, ladder);
  const counts = { comfortable, window: window.length, max };
  if (comfortable < needed) {
    return { kind: 'stay', reason: { id: 'not_enough', values: { ...counts, needed, window_days: windowDays } } };
  }
  if (latest!.nextDay === null) {
    return { kind: 'pending', to, reason: { id: 'pending_next_day', values: counts } };
  }
  return { kind: 'advance', to, reason: { id: 'advance', values: counts } };
}

function spikeIn(day: PracticeDay, max: number): Reason | null {
  if (day.nextDay !== null && day.nextDay > max) return { id: 'spike_next_day', values: { rating: day.nextDay, max } };
  if (day.after !== null && day.after > max) return { id: 'spike_after', values: { rating: day.after, max } };
  return null;
}

/** Applies a decision to the user's place in the program. */
export function applyDecision(progress: Progress, decision: Decision, clock: Clock): Progress {
  switch (decision.kind) {
    case 'advance':
      return {
        ...progress, ...decision.to, levelSince: clock.today,
        lastAdvanceDay: clock.today, lastAdvanceReason: decision.reason, restUntil: null, restFrom: null, returnTo: null,
      };
    case 'return':
      // The day count for advancing past this level starts again.
      return { ...progress, ...decision.to, levelSince: clock.today, restUntil: null, restFrom: null, returnTo: null };
    case 'stepBack':
      return {
        // The easier level counts from tomorrow: today's sessions belong to the spike, not to the rest.
        ...progress, ...decision.to, levelSince: addDays(clock.today, 1),
        restUntil: new Date(Date.parse(clock.now) + decision.restHours * 3_600_000).toISOString(),
        restFrom: new Date(Date.parse(clock.now)).toISOString(),
        returnTo: decision.extends ? progress.returnTo ?? null : { step: progress.step, dilatorSize: progress.dilatorSize },
        spikeDays: [...progress.spikeDays.filter((d) => daysBetween(d, clock.today) <= 30), clock.today],
      };
    default:
      return progress;
  }
}
