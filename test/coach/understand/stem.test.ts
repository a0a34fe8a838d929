import { describe, expect, it } from 'vitest';
import { stem } from '../../../src/coach/understand/stem.js';

const same = (...words: string[]) => new Set(words.map(stem)).size === 1;

describe('stem', () => {
  it('brings inflections of one word together', () => {
    expect(same('bleeding', 'bleeds', 'bleed', 'bled')).toBe(true);
    expect(same('burn', 'burns', 'burning', 'burned', 'burnt')).toBe(true);
    expect(same('spotting', 'spotted', 'spots')).toBe(true);
    expect(same('clench', 'clenches', 'clenched', 'clenching')).toBe(true);
    expect(same('bulge', 'bulges', 'bulging', 'bulged')).toBe(true);
    expect(same('smell', 'smells', 'smelling', 'smelt')).toBe(true);
    expect(same('sore', 'soreness')).toBe(true);
    expect(same('practice', 'practise', 'practising', 'practiced')).toBe(true);
    expect(same('painful', 'pain', 'painfully')).toBe(true);
  });
  it('brings British and American spellings together', () => {
    expect(same('odour', 'odor', 'odours')).toBe(true);
    expect(same('moisturiser', 'moisturizer')).toBe(true);
    expect(same('oestrogen', 'estrogen')).toBe(true);
  });
  it('keeps words apart that must stay apart', () => {
    expect(stem('painless')).not.toBe(stem('pain'));
    expect(stem('smelly')).not.toBe(stem('smell'));   // derivations keep their own meaning
    expect(stem('bloody')).not.toBe(stem('blood'));
    expect(stem('never')).not.toBe(stem('fever'));
    expect(stem('thrush')).not.toBe(stem('thrust'));
  });
  it('leaves short words, digits and odd input alone', () => {
    expect(stem('uti')).toBe('uti');
    expect(stem('10')).toBe('10');
    expect(stem('')).toBe('');
  });
});
