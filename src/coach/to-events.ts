// Turns what a message says into the session event(s) the current state can act on.
// Safety comes first: crisis and red flags are never outranked by an expected answer.
import type { Expectation, RatingSlot, SessionEvent } from './session/session-types.js';
import type { Command, Understanding } from './understand/understand.js';
import { parseSettingsCommand, type SettingsCommand } from './parse-settings-command.js';

type Bare<E> = E extends unknown ? Omit<E, 'facts'> : never;
export type BareEvent = Bare<SessionEvent>;

const commandEvents: Record<Command, BareEvent['type']> = {
  start: 'START', stop: 'STOP', pause: 'PAUSE', continue: 'CONTINUE', help: 'HELP', progress: 'PROGRESS',
  done: 'DONE', skip: 'SKIP', repeat: 'REPEAT', export: 'EXPORT', delete: 'DELETE', disclaimer: 'DISCLAIMER',
  evaluated: 'EVALUATED', back: 'REPEAT',
};

const settingsEvents = (c: SettingsCommand, u: Understanding): BareEvent => {
  switch (c.kind) {
    case 'snooze': return { type: 'SNOOZE' };
    case 'pauseReminders': return { type: 'PAUSE_REMINDERS', days: c.days };
    case 'remindersOff': return { type: 'REMINDERS_OFF' };
    // "change my reminder to 7am" carries its time
    case 'changeReminder': return u.time ? { type: 'CHANGE_REMINDER', hour: u.time.hour, minute: u.time.minute } : { type: 'CHANGE_REMINDER' };
    case 'startTimer': return { type: 'START_TIMER' };
    case 'calendar': return { type: 'CALENDAR' };
  }
};

/** What the current state is waiting for; `slot` names which rating, and `clarifying` the topics a clarifying question offered. */
export interface Waiting { expects?: Expectation; slot?: RatingSlot; clarifying?: string[] }

export function toEvents(u: Understanding, expects: Expectation | undefined, waiting: Waiting = {}): BareEvent[] {
  if (u.crisis) return [{ type: 'CRISIS' }];
  const flagged = u.redFlags.length > 0 ? { type: 'RED_FLAG' as const, ids: u.redFlags }
    : u.maybeRedFlags.length > 0 && !u.maybeCrisis ? { type: 'MAYBE_RED_FLAG' as const, ids: u.maybeRedFlags } : null;
  // Might be a crisis: the kind question comes last, so "no" returns to exactly where the person was
  // (a red flag reported in the same message has paused the program by then).
  const askCrisis = u.maybeCrisis ? [{ type: 'MAYBE_CRISIS' as const, about: u.maybeCrisis }] : [];
  if (flagged || askCrisis.length > 0) {
    // A rating or journal line sent with the red flag is kept before the program pauses.
    // "yes, it's been like that for days" answers the question shown first (a yes to a red-flag question pauses)
    const answer = expects === 'rating' && u.rating !== undefined ? [{ type: 'RATING' as const, value: u.rating }]
      : expects === 'text' && !u.maybeCrisis ? [{ type: 'TEXT' as const, text: u.text }]
        : expects === 'yesno' && u.yesNo === 'yes' && u.redFlags.length === 0 && !u.maybeCrisis ? [{ type: 'YES' as const }] : [];
    return [...answer, ...(flagged ? [flagged] : []), ...askCrisis];
  }
  // A question about red flags is answered (what counts, when to see someone), nothing is paused;
  // a rating sent with it still counts.
  if (u.askedRedFlags.length > 0) {
    const rating = expects === 'rating' && u.rating !== undefined ? [{ type: 'RATING' as const, value: u.rating }] : [];
    return [...rating, { type: 'RED_FLAG_QUESTION', ids: u.askedRedFlags }];
  }
  if (waiting.clarifying) {
    const answer = clarifyAnswer(u, waiting.clarifying);
    if (answer) return [answer];
    // Something else entirely: the clarifying question is dropped, and the message read as it stands.
    return [{ type: 'CLARIFY_DROP' }, ...repairEvents(u, expects, waiting.slot)];
  }
  return repairEvents(u, expects, waiting.slot);
}

/** The answer to "Did you mean 1. ... 2. ... or neither?": by number, by name, in words; "no"/"neither" goes back. */
function clarifyAnswer(u: Understanding, ids: string[]): BareEvent | undefined {
  if (u.repair.neither || u.repair.cancel || u.yesNo === 'no') return { type: 'CLARIFY_NEITHER' };
  const picked = u.choices.find((c) => c >= 1 && c <= ids.length);
  if (picked !== undefined) return { type: 'CLARIFY_PICK', id: ids[picked - 1]! };
  if (u.topic && ids.includes(u.topic)) return { type: 'CLARIFY_PICK', id: u.topic };
  if (u.yesNo === 'yes' && ids.length === 1) return { type: 'CLARIFY_PICK', id: ids[0]! };
  // A bare "yes" to two options answers neither; it must never reach the question underneath.
  if (u.yesNo === 'yes' && u.text.split(/\s+/).length <= 3) return { type: 'CLARIFY_AGAIN' };
  return undefined;
}

const isQuestion = (text: string) => /\?\s*$|^(how|what|why|when|is|are|can|could|should|do|does|will|would)\b/i.test(text.trim());

