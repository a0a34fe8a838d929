// Reminder and timer requests: "snooze", "pause reminders for 3 days", "reminders off", "change my reminder", "start a timer",
// "add it to my calendar".
// Deliberately narrow: these change what the coach does later, so they need the user to name reminders or timers.
export type SettingsCommand =
  | { kind: 'snooze' }
  | { kind: 'pauseReminders'; days: number }
  | { kind: 'remindersOff' }
  | { kind: 'changeReminder' }
  | { kind: 'startTimer' }
  | { kind: 'calendar' };

const numberWords: Record<string, number> = { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, ten: 10, fourteen: 14, couple: 2, few: 3 };
const REMINDER = /\b(remind(er|ers)?|check[- ]?ins?|notifications?|messages?)\b/;

export function parseSettingsCommand(text: string): SettingsCommand | undefined {
  const t = text.toLowerCase().replace(/[^a-z0-9\s'-]/g, ' ').replace(/\s+/g, ' ').trim();
  if (t.split(' ').length > 14) return undefined;
  if (/^(snooze|remind me (again )?(later|in an hour))\b/.test(t)) return { kind: 'snooze' };
  if (/\b(start|set|run)( a| the)? timer\b|^timer$|\btime me\b/.test(t)) return { kind: 'startTimer' };
  // "add it to my calendar", "calendar file", "send me the ics": the daily check-in as a calendar file.
  if (/^(the |my )?calendar( file| invite| event)?$|\b(add|put|send|give|download|export|sync|save)\b( [a-z']+){0,4} calendar\b|\bcalendar (file|invite|event|entry)\b|\b(ics|ical)\b/.test(t)) return { kind: 'calendar' };
  const pause = /\b(pause|stop|hold|mute|no)\b.*\bfor (a |an |the next )?(\d+|[a-z]+) (day|days|week|weeks)\b/.exec(t);
  if (pause && REMINDER.test(t)) {
    const n = /^\d+$/.test(pause[3]!) ? Number(pause[3]) : numberWords[pause[3]!];
    if (n && n > 0 && n <= 90) return { kind: 'pauseReminders', days: pause[4]!.startsWith('week') ? n * 7 : n };
  }
  if (REMINDER.test(t) && /\b(off|stop|disable|no more|turn off|don't|do not|unsubscribe)\b/.test(t)) return { kind: 'remindersOff' };
  if (REMINDER.test(t) && /\b(change|move|different|new|update|set|edit)\b/.test(t)) return { kind: 'changeReminder' };
  return undefined;
}
