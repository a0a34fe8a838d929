// Folds sessions into practice days: the comfort rule judges days, and a day is only as good as its worst session.
import type { Level, PracticeSession } from './practice.js';
import { sameLevel } from './practice.js';

export interface PracticeDay {
  day: string;
  /** Highest rating of the day in each window; null when never given. */
  during: number | null;
  after: number | null;
  nextDay: number | null;
  /** Every session of the day gave both its during and after rating. */
  complete: boolean;
}

const worst = (values: Array<number | null>): number | null =>
  values.reduce<number | null>((max, v) => (v === null ? max : max === null ? v : Math.max(max, v)), null);

/** Practice days (oldest first) of the sessions at one level, or of all sessions when no level is given. */
export function practiceDays(sessions: readonly PracticeSession[], level?: Level): PracticeDay[] {
  const byDay = new Map<string, PracticeSession[]>();
  for (const s of sessions) {
    if (level && !sameLevel(s, level)) continue;
    byDay.set(s.day, [...(byDay.get(s.day) ?? []), s]);
  }
  return [...byDay.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([day, list]) => ({
      day,
      during: worst(list.map((s) => s.painDuring)),
      after: worst(list.map((s) => s.painAfter)),
      nextDay: worst(list.map((s) => s.painNextDay)),
      complete: list.every((s) => s.painDuring !== null && s.painAfter !== null),
    }));
}

/** Comfortable: every rating we have is at most the limit, during and after are known, and the next day too once known. */
export function isComfortable(day: PracticeDay, maxPain: number): boolean {
  return day.complete && (day.during ?? 11) <= maxPain && (day.after ?? 11) <= maxPain
    && (day.nextDay === null || day.nextDay <= maxPain);
}

/** Any rating of the day above the limit. */
export function hasHighRating(day: PracticeDay, maxPain: number): boolean {
  return [day.during, day.after, day.nextDay].some((v) => v !== null && v > maxPain);
}
