import { describe, expect, it } from 'vitest';
import { parseTimeZone } from '../../../src/coach/understand/parse-time-zone.js';
import { an } from './helpers.js';

const zone = (text: string) => parseTimeZone(an(text));

describe('parseTimeZone', () => {
  it.each([
    ['Europe/Berlin', 'Europe/Berlin'], ['america/new_york', 'America/New_York'], ['berlin', 'Europe/Berlin'], ['BERLIN', 'Europe/Berlin'],
    ['I live in New York', 'America/New_York'], ['los angeles', 'America/Los_Angeles'], ['São Paulo', 'America/Sao_Paulo'],
    ['UTC', 'UTC'], ['London time', 'Europe/London'], ['uk', 'Europe/London'], ['pst', 'America/Los_Angeles'],
    ['pacific time', 'America/Los_Angeles'], ['eastern time', 'America/New_York'], ['EST', 'America/New_York'], ['CET', 'Europe/Berlin'],
    ['IST', 'Asia/Kolkata'], ["I'm in sydney australia", 'Australia/Sydney'], ['AEST', 'Australia/Sydney'], ['germany', 'Europe/Berlin'],
    ['nyc', 'America/New_York'], ['I am in Munich', 'Europe/Berlin'], ['utc+2', 'Etc/GMT-2'], ['GMT-5', 'Etc/GMT+5'],
    ['hong kong', 'Asia/Hong_Kong'], ['ho chi minh city', 'Asia/Ho_Chi_Minh'], ['9pm berlin time', 'Europe/Berlin'],
  ])('%j -> %s', (text, want) => {
    expect(zone(text)).toBe(want);
  });
  it.each(['I wake up early', 'happy easter', 'christmas was hard', 'central pain', 'the pacific ocean is lovely', 'us', 'I am wet', 'hello', '3'])(
    '%j has no zone', (text) => {
      expect(zone(text)).toBeUndefined();
    });
  it('only returns ids that Intl accepts', () => {
    for (const t of ['berlin', 'utc+14', 'utc+15', 'Mars/Olympus', 'europe/atlantis']) {
      const z = zone(t);
      if (z !== undefined) expect(() => new Intl.DateTimeFormat('en', { timeZone: z })).not.toThrow();
    }
    expect(zone('Mars/Olympus')).toBeUndefined();
  });
});
