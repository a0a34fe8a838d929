import { describe, expect, it } from 'vitest';
import { withinOneEdit } from '../../../src/coach/understand/edit-distance.js';

describe('withinOneEdit', () => {
  it('accepts one insertion, deletion, substitution or neighbour swap', () => {
    expect(withinOneEdit('bleding', 'bleeding')).toBe(true);
    expect(withinOneEdit('fevr', 'fever')).toBe(true);
    expect(withinOneEdit('infextion', 'infection')).toBe(true);
    expect(withinOneEdit('bleeidng', 'bleeding')).toBe(true);
    expect(withinOneEdit('same', 'same')).toBe(true);
  });
  it('rejects two edits', () => {
    expect(withinOneEdit('bldeing', 'bleeding')).toBe(false);
    expect(withinOneEdit('fver', 'fevers')).toBe(false);
    expect(withinOneEdit('', 'ab')).toBe(false);
  });
});
