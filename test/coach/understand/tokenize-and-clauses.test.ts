import { describe, expect, it } from 'vitest';
import { tokenize } from '../../../src/coach/understand/tokenize.js';
import { segment } from '../../../src/coach/understand/clauses.js';
import { an } from './helpers.js';

const clausesOf = (text: string) => {
  const a = an(text);
  const out: string[][] = [];
  a.tokens.forEach((t, i) => {
    if (t.kind !== 'word') return;
    (out[a.seg.clause[i]!] ??= []).push(t.surface);
  });
  return out.filter(Boolean).map((c) => c.join(' '));
};

describe('tokenize', () => {
  it('splits words, numbers, punctuation and emoji', () => {
    expect(tokenize('3/10, 8pm 😭').map((t) => `${t.kind}:${t.surface}`)).toEqual(
      ['number:3', 'punct:/', 'number:10', 'punct:,', 'number:8', 'word:pm', 'emoji:😭']);
  });
  it('keeps decimals and clock times as one number', () => {
    expect(tokenize('3.5 and 8:30').map((t) => t.surface)).toEqual(['3.5', 'and', '8:30']);
  });
  it('turns hyphens inside words into spaces but keeps number ranges', () => {
    expect(tokenize('self-harm figure-4 2-3').map((t) => t.surface)).toEqual(['self', 'harm', 'figure', '4', '2', '-', '3']);
  });
  it('records offsets', () => {
    const [a, b] = tokenize('-2');
    expect([a!.start, a!.end, b!.start]).toEqual([0, 1, 1]);
  });
});

describe('segment (clauses)', () => {
  it('ends a clause at but, however, because and punctuation', () => {
    expect(clausesOf('no pain but some bleeding')).toEqual(['no pain', 'but some bleeding']);
    expect(clausesOf("i'm bleeding, is that normal")).toEqual(['i am bleeding', 'is that normal']);
  });
  it('keeps a bare list together so a negation distributes over it', () => {
    expect(clausesOf('no bleeding, fever or odour')).toEqual(['no bleeding fever or odour']);
    expect(clausesOf('no bleeding or fever')).toEqual(['no bleeding or fever']);
  });
  it('starts a clause at a new subject with a verb, not at an object', () => {
    expect(clausesOf('no bleeding i have a fever')).toEqual(['no bleeding', 'i have a fever']);
    expect(clausesOf('thinking about ending it all')).toEqual(['thinking about ending it all']);
    expect(clausesOf("doesn't look like it's bleeding")).toEqual(['does not look like it s bleeding'.replace(' s ', " 's ")]);
  });
  it('marks sentences that end with a question mark', () => {
    const seg = segment(tokenize('fine. bleeding?'));
    expect(seg.questionSentence[1]).toBe(true);
    expect(seg.questionSentence[0]).toBeFalsy();
  });
});
