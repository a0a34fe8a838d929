// What the coach does when something it scheduled comes due, and how reminders are (re)scheduled.
// Pure functions over the session context; the machine wires them in.
import type { Content } from '../../content/schema.js';
import { nextLocalTime } from '../local-time.js';
import { levelName } from './level-name.js';
import type { Effect, JobKind, Profile, Say, SessionContext, TurnFacts } from './session-types.js';

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
const SNOOZE_MS = 3_600_000;

export interface Reminders {
  /** No check-ins before this instant ("pause reminders for 3 days"). */
  pausedUntil: string | null;
  /** Check-ins sent since the user last wrote: the second gets one gentle nudge, then we stay quiet. */
  unanswered: number;
}

export const noReminders: Reminders = { pausedUntil: null, unanswered: 0 };

const schedule = (job: JobKind, at: Date | number): Effect => ({ kind: 'schedule', job, dueAt: new Date(at).toISOString() });

/** The next daily check-in after `after` (and after any pause), or a cancellation when reminders are off. */
export function nextCheckIn(profile: Profile, reminders: Reminders, after: Date): Effect {
  if (!profile.reminderTime) return { kind: 'cancel', job: 'checkin' };
  const from = reminders.pausedUntil && Date.parse(reminders.pausedUntil) > after.getTime() ? new Date(reminders.pausedUntil) : after;
  return schedule('checkin', nextLocalTime(from, profile.reminderTime, profile.timeZone ?? 'UTC'));
}

/** Everything a new user gets scheduled once onboarding is done. */
export function initialJobs(profile: Profile, facts: TurnFacts): Effect[] {
  const now = new Date(facts.now);
  return [nextCheckIn(profile, noReminders, now), schedule('weekly_summary', now.getTime() + WEEK_MS)];
}

export type ScheduledOutcome = { startDay: boolean; reminders: Reminders; out: Say[]; effects: Effect[] };

/**
 * Decides what a due job means in the user's current situation. `where` is the part of the session the user is in.
 * Exercise reminders never go to someone paused for evaluation, and a missed day gets at most one nudge.
 */
export function onScheduled(
  job: JobKind, context: SessionContext, facts: TurnFacts, content: Content,
  where: 'idle' | 'day' | 'exposure' | 'pausedForEvaluation' | 'onboarding' | 'elsewhere',
): ScheduledOutcome {
  const reminders = context.reminders ?? noReminders;
  const now = new Date(facts.now);
  const quiet: ScheduledOutcome = { startDay: false, reminders, out: [], effects: [] };
  const say = (id: Extract<Say, { kind: 'message' }>['id'], vars?: Record<string, string | number>): Say => ({ kind: 'message', id, vars });
  switch (job) {
    case 'checkin': {
      const next = nextCheckIn(context.profile, reminders, now);
      if (where !== 'idle') return { ...quiet, effects: [next] };
      if (reminders.unanswered === 0) {
        return { startDay: true, reminders: { ...reminders, unanswered: 1 }, out: [say('reminder.checkin')], effects: [next] };
      }
      if (reminders.unanswered === 1) {
        return { ...quiet, reminders: { ...reminders, unanswered: 2 }, out: [say('reminder.nudge')], effects: [next] };
      }
      return { ...quiet, effects: [next] };
    }
    case 'weekly_summary': {
      const next = schedule('weekly_summary', now.getTime() + WEEK_MS);
      if (where === 'onboarding' || reminders.unanswered >= 2) return { ...quiet, effects: [next] };
      return { ...quiet, out: [say('summary.weekly'), { kind: 'progress' }], effects: [next] };
    }
    case 'rest_end':
      if (where !== 'idle' || !context.progress) return quiet;
      return { ...quiet, out: [say('reminder.rest_over', { step: levelName(content, context.progress.returnTo ?? context.progress) })] };
    case 'clinician_check':
      if (where !== 'pausedForEvaluation') return quiet;
      return { ...quiet, out: [say('safety.weekly_check')], effects: [schedule('clinician_check', now.getTime() + WEEK_MS)] };
    case 'hold_timer':
      return where === 'exposure' ? { ...quiet, out: [say('timer.done')] } : quiet;
  }
}


export const restEndJob = (restUntil: string): Effect => schedule('rest_end', Date.parse(restUntil));
export const clinicianCheckJob = (facts: TurnFacts): Effect => schedule('clinician_check', Date.parse(facts.now) + WEEK_MS);
export const snoozedCheckIn = (facts: TurnFacts): Effect => schedule('checkin', Date.parse(facts.now) + SNOOZE_MS);
export const holdTimerJob = (facts: TurnFacts, seconds: number): Effect => schedule('hold_timer', Date.parse(facts.now) + seconds * 1000);
export const pausedUntil = (facts: TurnFacts, days: number): string => new Date(Date.parse(facts.now) + days * DAY_MS).toISOString();
