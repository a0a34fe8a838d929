import { describe, expect, it } from 'vitest';
import { parseYesNo } from '../../../src/coach/understand/parse-yes-no.js';
import { an } from './helpers.js';

const yn = (text: string) => parseYesNo(an(text));

describe('parseYesNo', () => {
  it.each(['yes', 'Yes!', 'yeah', 'yep', 'yup', 'sure', 'ok', 'okay', 'OK thanks', 'I agree', 'sounds good', '👍', '👍🏽', 'yes please',
    'of course', 'absolutely', 'yeah sure', 'alright', 'fine', 'go ahead', 'no problem', 'I do', 'yh', 'y'])('%j is yes', (t) => {
    expect(yn(t)).toBe('yes');
  });
  it.each(['no', 'nope', 'nah', 'not really', "I'd rather not", 'no thanks', 'no thank you', 'not yet', 'not at all', '👎', 'none',
    'no bleeding', 'No, it was fine', "I don't", "I'm not bleeding", 'never', 'negative'])('%j is no', (t) => {
    expect(yn(t)).toBe('no');
  });
  it.each(['not sure', 'maybe', 'idk', "I don't know", 'yes and no', 'ok so I tried the dilator and it burned', 'it was ok I guess',
    'right now it burns', 'good morning', 'no idea', 'hello', '3', 'I am bleeding a lot'])('%j is neither', (t) => {
    expect(yn(t)).toBeUndefined();
  });
});
