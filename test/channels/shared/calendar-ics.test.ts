// The daily check-in as an iCalendar file: the local time in the person's zone, every day, with an alarm,
// escaped and folded as RFC 5545 asks, starting tomorrow when today's time has passed.
import { describe, expect, it } from 'vitest';
import { checkInCalendar } from '../../../src/channels/shared/calendar-ics.js';

const base = { title: 'Check-in; quiet, minutes', description: 'Line one\nline two', key: 'web:abc', timeZone: 'Europe/Berlin' };

describe('check-in calendar file', () => {
  it('repeats daily at the local time in the zone, with an alarm, escaped and folded', () => {
    const ics = checkInCalendar({ ...base, time: '20:00', now: new Date('2026-11-28T10:00:00Z') });
    const lines = ics.split('\r\n');
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines).toContain('DTSTART;TZID=Europe/Berlin:20261128T200000');
    expect(lines).toContain('RRULE:FREQ=DAILY');
    expect(lines).toContain('SUMMARY:Check-in\\; quiet\\, minutes');
    expect(lines).toContain('DESCRIPTION:Line one\\nline two');
    expect(lines).toContain('BEGIN:VALARM');
    expect(ics).not.toContain('web:abc');
    for (const line of lines) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    const long = checkInCalendar({ ...base, description: 'x'.repeat(200), time: '20:00', now: new Date('2026-11-28T10:00:00Z') });
    expect(long.split('\r\n').filter((l) => l.startsWith(' ')).length).toBeGreaterThan(1);
  });

  it('starts tomorrow when today\'s time has passed in that zone', () => {
    // 19:30 UTC is 20:30 in Berlin: today's 20:00 is gone.
    expect(checkInCalendar({ ...base, time: '20:00', now: new Date('2026-11-28T19:30:00Z') })).toContain('DTSTART;TZID=Europe/Berlin:20261129T200000');
    // Late evening UTC is already the next day in Tokyo.
    expect(checkInCalendar({ ...base, timeZone: 'Asia/Tokyo', time: '08:00', now: new Date('2026-11-28T23:30:00Z') })).toContain('DTSTART;TZID=Asia/Tokyo:20261130T080000');
  });
});
