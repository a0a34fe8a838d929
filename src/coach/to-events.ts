// Turns what a message says into the session event(s) the current state can act on.
// Safety comes first: crisis and red flags are never outranked by an expected answer.
import type { Expectation, SessionEvent } from './session/session-types.js';
import type { Command, Understanding } from './understand/understand.js';
import { parseSettingsCommand, type SettingsCommand } from './parse-settings-command.js';

type Bare<E> = E extends unknown ? Omit<E, 'facts'> : never;
export type BareEvent = Bare<SessionEvent>;

const commandEvents: Record<Command, BareEvent['type']> = {
  start: 'START', stop: 'STOP', pause: 'PAUSE', continue: 'CONTINUE', help: 'HELP', progress: 'PROGRESS',
  done: 'DONE', skip: 'SKIP', repeat: 'REPEAT', export: 'EXPORT', delete: 'DELETE', disclaimer: 'DISCLAIMER',
  evaluated: 'EVALUATED', back: 'REPEAT',
};

const settingsEvents = (c: SettingsCommand): BareEvent => {
  switch (c.kind) {
    case 'snooze': return { type: 'SNOOZE' };
    case 'pauseReminders': return { type: 'PAUSE_REMINDERS', days: c.days };
    case 'remindersOff': return { type: 'REMINDERS_OFF' };
    case 'changeReminder': return { type: 'CHANGE_REMINDER' };
    case 'startTimer': return { type: 'START_TIMER' };
  }
};

export function toEvents(u: Understanding, expects: Expectation | undefined): BareEvent[] {
  if (u.crisis) return [{ type: 'CRISIS' }];
  const flagged = u.redFlags.length > 0 ? { type: 'RED_FLAG' as const, ids: u.redFlags }
    : u.maybeRedFlags.length > 0 ? { type: 'MAYBE_RED_FLAG' as const, ids: u.maybeRedFlags } : null;
  if (flagged) {
    // A rating or journal line sent with the red flag is kept before the program pauses.
    const answer = expects === 'rating' && u.rating !== undefined ? [{ type: 'RATING' as const, value: u.rating }]
      : expects === 'text' ? [{ type: 'TEXT' as const, text: u.text }] : [];
    return [...answer, flagged];
  }
  const settings = parseSettingsCommand(u.text);
  if (settings) return [settingsEvents(settings)];
  return [answerFor(u, expects)];
}

function answerFor(u: Understanding, expects: Expectation | undefined): BareEvent {
  switch (expects) {
    case 'rating':
      if (u.rating !== undefined) return { type: 'RATING', value: u.rating };
      if (u.ratingUnclear) return { type: 'UNCLEAR_RATING' };
      break;
    case 'yesno':
      if (u.yesNo) return { type: u.yesNo === 'yes' ? 'YES' : 'NO' };
      break;
    case 'done':
      if (u.choices.length > 0) return { type: 'CHOOSE', choices: u.choices };
      break;
    case 'time':
      if (u.time) return { type: 'TIME', ...u.time };
      break;
    case 'zone':
      if (u.timeZone) return { type: 'ZONE', zone: u.timeZone };
      break;
    case 'text':
      if (u.command && ['skip', 'stop', 'pause', 'help', 'delete', 'export', 'progress'].includes(u.command)) break;
      if (u.yesNo === 'no' && u.text.split(/\s+/).length <= 3) return { type: 'SKIP' };
      // A question at the journal prompt is a question, not the day's journal line.
      if (u.topic && u.text.trim().endsWith('?')) return { type: 'TOPIC', id: u.topic };
      if (u.text.trim().length > 0) return { type: 'TEXT', text: u.text };
      break;
  }
  if (u.command) return { type: commandEvents[u.command] } as BareEvent;
  if (u.topic) return { type: 'TOPIC', id: u.topic };
  if (u.topicCandidates.length > 0) return { type: 'TOPIC_UNCLEAR', ids: u.topicCandidates };
  if (u.yesNo) return { type: u.yesNo === 'yes' ? 'YES' : 'NO' };
  return { type: 'UNKNOWN' };
}
