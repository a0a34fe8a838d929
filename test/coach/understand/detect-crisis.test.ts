import { describe, expect, it } from 'vitest';
import { detectCrisis } from '../../../src/coach/understand/detect-crisis.js';
import { indexContent } from '../../../src/coach/understand/content-index.js';
import { fixtureContent } from './fixture-content.js';
import { an } from './helpers.js';

const crisis = (text: string) => detectCrisis(an(text), indexContent(fixtureContent).crisis);

describe('detectCrisis', () => {
  // conservative on purpose: questions, hypotheticals and "I'm not going to ... but" all count
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
  ])('%j is not a crisis', (text) => {
    expect(crisis(text)).toBe(false);
  });
});