function repairEvents(u: Understanding, expects: Expectation | undefined, slot: RatingSlot | undefined): BareEvent[] {
  const settings = parseSettingsCommand(u.text);
  if (settings) return [settingsEvents(settings, u)];
  // A correction is about the answer already given, never a new answer to the question now shown.
  if (u.repair.correction) {
    const value = u.repair.correction.value ?? (u.rating !== undefined && expects === 'rating' ? u.rating : undefined);
    return [{ type: 'CORRECT', ...(value !== undefined ? { value } : {}), ...(u.choices.length > 0 ? { choices: u.choices } : {}) }];
  }
  if (u.repair.cancel && expects !== 'text') return [{ type: 'CANCEL' }];

  let main = answerFor(u, expects, slot);
  // "I feel so broken, everyone else can..." is a feeling to meet, not a question to answer with a definition.
  if (u.feeling && (main[0]?.type === 'TOPIC' || main[0]?.type === 'TOPIC_UNCLEAR') && !isQuestion(u.text)) main = [];
  const feeling: BareEvent[] = u.feeling ? [{ type: 'FEELING', id: u.feeling, reprompt: main.length === 0 }] : [];
  if (main.length === 0) {
    // A feeling alone is acknowledged, then the same question comes back.
    if (feeling.length > 0) {
      return u.topic && isQuestion(u.text) ? [{ type: 'FEELING', id: u.feeling!, reprompt: false }, { type: 'TOPIC', id: u.topic }] : feeling;
    }
    return [{ type: 'UNKNOWN' }];
  }
  // A question sent with an answer ("3, is burning normal?"): answered first, then the answer carries on.
  const first = main[0]!;
  const aside: BareEvent[] = u.topic && first.type !== 'TOPIC' && isQuestion(u.text) ? [{ type: 'TOPIC', id: u.topic, reprompt: false }] : [];
  return [...feeling, ...aside, ...main];
}

function answerFor(u: Understanding, expects: Expectation | undefined, slot: RatingSlot | undefined): BareEvent[] {
  const hurt = u.command === 'stop' && (u.ratingUnclear === true || u.rating !== undefined);
  switch (expects) {
    case 'rating': {
      const { during, after } = u.labelled;
      // "during 1 after 3": both ratings, each where it belongs
      if (slot === 'during' && during !== undefined && after !== undefined) return [{ type: 'RATING', value: during }, { type: 'RATING', value: after }];
      if (slot === 'after' && after !== undefined) return [{ type: 'RATING', value: after }];
      if (slot === 'nextDay' && (during !== undefined || after !== undefined)) return [{ type: 'RATING', value: Math.max(during ?? 0, after ?? 0) }];
      if (u.rating !== undefined) return [{ type: 'RATING', value: u.rating }];
      break;
    }
    case 'yesno':
      if (u.yesNo) return [{ type: u.yesNo === 'yes' ? 'YES' : 'NO' }];
      break;
    case 'done': case 'step':
      if (hurt && expects === 'step') return [{ type: 'HURT' }];
      if (u.command === 'skip') return [{ type: 'SKIP' }];
      // "I'm scared it'll hurt like last time" is not a pick of the last option
      if (u.choices.length > 0 && !u.feeling && !u.topic) return [{ type: 'CHOOSE', choices: u.choices }];
      break;
    case 'time':
      if (u.time) return [{ type: 'TIME', ...u.time }];
      break;
    case 'zone':
      if (u.timeZone) return [{ type: 'ZONE', zone: u.timeZone }];
      break;
    case 'text':
      if (u.command && ['skip', 'stop', 'pause', 'help', 'delete', 'export', 'progress'].includes(u.command)) break;
      if (u.yesNo === 'no' && u.text.split(/\s+/).length <= 3) return [{ type: 'SKIP' }];
      // A question at the journal prompt is a question, not the day's journal line; "thanks" is not a journal line either.
      if (u.topic && isQuestion(u.text)) return [{ type: 'TOPIC', id: u.topic }];
      if (u.topicCandidates.length > 0 && isQuestion(u.text)) return [{ type: 'TOPIC_UNCLEAR', ids: u.topicCandidates }];
      // "is it normal to cry after?" is a question with a feeling in it, not her sentence about what felt safe.
      if (u.feeling && isQuestion(u.text)) return [];
      if (u.smallTalk && u.text.split(/\s+/).length <= 4) return [{ type: 'SMALL_TALK', id: u.smallTalk }];
      if (u.text.trim().length > 0) return [{ type: 'TEXT', text: u.text }];
      break;
  }
  if (hurt) return [{ type: 'HURT' }];
  if (u.command) return [{ type: commandEvents[u.command] } as BareEvent];
  if (u.topic) return [{ type: 'TOPIC', id: u.topic }];
  if (u.topicCandidates.length > 0) return [{ type: 'TOPIC_UNCLEAR', ids: u.topicCandidates }];
  if (u.smallTalk) return [{ type: 'SMALL_TALK', id: u.smallTalk }];
  if (expects === 'rating' && u.ratingUnclear) return [{ type: 'UNCLEAR_RATING' }];
  if (u.yesNo) return [{ type: u.yesNo === 'yes' ? 'YES' : 'NO' }];
  return [];
}
