// The practice record and the user's place in the program: plain data the rules reason over.

/** One practice session. Days are the user's local calendar dates (YYYY-MM-DD). */
import type { Reason } from './reason.js';

export interface PracticeSession {
  /** Stable id of the session, so a rating given in two turns updates one record. */
  key?: string;
  day: string;
  step: number;
  dilatorSize: number | null;
  painDuring: number | null;
  painAfter: number | null;
  /** How it felt the day after; null until the user tells us. */
  painNextDay: number | null;
}

/** A place in the graded sequence: a step, and at the dilator steps a size. */
export interface Level {
  step: number;
  dilatorSize: number | null;
}

export interface Progress extends Level {
  /** Local day the current level began. */
  levelSince: string;
  /** Local day the program began (for the stall rule before any advance). */
  startedDay: string;
  lastAdvanceDay: string | null;
  /** Why the last advance happened, to show under "progress". */
  /** Why the last advance happened (a string when stored by an older version). */
  lastAdvanceReason: Reason | string | null;
  /** Instant (ISO) until which the user rests at the easier level after a spike. */
  restUntil: string | null;
  /** Local days of recent spikes; a repeat within the window lengthens the rest. */
  spikeDays: string[];
  /** Local day we last suggested a pelvic health PT because progress stalled. */
  stallNotifiedDay: string | null;
  strengthUnlocked: boolean;
  /** After a spike: the level where it happened, to go back to once the rest is over and the latest rating is comfortable. */
  returnTo?: Level | null;
  /** Instant (ISO) the current rest began: sessions started after it belong to the rest, even on the spike's own day. */
  restFrom?: string | null;
}

export function startProgress(today: string): Progress {
  return {
    step: 1, dilatorSize: null, levelSince: today, startedDay: today,
    lastAdvanceDay: null, lastAdvanceReason: null, restUntil: null,
    spikeDays: [], stallNotifiedDay: null, strengthUnlocked: false, returnTo: null, restFrom: null,
  };
}

export function sameLevel(a: Level, b: Level): boolean {
  return a.step === b.step && (a.dilatorSize ?? null) === (b.dilatorSize ?? null);
}

/** Whole days from `from` to `to` (both YYYY-MM-DD); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** When a session began (its key is "<day>@<instant>"), or null for a session without one. */
export function sessionStart(session: PracticeSession): string | null {
  const at = session.key?.split('@')[1];
  return at && !Number.isNaN(Date.parse(at)) ? at : null;
}

/** The last rating given, in the order they are asked: during, after, then the next day. */
export function latestRating(sessions: readonly PracticeSession[]): number | null {
  const last = [...sessions].sort((a, b) => a.day.localeCompare(b.day) || (sessionStart(a) ?? '').localeCompare(sessionStart(b) ?? '')).at(-1);
  if (!last) return null;
  const sameDay = sessions.filter((s) => s.day === last.day);
  const nextDay = sameDay.map((s) => s.painNextDay).filter((v): v is number => v !== null);
  if (nextDay.length > 0) return Math.max(...nextDay);
  return last.painAfter ?? last.painDuring;
}
