import { describe, expect, it } from 'vitest';
import { parseTime } from '../../../src/coach/understand/parse-time.js';
import { an } from './helpers.js';

const time = (text: string) => parseTime(an(text));
const hm = (hour: number, minute = 0) => ({ hour, minute });

describe('parseTime', () => {
  it.each([
    ['8pm', hm(20)], ['8 pm', hm(20)], ['8 p.m.', hm(20)], ['8am', hm(8)], ['12am', hm(0)], ['12pm', hm(12)], ['20:00', hm(20)],
    ['8:30pm', hm(20, 30)], ['8.30 in the evening', hm(20, 30)], ['half past 7 pm', hm(19, 30)], ['quarter past 8 in the morning', hm(8, 15)],
    ['quarter to 10 at night', hm(21, 45)], ['noon', hm(12)], ['midnight', hm(0)], ['7 in the morning', hm(7)], ['around 9 tonight', hm(21)],
    ['at 8', hm(8)], ['19h30', hm(19, 30)], ['9 oclock', hm(9)], ["9 o'clock in the evening", hm(21)], ['eight pm', hm(20)],
    ['half seven in the evening', hm(19, 30)], ['tonight at 9', hm(21)], ['remind me at 7:15 am', hm(7, 15)],
    ['change it from 8pm to 9pm', hm(21)], ['8 30 pm', hm(20, 30)], ['evenings around 8', hm(20)],
  ])('%j -> %j', (text, want) => {
    expect(time(text)).toEqual(want);
  });
  it.each(['3', '3/10', '2-3', 'for 5 minutes', 'day 2', 'size 3', 'I held it 30 seconds', 'it was a 4 during', '25:00', '13pm', 'hello'])(
    '%j is not a time', (text) => {
      expect(time(text)).toBeUndefined();
    });
});
