// The daily check-in as an iCalendar file (RFC 5545): one event a day at the person's local reminder time,
// with an alarm, so the reminder reaches them when no chat is open. Its words are discreet (a calendar can
// be seen by others) and come from flows/.
import { createHash } from 'node:crypto';

export interface CheckInCalendar {
  /** "HH:MM" local time. */
  time: string;
  /** IANA time zone. */
  timeZone: string;
  title: string;
  description: string;
  /** A stable id for this conversation's event (hashed, so no conversation key leaves in the file). */
  key: string;
  now: Date;
}

/** Escapes text for an iCalendar property value. */
const text = (value: string) => value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');

/** Lines longer than 75 octets are folded (continued on the next line after a space). */
function fold(line: string): string {
  const out: string[] = [];
  let rest = line;
  while (Buffer.byteLength(rest) > 75) {
    let cut = 75;
    while (Buffer.byteLength(rest.slice(0, cut)) > 75) cut -= 1;
    out.push(rest.slice(0, cut));
    rest = ` ${rest.slice(cut)}`;
  }
  out.push(rest);
  return out.join('\r\n');
}

const stamp = (date: Date) => date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');

/** The local date (YYYYMMDD) in the zone today, or tomorrow when today's time has passed. */
function firstDay(now: Date, timeZone: string, time: string): string {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .formatToParts(now).map((p) => [p.type, p.value]));
  const passed = `${parts.hour}:${parts.minute}` >= time;
  const day = new Date(Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day) + (passed ? 1 : 0)));
  return day.toISOString().slice(0, 10).replace(/-/g, '');
}

/** The file name a calendar file is offered under, on every channel. */
export const CALENDAR_FILE_NAME = 'gentlepath-check-in.ics';

/** The calendar file for a coach's calendar reply (its time, zone and words), for one conversation. */
export function calendarFileFor(attachment: { time: string; timeZone: string; title: string; description: string }, key: string, now: Date): string {
  return checkInCalendar({ time: attachment.time, timeZone: attachment.timeZone, title: attachment.title, description: attachment.description, key, now });
}

export function checkInCalendar(c: CheckInCalendar): string {
  const [hh, mm] = c.time.split(':');
  const uid = `${createHash('sha256').update(c.key).digest('hex').slice(0, 24)}@gentlepath`;
  const lines = [
    'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//GentlePath//Daily check-in//EN', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:${uid}`,
    `DTSTAMP:${stamp(c.now)}`,
    `DTSTART;TZID=${c.timeZone}:${firstDay(c.now, c.timeZone, c.time)}T${hh}${mm}00`,
    'DURATION:PT15M',
    'RRULE:FREQ=DAILY',
    `SUMMARY:${text(c.title)}`,
    `DESCRIPTION:${text(c.description)}`,
    'TRANSP:TRANSPARENT',
    'BEGIN:VALARM', 'ACTION:DISPLAY', `DESCRIPTION:${text(c.title)}`, 'TRIGGER:PT0M', 'END:VALARM',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return `${lines.map(fold).join('\r\n')}\r\n`;
}
