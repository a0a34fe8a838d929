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
  | { kind: 'item'; id: string; field?: 'text' | 'question' | 'advice' | 'confirm' }
  | { kind: 'exercise'; index: number }
  | { kind: 'step'; level: Level }
  | { kind: 'progress' }
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
  /** The question the current state is waiting on, repeated when an answer is not understood. */
  prompt: Say[];
  /** Reminder pause and the count of unanswered check-ins. Absent in snapshots stored before reminders existed. */
  reminders?: { pausedUntil: string | null; unanswered: number };
  /** Replies and effects of the current turn; emptied before the snapshot is stored. */
  out: Say[];
  effects: Effect[];
}

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
    | 'ACTIVE' | 'CHANGE_REMINDER' | 'SNOOZE' | 'REMINDERS_OFF' | 'START_TIMER'>
  | { type: 'PAUSE_REMINDERS'; days: number; facts: TurnFacts }
  | { type: 'RATING'; value: number; facts: TurnFacts }
  | { type: 'UNCLEAR_RATING'; facts: TurnFacts }
  | { type: 'CHOOSE'; choices: number[]; facts: TurnFacts }
  | { type: 'TEXT'; text: string; facts: TurnFacts }
  | { type: 'TIME'; hour: number; minute: number; facts: TurnFacts }
  | { type: 'ZONE'; zone: string; facts: TurnFacts }
  | { type: 'TOPIC'; id: string; facts: TurnFacts }
  | { type: 'TOPIC_UNCLEAR'; ids: string[]; facts: TurnFacts }
  | { type: 'RED_FLAG'; ids: string[]; facts: TurnFacts }
  | { type: 'SCHEDULED'; job: JobKind; facts: TurnFacts }
  | { type: 'MAYBE_RED_FLAG'; ids: string[]; facts: TurnFacts };

/** What a state waits for: drives how a message is understood and which buttons are shown. */
export type Expectation = 'yesno' | 'rating' | 'done' | 'time' | 'zone' | 'text' | 'start' | 'cleared';
export interface StateMeta { expects: Expectation }
