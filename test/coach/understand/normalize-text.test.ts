import { describe, expect, it } from 'vitest';
import { cleanText, foldText, MAX_TEXT_LENGTH } from '../../../src/coach/understand/normalize-text.js';

describe('cleanText', () => {
  it('strips zero-width, bidi, BOM, soft hyphen and control characters', () => {
    expect(cleanText('y\u200Be\u200Ds\uFEFF')).toBe('yes');
    expect(cleanText('\u202Estop\u202C')).toBe('stop');
    expect(cleanText('\u2066no\u2069 \u00ADbleeding\u0007')).toBe('no bleeding');
    expect(cleanText('a\u0000b\u001Fc\u007Fd')).toBe('abcd');
  });
  it('folds every kind of whitespace to one space and trims', () => {
    expect(cleanText('  no\t\tpain\n\nat\u00A0all\u2028 ')).toBe('no pain at all');
  });
  it('removes lone surrogates but keeps emoji', () => {
    expect(cleanText('ok \uD800 👍')).toBe('ok 👍');
  });
  it('caps at 2000 code units without splitting a surrogate pair', () => {
    expect(cleanText('a'.repeat(5000))).toHaveLength(MAX_TEXT_LENGTH);
    const emoji = cleanText('a' + '😀'.repeat(3000));
    expect(emoji.length).toBeLessThanOrEqual(MAX_TEXT_LENGTH);
    expect(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(emoji)).toBe(false); // no half pairs
  });
  it('returns an empty string for non-strings and empty input', () => {
    expect(cleanText('')).toBe('');
    expect(cleanText(undefined)).toBe('');
    expect(cleanText(42)).toBe('');
    expect(cleanText('\u200B\u200B')).toBe('');
  });
});

describe('foldText', () => {
  it('lower-cases, removes accents, makes quotes and dashes ASCII', () => {
    expect(foldText('I’m “NOT” bleeding – Café')).toBe(`i'm "not" bleeding - cafe`);
  });
  it('turns full-width digits and keycaps into plain digits', () => {
    expect(foldText('３/１０')).toBe('3/10');
    expect(foldText('3\u20E3')).toBe('3');
  });
  it('reads text emoticons as emoji, but not clock times or links', () => {
    expect(foldText('0 :)')).toBe('0 🙂');
    expect(foldText('ok :-( really')).toBe('ok 🙁 really');
    expect(foldText('<3 xD')).toBe('🙂 🙂');
    expect(foldText('at 8:30 see http://x.org')).toBe('at 8:30 see http://x.org');
  });
  it('drops emoji skin tones', () => {
    expect(foldText('👍🏽')).toBe('👍');
  });
});
