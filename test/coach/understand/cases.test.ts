// The table of realistic messages (cases.ts) against the fixture content.
import { describe, expect, it } from 'vitest';
import { understand } from '../../../src/coach/understand/understand.js';
import { fixtureContent } from './fixture-content.js';
import { cases } from './cases.js';
import { check } from './check-case.js';

describe('understand: realistic messages (fixture content)', () => {
  it('has a wide table (at least 120 cases)', () => {
    expect(cases.length).toBeGreaterThanOrEqual(120);
  });
  for (const c of cases) {
    const test = c.knownGap ? it.fails : it;
    test(`${c.heldOut ? '[held out] ' : ''}${c.knownGap ? '[known gap] ' : ''}${JSON.stringify(c.msg).slice(0, 90)}`, () => {
      const u = understand(c.msg, fixtureContent, c.options ? { choiceNames: c.options } : undefined);
      expect(check(c, u), JSON.stringify(u)).toEqual([]);
    });
  }
});
