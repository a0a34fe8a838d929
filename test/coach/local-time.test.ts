// A check-in set for 20:00 Europe/Berlin arrives at 20:00 local on both sides of a DST change.
import { describe, expect, it } from 'vitest';
import { instantAt, localDay, nextLocalTime } from '../../src/coach/local-time.js';

const berlinClock = (d: Date) => d.toLocaleTimeString('en-GB', { timeZone: 'Europe/Berlin', hour: '2-digit', minute: '2-digit' });

describe('local wall-clock times', () => {
  it('keeps 20:00 Berlin across the autumn change (UTC+2 -> UTC+1)', () => {
    expect(instantAt('2026-10-24', '20:00', 'Europe/Berlin').toISOString()).toBe('2026-10-24T18:00:00.000Z');
    expect(instantAt('2026-10-25', '20:00', 'Europe/Berlin').toISOString()).toBe('2026-10-25T19:00:00.000Z');
  });

  it('keeps 20:00 Berlin across the spring change (UTC+1 -> UTC+2)', () => {
    expect(instantAt('2026-03-28', '20:00', 'Europe/Berlin').toISOString()).toBe('2026-03-28T19:00:00.000Z');
    expect(instantAt('2026-03-29', '20:00', 'Europe/Berlin').toISOString()).toBe('2026-03-29T18:00:00.000Z');
  });

  it('walks a daily reminder day by day through a DST change, always at 20:00 local', () => {
    let at = new Date('2026-10-20T12:00:00Z');
    const seen: string[] = [];
    for (let i = 0; i < 10; i += 1) {
      at = nextLocalTime(at, '20:00', 'Europe/Berlin');
      seen.push(berlinClock(at));
    }
    expect(new Set(seen)).toEqual(new Set(['20:00']));
    expect(localDay(at, 'Europe/Berlin')).toBe('2026-10-29');
  });

  it('works for zones west of UTC and across midnight UTC', () => {
    expect(instantAt('2026-11-23', '20:00', 'America/New_York').toISOString()).toBe('2026-11-24T01:00:00.000Z');
    expect(localDay(new Date('2026-11-24T01:00:00Z'), 'America/New_York')).toBe('2026-11-23');
    expect(nextLocalTime(new Date('2026-11-24T01:00:00Z'), '20:00', 'America/New_York').toISOString()).toBe('2026-11-25T01:00:00.000Z');
  });

  it('moves a time that does not exist on the spring-forward night to a real instant', () => {
    const at = instantAt('2026-03-29', '02:30', 'Europe/Berlin');
    expect(Number.isNaN(at.getTime())).toBe(false);
    expect(localDay(at, 'Europe/Berlin')).toBe('2026-03-29');
  });
});
