import { describe, expect, it } from 'vitest';
import { expandShorthand } from '../../../src/coach/understand/expand-shorthand.js';

describe('expandShorthand', () => {
  it('expands apostrophe contractions, negatives first', () => {
    expect(expandShorthand("i can't, it won't, i don't, i'm, we're, i've, i'll, i'd")).toBe('i can not, it will not, i do not, i am, we are, i have, i will, i would');
    expect(expandShorthand("fever's gone, there's no blood")).toBe("fever 's gone, there 's no blood");
    expect(expandShorthand("let's go")).toBe('let us go');
  });
  it('expands contractions typed without apostrophes', () => {
    expect(expandShorthand('im not bleeding and it doesnt hurt, cant relax')).toBe('i am not bleeding and it does not hurt, can not relax');
  });
  it('expands common chat shorthand', () => {
    expect(expandShorthand('idk tbh, pls help, gonna try tmrw w/o lube')).toBe('i do not know tbh, please help, going to try tomorrow without lube');
  });
  it('leaves prototype property names alone', () => {
    expect(expandShorthand('constructor __proto__ toString')).toBe('constructor __proto__ toString');
  });
});
