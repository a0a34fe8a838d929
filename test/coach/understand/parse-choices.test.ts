import { describe, expect, it } from 'vitest';
import { parseChoices } from '../../../src/coach/understand/parse-choices.js';
import { hipOptions } from './fixture-content.js';
import { an } from './helpers.js';

const pick = (text: string, options: string[] | undefined = hipOptions) => parseChoices(an(text), options);
const pickWithout = (text: string) => parseChoices(an(text), undefined);

describe('parseChoices', () => {
  it.each([
    ['1 and 3', [1, 3]], ['1,3', [1, 3]], ['1 & 2', [1, 2]], ['2', [2]], ['option 2 and option 3', [2, 3]], ['#1 #3', [1, 3]],
    ['first and last', [1, 3]], ['the second and third', [2, 3]], ['1st and 2nd', [1, 2]], ['one and three', [1, 3]],
    ["child's pose and figure 4", [1, 3]], ['happy baby, figure four', [2, 3]], ['childs pose + happy baby pls', [1, 2]],
    ['figure-4 and the baby one', [3, 2]], ['chlid pose and hapy baby', [1, 2]], ['all of them', [1, 2, 3]],
    ['not happy baby', [1, 3]], ['anything but figure 4', [1, 2]], ['happy baby and child pose, not figure 4', [2, 1]],
  ])('%j -> %j', (text, want) => {
    expect(pick(text)).toEqual(want);
  });
  it('ignores numbers outside the list and numbers that are not picks', () => {
    expect(pick('4 and 5')).toEqual([]);
    expect(pick('3/10')).toEqual([]);
    expect(pick('2 minutes')).toEqual([]);
  });
  it('returns nothing without options', () => {
    expect(pickWithout('1 and 3')).toEqual([]);
    expect(pick('1 and 3', [])).toEqual([]);
  });
  it('reads "both" for two options', () => {
    expect(pick('both', ['Side-lying', 'On top'])).toEqual([1, 2]);
  });
});
