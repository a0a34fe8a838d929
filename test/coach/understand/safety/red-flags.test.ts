import { describe, expect, it } from 'vitest';
import { understand } from '../../../../src/coach/understand/understand.js';
import { fixtureContent } from '../fixture-content.js';

const flags = (text: string) => { const u = understand(text, fixtureContent); return { redFlags: u.redFlags, maybeRedFlags: u.maybeRedFlags, asked: u.askedRedFlags }; };
/** A pause, or the kind question that pauses on "yes". */
const caught = (text: string) => { const r = flags(text); return [...r.redFlags, ...r.maybeRedFlags]; };

describe('red flags: reports are caught (a pause, or a kind question)', () => {
  it.each([
    ['bleeding a little', 'rf.bleeding'], ['spotting after practice', 'rf.bleeding'], ['I bled after the dilator', 'rf.bleeding'],
    ['some blood on the tissue', 'rf.bleeding'], ["I'm spotting", 'rf.bleeding'], ['smells fishy', 'rf.odour'],
    ['there is a fishy smell', 'rf.odour'], ['I think I have a fever', 'rf.fever'], ['got chills and a high temperature', 'rf.fever'],
    ['something is bulging out', 'rf.prolapse'], ['sharp pain', 'rf.sharp_pain'], ['the pain is getting worse', 'rf.sharp_pain'],
    ['no pain but some bleeding', 'rf.bleeding'], ["not in pain, I'm bleeding though", 'rf.bleeding'],
    ["it hasn't stopped bleeding", 'rf.bleeding'], ["the bleeding won't stop", 'rf.bleeding'], ['I CANNOT STOP BLEEDING', 'rf.bleeding'],
    ["I'm bleeding, is that normal?", 'rf.bleeding'], ['the pain still hasnt settled', 'rf.pain_not_settling'],
    // hedged, minimised, everyday words, durations, "no X but Y"
    ['a pink tinge on the tissue after', 'rf.bleeding'], ['no fever but there was blood on the swab', 'rf.bleeding'],
    ['something is sticking out at the opening', 'rf.prolapse'], ['it still hurts, since monday', 'rf.pain_not_settling'],
    ['the ache kept getting worse even after I stopped', 'rf.sharp_pain'], ['temp is 38.5 tonight', 'rf.fever'],
    ['it burns when i pee and the discharge is green', 'rf.infection'],
  ])('%j -> %s', (text, id) => {
    expect(caught(text)).toContain(id);
  });
});

describe('red flags: negated or resolved mentions never pause', () => {
  it.each([
    'no bleeding', "I'm not bleeding", "there's no fever", "fever's gone", 'the bleeding stopped', 'without any odour', 'never had a fever',
    'no bleeding or fever', 'no bleeding, fever or smelly discharge', 'bleeding: no', 'fever? none', 'no more bleeding', 'not bleeding anymore',
    'I stopped bleeding on Tuesday', 'bleeding has stopped completely', "I don't have a fever", "didn't notice any blood", 'fever free today',
    'nope, no bleeding and no fever', 'I have not had any spotting', 'zero bleeding this time',
  ])('%j -> nothing', (text) => {
    expect(flags(text).redFlags).toEqual([]);
    expect(flags(text).maybeRedFlags).toEqual([]);
  });
});

describe('red flags: unclear -> asked about or answered, never a pause', () => {
  it.each([
    ['what if I bleed?', 'rf.bleeding'], ['is it normal to spot a bit?', 'rf.bleeding'], ['maybe a little blood?', 'rf.bleeding'],
    ['should I worry about bleeding', 'rf.bleeding'], ["I'm scared I'll get an infection", 'rf.infection'],
    ['I used to get thrush years ago', 'rf.infection'], ['not sure if that was blood', 'rf.bleeding'],
    ["I don't think I'm bleeding", 'rf.bleeding'], ['not much bleeding', 'rf.bleeding'], ['barely any blood', 'rf.bleeding'],
    ['I noticed some bleding', 'rf.bleeding'], ['a bit feverrish', 'rf.fever'], ['I bled a bit yesterday but it stopped', 'rf.bleeding'],
    ['the bleeding stopped but now it is back', 'rf.bleeding'], ['bleeding is getting better', 'rf.bleeding'],
    ['my friend had a prolapse bulge after birth', 'rf.prolapse'],
    ['kind of a weird smelly discharge', 'rf.odour'],
  ])('%j -> ask or answer about %s', (text, id) => {
    const r = flags(text);
    expect(r.redFlags).not.toContain(id);
    expect([...r.maybeRedFlags, ...r.asked]).toContain(id);
  });
});

describe('red flags: questions about them are answered, not treated as a report', () => {
  it.each([
    ['how much bleeding is too much?', 'rf.bleeding'], ['what counts as a fever for this?', 'rf.fever'], ['which signs mean I should stop practising?', 'rf.bleeding'],
    ['when should I worry about a smell?', 'rf.odour'],
  ])('%j -> answered (%s)', (text, id) => {
    const r = flags(text);
    expect([...r.redFlags, ...r.maybeRedFlags]).toEqual([]);
    expect(r.asked).toContain(id);
  });
});

describe('red flags: bleeding explained by a period never pauses, unless the period is ruled out', () => {
  it('explained', () => {
    expect(flags('some blood but I am on my period').redFlags).toEqual([]);
    expect(caught('a bit of blood on the tissue, my period is not due for two weeks')).toContain('rf.bleeding');
  });
});

describe('red flags: everyday words are not symptoms', () => {
  it.each([
    'I found a good spot on the bed', 'there is a sore spot near the opening', 'never', 'the smaller size felt fine', 'I felt a bit of pressure to do it right',
    'a fewer number of breaths', 'the flood of relief was huge',
  ])('%j -> no clear flag', (text) => {
    expect(flags(text).redFlags).toEqual([]);
  });
});
