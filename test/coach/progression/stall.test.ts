// Stall (PROGRAM-RULES 3): after stall.days (42) without an advance, recommend a pelvic health PT,
// counting from the start when there was no advance yet; coaching goes on, and we do not repeat
// the suggestion until another 42 days have passed.
import { describe, expect, it } from 'vitest';
import { shouldSuggestSpecialist } from '../../../src/coach/progression/stall.js';
import { PARAMS, day, progressAt, withParams } from './params.js';

const atStep2 = (change = {}) => progressAt({ step: 2, dilatorSize: null }, day(1), change);

describe('stall: no advance for 42 days', () => {
  it('counts from the start of the program when there was no advance yet', () => {
    expect(shouldSuggestSpecialist(atStep2(), day(1), PARAMS)).toBe(false);
    expect(shouldSuggestSpecialist(atStep2(), day(42), PARAMS)).toBe(false); // 41 days since the start
    expect(shouldSuggestSpecialist(atStep2(), day(43), PARAMS)).toBe(true); // 42 days since the start
    expect(shouldSuggestSpecialist(atStep2(), day(100), PARAMS)).toBe(true);
  });

  it('counts from the last advance when there was one', () => {
    const progress = atStep2({ lastAdvanceDay: day(30) });
    expect(shouldSuggestSpecialist(progress, day(43), PARAMS)).toBe(false);
    expect(shouldSuggestSpecialist(progress, day(71), PARAMS)).toBe(false);
    expect(shouldSuggestSpecialist(progress, day(72), PARAMS)).toBe(true);
  });

  it('a step back does not reset the count: only an advance does', () => {
    // levelSince moves with a step back; the stall clock does not.
    const progress = atStep2({ levelSince: day(40), spikeDays: [day(39)] });
    expect(shouldSuggestSpecialist(progress, day(43), PARAMS)).toBe(true);
  });

  it('is not suggested again until another 42 days have passed', () => {
    const told = atStep2({ stallNotifiedDay: day(43) });
    expect(shouldSuggestSpecialist(told, day(43), PARAMS)).toBe(false);
    expect(shouldSuggestSpecialist(told, day(44), PARAMS)).toBe(false);
    expect(shouldSuggestSpecialist(told, day(84), PARAMS)).toBe(false); // 41 days after the suggestion
    expect(shouldSuggestSpecialist(told, day(85), PARAMS)).toBe(true); // 42 days after it
  });

  it('after an advance, the next suggestion waits for a new 42-day stall', () => {
    const progress = atStep2({ stallNotifiedDay: day(43), lastAdvanceDay: day(60) });
    expect(shouldSuggestSpecialist(progress, day(85), PARAMS)).toBe(false); // told 42 days ago, but advanced 25 days ago
    expect(shouldSuggestSpecialist(progress, day(102), PARAMS)).toBe(true); // 42 days since the advance
  });

  it('follows the stall.days parameter (a clinician may choose 28)', () => {
    const params = withParams((p) => { p.stall.days = 28; });
    expect(shouldSuggestSpecialist(atStep2(), day(28), params)).toBe(false);
    expect(shouldSuggestSpecialist(atStep2(), day(29), params)).toBe(true);
  });
});
