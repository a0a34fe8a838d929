// Property: a clear crisis or red-flag sentence, with any other everyday text before or after it, at any
// prompt the coach may be showing, always leads to the crisis reply or the pause (or, for the possible class,
// the kind question). Nothing the person was asked can outrank it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toEvents } from '../../../../src/coach/to-events.js';
import { understand } from '../../../../src/coach/understand/understand.js';
import { loadContent } from '../../../../src/content/load-content.js';
import type { Expectation } from '../../../../src/coach/session/session-types.js';

const content = loadContent();
const CRISIS = ['i want to kill myself', 'i have been cutting my arms again', 'he forced me to have sex last night', 'i am going to take all my pills tonight',
  'i just want to die', 'my husband hits me when i say no', "i don't want to be alive anymore", 'kms honestly'];
const RED_FLAGS = ['there was blood on the dilator', 'i have a fever of 38.6', 'there is a bulge at the opening', 'the discharge is green and smells bad',
  'the pain has not settled for three days', 'it burns when i pee and i keep needing to go', 'sharp pain that keeps getting worse'];
const FILLER = ['did the breathing today', 'during 1 after 2', 'ok', 'the hip openers felt nice', 'i am a bit tired', 'yes', 'no', 'done', 'thanks',
  'my partner made dinner', 'what lube do you recommend?', '8pm', 'Berlin', 'skip', 'lol', '3', 'the swab step went fine'];
const EXPECTS: Array<Expectation | undefined> = ['rating', 'yesno', 'text', 'done', 'time', 'zone', 'start', undefined];

const text = (core: fc.Arbitrary<string>) => fc.tuple(fc.array(fc.constantFrom(...FILLER), { maxLength: 3 }), core, fc.array(fc.constantFrom(...FILLER), { maxLength: 3 }), fc.constantFrom('. ', ', ', '! ', '\n'))
  .map(([before, c, after, sep]) => [...before, c, ...after].join(sep));

describe('safety wins over whatever the coach was asking', () => {
  it('a clear crisis sentence anywhere in a message gets the crisis reply or the kind question', () => {
    fc.assert(fc.property(text(fc.constantFrom(...CRISIS)), fc.constantFrom(...EXPECTS), (msg, expects) => {
      const types = toEvents(understand(msg, content), expects).map((e) => e.type);
      expect(types.includes('CRISIS') || types.includes('MAYBE_CRISIS'), `${msg} @ ${expects}`).toBe(true);
    }), { numRuns: 400, seed: 10 });
  });

  it('a clear red-flag sentence anywhere in a message pauses or asks', () => {
    fc.assert(fc.property(text(fc.constantFrom(...RED_FLAGS)), fc.constantFrom(...EXPECTS), (msg, expects) => {
      const types = toEvents(understand(msg, content), expects).map((e) => e.type);
      expect(types.some((t) => ['RED_FLAG', 'MAYBE_RED_FLAG', 'CRISIS', 'MAYBE_CRISIS'].includes(t)), `${msg} @ ${expects}`).toBe(true);
    }), { numRuns: 400, seed: 10 });
  });
});
