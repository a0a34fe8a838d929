import { describe, expect, it } from 'vitest';
import { understand } from '../../../../src/coach/understand/understand.js';
import { fixtureContent } from '../fixture-content.js';

/** Caught: the crisis reply (clear) or the kind crisis question (possible). */
const crisis = (text: string) => { const u = understand(text, fixtureContent); return u.crisis || u.maybeCrisis !== undefined; };
const clear = (text: string) => understand(text, fixtureContent).crisis;

describe('crisis: caught (the crisis reply, or one kind question when unsure)', () => {
  // conservative on purpose: questions, hypotheticals and "I'm not going to ... but" are at least asked about
  it.each([
    'I want to kill myself', 'i want to die', 'sometimes I think about ending it all', 'I have been self-harming... I mean self harm',
    'my partner hits me', 'he forced me', "I don't feel safe at home", 'this is an emergency', 'I feel suicidal', 'having suicidel thoughts',
    "I don't want to live anymore", 'is this app for suicidal people?', 'I might hurt myself', "I'm not going to kill myself but I think about it",
    'better off dead honestly', 'I KILL MYSELF', 'k i l l myself? no: I want to kill myself',
  ])('%j is a crisis', (text) => {
    expect(crisis(text)).toBe(true);
  });
  it.each([
    "I'm not suicidal, just frustrated", 'this is not an emergency, just a question', 'the burning is annoying', 'I am fine',
    'my partner helps me breathe', 'honestly not much felt safe today', 'is it going to hurt me the first time?',
    // idioms, worries, the past that is over, someone else's death
    'this stretch is killing me', "i'm dying to know if size 3 gets easier", 'shoot me, i forgot to practise again',
    'my partner might leave me over this and it scares me', 'will this make sex hurt forever?', 'my grandma died last year and I miss her',
    'I self harmed as a teenager but I have been well for ten years', 'he is so patient, he never pushes me', 'my hamstrings want me dead after that',
  ])('%j is not a crisis', (text) => {
    expect(crisis(text)).toBe(false);
  });
});

describe('crisis: clear cases get the crisis reply at once', () => {
  it.each([
    'I want to kill myself', 'i want to end my life', 'better off dead honestly', 'i cut myself again last night', 'he forced me',
    'thinking about taking all my pills tonight', "I don't want to live anymore", 'my partner hits me',
  ])('%j', (text) => {
    expect(clear(text)).toBe(true);
  });
});

describe('marks of an injury on one\'s own body that nothing explains: one kind question, not the crisis reply', () => {
  it.each([
    'my thighs are covered in plasters again, told my gf it was the gym',
    'fresh marks on my arm. nobody knows',
    'hiding the scars on my arms from my partner is a full time job',
  ])('%j is asked about', (text) => {
    const u = understand(text, fixtureContent);
    expect(u.maybeCrisis).toBe('self');
    expect(u.crisis).toBe(false);
  });
  it.each([
    'bruised my knee at the gym lol, practice went fine, a 1',
    'new blister on my heel from my work shoes',
    'had my c-section scar checked, all fine',
  ])('%j is not asked about', (text) => {
    const u = understand(text, fixtureContent);
    expect(u.crisis || u.maybeCrisis !== undefined).toBe(false);
  });
  it('someone else leaving the marks is the abuse rules\' part: the crisis reply', () => {
    expect(understand('he left bruises on my arm last night', fixtureContent).crisis).toBe(true);
  });
});

describe('said but not meant about oneself now: at most one kind question, never the crisis reply', () => {
  it.each([
    // a denial reaching through "having any thoughts of"
    "I'm not having any thoughts of ending my life, before you ask. just really frustrated",
    // a question someone else asked, told and answered
    'my therapist asked if I have had thoughts of suicide and honestly no, none',
    'my counsellor asked if I had been hurting myself and I have not, not once',
    // someone else's
    'my teenage daughter is self-harming and I am trying to get her proper help',
    "my friend's sister died by suicide last year",
  ])('%j', (text) => {
    expect(clear(text)).toBe(false);
  });
  it.each([
    'he told me to kill myself', 'my husband keeps telling me i should kms', 'no thoughts of suicide but I have been hurting myself again',
  ])('%j still gets the crisis reply', (text) => {
    expect(clear(text)).toBe(true);
  });
});
