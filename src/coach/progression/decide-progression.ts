// The comfort rule as a decision: stay, advance or step back, always with a reason a person can read.
import type { Parameters } from '../../content/schema.js';
import { nextLevel, previousLevel } from './levels.js';
import { hasHighRating, isComfortable, practiceDays, type PracticeDay } from './practice-days.js';
import type { Level, PracticeSession, Progress } from './practice.js';
import { addDays, daysBetween } from './practice.js';
import { restHoursAfterSpike } from './rest.js';

export type Decision =
  | { kind: 'advance'; to: Level; reason: string }
  /** Everything is in place except tomorrow's rating of today's practice. */
  | { kind: 'pending'; to: Level; reason: string }
  | { kind: 'stay'; reason: string }
  | { kind: 'stepBack'; to: Level; restHours: number; reason: string };

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
  const atLevel = practiceDays(sessions, progress).filter((d) => d.day >= progress.levelSince);
  const latest = atLevel.at(-1);

  // Any spike at this level not yet acted on counts, not only the latest day's: next-day soreness is often
  // reported after the following day's practice was logged. (A step back moves levelSince past the spike.)
  const spike = atLevel.map((d) => spikeIn(d, max)).filter((s): s is string => s !== null).at(-1);
  if (spike) {
    const restHours = restHoursAfterSpike(progress.spikeDays, clock.today, params);
    return {
      kind: 'stepBack', to: previousLevel(progress), restHours,
      reason: `${spike} is above ${max}/10, so your body is asking for a gentler pace.`,
    };
  }
  // Compare instants, not text: `now` may carry the user's UTC offset.
  if (progress.restUntil && Date.parse(progress.restUntil) > Date.parse(clock.now)) {
    return { kind: 'stay', reason: 'You are in a rest period after a flare-up, so we stay at the easier step for now.' };
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
        lastAdvanceDay: clock.today, lastAdvanceReason: decision.reason, restUntil: null,
      };
    case 'stepBack':
      return {
        // The easier level counts from tomorrow: today's sessions belong to the spike, not to the rest.
        ...progress, ...decision.to, levelSince: addDays(clock.today, 1),
        restUntil: new Date(Date.parse(clock.now) + decision.restHours * 3_600_000).toISOString(),
        spikeDays: [...progress.spikeDays.filter((d) => daysBetween(d, clock.today) <= 30), clock.today],
      };
    default:
      return progress;
  }
}
