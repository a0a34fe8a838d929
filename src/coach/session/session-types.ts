// What the session machine knows, hears and asks for. The machine is pure: effects are data the turn commits.
import type { MessageId } from '../../content/message-ids.js';
import type { Vars } from '../../content/render-message.js';
import type { Level, PracticeSession, Progress } from '../progression/practice.js';

export interface Profile {
  consentAt: string | null;
  consentVersion: string | null;
  /** History flags the user said yes to at screening. */
  historyFlags: string[];
  /** "HH:MM" local time for the daily check-in, or null for no reminders. */
  reminderTime: string | null;
  /** IANA time zone. */
  timeZone: string | null;
}

/** Today's session in progress. */
export interface DaySession {
  /** Identifies the practice record this session writes, from the first rating on. */
  key: string;
  date: string;
  level: Level;
  circuitIndex: number;
  circuitDone: number;
  choices: number[];
  painDuring: number | null;
  painAfter: number | null;
}

/** Something to say: a scripted message, a field of a content item, or a reply built from the record. */
export type Say =
  | { kind: 'message'; id: MessageId; vars?: Vars }
  | { kind: 'item'; id: string; field?: 'text' | 'question' | 'advice' | 'confirm' | 'when_unlocked' }
  | { kind: 'exercise'; index: number }
  | { kind: 'step'; level: Level }
  | { kind: 'progress' }
  /** The hold timer has started: its length, and when it ends (so a page can count down, and pick it up again after a reload). */
  | { kind: 'timer'; seconds: number; endsAt: string }
  /** The daily check-in as a calendar file, where the channel can send one. */
  | { kind: 'calendar'; time: string; timeZone: string }
  | { kind: 'export' };

/** Things that happen later, on their own: each is a durable row, at most one of a kind per conversation. */
export type JobKind = 'checkin' | 'rest_end' | 'weekly_summary' | 'clinician_check' | 'hold_timer';

export type Effect =
  | { kind: 'savePractice'; session: PracticeSession & { key: string } }
  | { kind: 'setNextDay'; day: string; value: number }
  | { kind: 'saveJournal'; day: string; text: string }
  | { kind: 'deleteUser' }
  | { kind: 'schedule'; job: JobKind; dueAt: string }
  | { kind: 'cancel'; job: JobKind };

export interface SessionContext {
  profile: Profile;
  /** Null until onboarding is complete. */
  progress: Progress | null;
  day: DaySession | null;
  screeningIndex: number;
  /** Red flags reported and not yet cleared by a clinician. */
  redFlags: string[];
  /** Red flags mentioned unclearly, awaiting a yes/no. */
  unclearRedFlags: string[];
  /** Which kind question a possible crisis asked: about thoughts of ending their life, or about being safe. */
  crisisQuestion?: 'self' | 'others';
  /** Where a "no" to the crisis question goes back to (a top-level state, or 'main' for the program's own place). */
  crisisReturn?: string;
  /** The question the current state is waiting on, repeated when an answer is not understood. */
  prompt: Say[];
  /** Reminder pause and the count of unanswered check-ins. Absent in snapshots stored before reminders existed. */
  reminders?: { pausedUntil: string | null; unanswered: number };
  /** The question held while a side question (delete? a possible red flag? a new reminder time?) is asked, shown again after it. */
  held?: Say[] | null;
  /** Set on the way back to a held question: the state's entry shows it in one short line instead of in full. */
  resuming?: boolean;
  /** Topic ids offered by a clarifying question that is waiting for its answer (numbered options plus "neither"). */
  clarify?: string[] | null;
  /** The last answer given, so "no wait, I meant 1" or "I pressed yes by mistake" can change it. */
  last?: LastAnswer | null;
  /** The local day the safety checklist was last answered "no", so it is not asked twice in one day. */
  safetyCheckedOn?: string | null;
  /** The practice day the next-day rating question is about. */
  nextDayFor?: string | null;
  /** Replies and effects of the current turn; emptied before the snapshot is stored. */
  out: Say[];
  effects: Effect[];
}

