// The comfort rule as a decision: stay, advance or step back, always with a reason a person can read.
import type { Parameters } from '../../content/schema.js';
import { nextLevel, previousLevel } from './levels.js';
import { hasHighRating, isComfortable, practiceDays, type PracticeDay } from './practice-days.js';
import type { Level, PracticeSession, Progress } from './practice.js';
import { addDays, daysBetween, latestRating, sessionStart } from './practice.js';
import { restHoursAfterSpike } from './rest.js';

export type Decision =
  | { kind: 'advance'; to: Level; reason: string }
  /** Everything is in place except tomorrow's rating of today's practice. */
  | { kind: 'pending'; to: Level; reason: string }
  | { kind: 'stay'; reason: string }
  /** A spike: rest at `to` for `restHours`. `extends` when it came during a running rest (the level stays). */
  | { kind: 'stepBack'; to: Level; restHours: number; reason: string; extends?: boolean }
  /** The rest is over and the latest rating is comfortable: back to the level where the spike happened. */
  | { kind: 'return'; to: Level; reason: string };

export interface Clock {
  /** The user's local date, YYYY-MM-DD. */
  today: string;
  /** The current instant, ISO 8601. */
  now: string;
}

const days = (n: number) => `${n} day${n === 1 ? '' : 's'}`;

/**
 * Decides the next move from the practice record at the current level.
 * Safety first: a spike steps back; any rating above the limit in the deciding window blocks an advance.
 */
export function decideProgression(
  sessions: readonly PracticeSession[], progress: Progress, params: Parameters, clock: Clock, lastStep: number,
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
  const spike = atLevel.map((d) => spikeIn(d, max)).filter((s): s is string => s !== null).at(-1);
  if (spike) {
    const restHours = restHoursAfterSpike(progress.spikeDays, clock.today, params);
    const reason = `${spike} is above ${max}/10, so your body is asking for a gentler pace.`;
    // A spike during a running rest lengthens the rest (as a repeat) at the same easier level.
    if (resting) return { kind: 'stepBack', to: { step: progress.step, dilatorSize: progress.dilatorSize }, restHours, reason, extends: true };
    return { kind: 'stepBack', to: previousLevel(progress), restHours, reason };
  }
  if (resting) {
    return { kind: 'stay', reason: 'You are in a rest period after a flare-up, so we stay at the easier step for now.' };
  }
  if (progress.returnTo) {
    const last = latestRating(sessions);
    const high = atLevel.find((d) => hasHighRating(d, max));
    if (last !== null && last <= max && !high) {
      return { kind: 'return', to: progress.returnTo, reason: `Your rest is over and your latest rating was ${last}/10.` };
    }
    return { kind: 'stay', reason: `Your rest is over; we go back as soon as your latest rating is ${max}/10 or less.` };
  }
  if (progress.step >= lastStep) {
    return { kind: 'stay', reason: 'You are at the last step of the program; keep it comfortable and steady.' };
  }

  const { window_days: windowDays, comfortable_days: needed, min_days_at_step: minDays } = params.advance;
  const window = atLevel.slice(-windowDays);
  const comfortable = window.filter((d) => isComfortable(d, max)).length;
  const high = window.find((d) => hasHighRating(d, max));
  if (high) {
    return { kind: 'stay', reason: `On ${high.day} a rating was above ${max}/10, so we stay here until it is comfortable again.` };
  }
  if (atLevel.length < minDays) {
    return { kind: 'stay', reason: `You have practised this step on ${days(atLevel.length)}; we give every step at least ${days(minDays)}.` };
  }
  const to = nextLevel(progress, lastStep, params.dilator.sizes);
  const summary = `${comfortable} of your last ${days(window.length)} at this step were ${max}/10 or less`;
  if (comfortable < needed) {
    return { kind: 'stay', reason: `${summary}; we move on after ${needed} of ${windowDays}.` };
  }
  if (latest!.nextDay === null) {
    return { kind: 'pending', to, reason: `${summary}. We just need to hear how the latest practice feels the day after.` };
  }
  return { kind: 'advance', to, reason: `${summary}, including the day after.` };
}

function spikeIn(day: PracticeDay, max: number): string | null {
  if (day.nextDay !== null && day.nextDay > max) return `Soreness the day after (${day.nextDay}/10)`;
  if (day.after !== null && day.after > max) return `Pain after practice (${day.after}/10)`;
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
