import { describe, expect, it } from 'vitest';
import { parseRating } from '../../../src/coach/understand/parse-rating.js';
import { an } from './helpers.js';

const rating = (text: string) => parseRating(an(text)).rating;
const unclear = (text: string) => parseRating(an(text)).unclear;

describe('parseRating', () => {
  it.each([
    ['3', 3], ['3/10', 3], ['3 / 10', 3], ['3 out of 10', 3], ['3 of 10', 3], ['two', 2], ['about a 2', 2], ['maybe a 2', 2],
    ['0', 0], ['zero', 0], ['10/10', 10], ['it was a 4 during', 4], ["I'd say 5", 5], ['3ish', 3], ['like a 6', 6],
    ['rate it 7', 7], ['pain level 2', 2], ['ten', 10], ['eight. it was awful', 8], ['3.5', 4], ['2.0/10', 2],
  ])('%j -> %i', (text, want) => {
    expect(rating(text)).toBe(want);
  });

  it('takes the higher number of a range (safety)', () => {
    expect(rating('2-3')).toBe(3);
    expect(rating('2 or 3')).toBe(3);
    expect(rating('2 to 3')).toBe(3);
    expect(rating('between 1 and 2')).toBe(2);
    expect(rating('4-5/10')).toBe(5);
  });

  it('treats a wide range as unclear', () => {
    expect(rating('anywhere from 1 to 8')).toBeUndefined();
    expect(unclear('anywhere from 1 to 8')).toBe(true);
  });

  it('reads "no pain" style answers as 0', () => {
    for (const t of ['no pain', 'none', 'nothing', 'pain free', 'painless', "didn't hurt at all", 'no pain at all!', 'zero pain', 'none at all']) {
      expect(rating(t), t).toBe(0);
    }
  });

  it('reads "not much pain" as unclear, not 0', () => {
    expect(rating("it didn't hurt much")).toBeUndefined();
    expect(unclear("it didn't hurt much")).toBe(true);
    expect(rating('not a lot of pain')).toBeUndefined();
  });

  it('ignores numbers that are something else', () => {
    for (const t of ['for 5 minutes', 'size 3 dilator', 'day 2', 'at 8pm', 'step 3', 'did 3 rounds', '2 weeks ago', 'I held it 30 seconds',
      'x3', 'I have 2 kids', 'on day 4 of step 2', '8:30', '7am']) {
      expect(rating(t), t).toBeUndefined();
    }
  });

  it('ignores numbers outside 0-10 and negatives', () => {
    for (const t of ['11', '15', '-2', '-1/10', '100']) expect(rating(t), t).toBeUndefined();
    expect(unclear('11/10')).toBe(true);
  });

  it('prefers the rating phrase over other numbers', () => {
    expect(rating('held for 5 minutes and it was maybe a 1')).toBe(1);
    expect(rating('size 3 dilator, pain was 2')).toBe(2);
    expect(rating('on a scale of 0 to 10 I would say 4')).toBe(4);
    expect(rating('after 20 minutes it was a 3/10')).toBe(3);
  });

  it('takes the highest of several stated ratings', () => {
    expect(rating('2 during and 4 after')).toBe(4);
  });

  it('does not read a number word from a phrase as a rating', () => {
    for (const t of ['one more time', 'the first one', 'no one told me', 'this one hurt', 'one of them', 'I did two']) {
      expect(rating(t), t).toBeUndefined();
    }
  });

  it('flags pain words without a number as unclear', () => {
    for (const t of ['mild', 'pretty bad', 'it hurt', 'uncomfortable', 'a bit sore']) expect(unclear(t), t).toBe(true);
    expect(unclear('all good thanks')).toBe(false);
  });

  it('does not treat two bare numbers as a rating', () => {
    expect(rating('1 and 3')).toBeUndefined();
  });
});