/** An answer that can still be corrected, with what is needed to take it back. */
export type LastAnswer =
  | { kind: 'rating'; slot: RatingSlot; day: string; value: number; progress: Progress | null }
  | { kind: 'safetyYes'; where: 'onboarding' | 'day' };

export type RatingSlot = 'during' | 'after' | 'nextDay';

/** Facts of the turn handed in with every event, so the machine never does I/O. */
export interface TurnFacts {
  /** The user's local date, YYYY-MM-DD. */
  today: string;
  /** ISO instant. */
  now: string;
  /** Recent practice sessions, oldest first. */
  log: PracticeSession[];
  contentVersion: string;
}

type Plain<T extends string> = { type: T; facts: TurnFacts };
export type SessionEvent =
  | Plain<'START' | 'YES' | 'NO' | 'DONE' | 'SKIP' | 'REPEAT' | 'STOP' | 'PAUSE' | 'CONTINUE' | 'HELP'
    | 'PROGRESS' | 'DISCLAIMER' | 'EXPORT' | 'DELETE' | 'EVALUATED' | 'CRISIS' | 'UNKNOWN' | 'NEW_DAY' | 'OPEN'
    | 'ACTIVE' | 'SNOOZE' | 'REMINDERS_OFF' | 'START_TIMER' | 'CALENDAR' | 'HURT' | 'CANCEL' | 'CLARIFY_NEITHER' | 'CLARIFY_DROP' | 'CLARIFY_AGAIN'>
  | { type: 'CHANGE_REMINDER'; hour?: number; minute?: number; facts: TurnFacts }
  | { type: 'CORRECT'; value?: number; choices?: number[]; facts: TurnFacts }
  | { type: 'CLARIFY_PICK'; id: string; facts: TurnFacts }
  | { type: 'FEELING'; id: string; reprompt?: boolean; facts: TurnFacts }
  | { type: 'SMALL_TALK'; id: string; facts: TurnFacts }
  | { type: 'PAUSE_REMINDERS'; days: number; facts: TurnFacts }
  | { type: 'RATING'; value: number; facts: TurnFacts }
  | { type: 'UNCLEAR_RATING'; facts: TurnFacts }
  | { type: 'CHOOSE'; choices: number[]; facts: TurnFacts }
  | { type: 'TEXT'; text: string; facts: TurnFacts }
  | { type: 'TIME'; hour: number; minute: number; facts: TurnFacts }
  | { type: 'ZONE'; zone: string; facts: TurnFacts }
  /** A question answered in passing; `reprompt` false when something else in the same message carries the conversation on. */
  | { type: 'TOPIC'; id: string; reprompt?: boolean; facts: TurnFacts }
  | { type: 'TOPIC_UNCLEAR'; ids: string[]; facts: TurnFacts }
  | { type: 'RED_FLAG'; ids: string[]; facts: TurnFacts }
  | { type: 'SCHEDULED'; job: JobKind; facts: TurnFacts }
  | { type: 'MAYBE_RED_FLAG'; ids: string[]; facts: TurnFacts }
  /** Might be a crisis: one kind, direct question (about thoughts of ending their life, or about being safe). */
  | { type: 'MAYBE_CRISIS'; about: 'self' | 'others'; facts: TurnFacts }
  /** A question about red flags in general: answered, nothing paused. */
  | { type: 'RED_FLAG_QUESTION'; ids: string[]; facts: TurnFacts };

/** What a state waits for: drives how a message is understood and which buttons are shown. */
export type Expectation = 'yesno' | 'rating' | 'done' | 'step' | 'time' | 'zone' | 'text' | 'start' | 'cleared' | 'cleared_or_mistake' | 'choice';
export interface StateMeta { expects: Expectation; slot?: RatingSlot }
