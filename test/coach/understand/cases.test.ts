// The table of realistic messages (cases.ts) against the fixture content.
import { describe, expect, it } from 'vitest';
import { understand, type Understanding } from '../../../src/coach/understand/understand.js';
import { fixtureContent } from './fixture-content.js';
import { cases, type Case } from './cases.js';

export function check(c: Case, u: Understanding): string[] {
  const e = c.expect;
  const problems: string[] = [];
  const eq = (name: string, got: unknown, want: unknown) => {
    if (JSON.stringify(got) !== JSON.stringify(want)) problems.push(`${name}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
  };
  const opt = (name: keyof Understanding, want: unknown) => {
    if (want === undefined) return;
    eq(name, u[name] ?? null, want);
  };
  opt('rating', e.rating);
  if (e.ratingUnclear !== undefined) eq('ratingUnclear', u.ratingUnclear ?? false, e.ratingUnclear);
  opt('yesNo', e.yesNo);
  opt('command', e.command);
  opt('topic', e.topic);
  if (e.topicIn !== undefined && u.topic !== e.topicIn && !u.topicCandidates.includes(e.topicIn)) {
    problems.push(`topicIn: ${e.topicIn} not in topic ${u.topic} / candidates ${JSON.stringify(u.topicCandidates)}`);
  }
  eq('crisis', u.crisis, e.crisis ?? false);
  eq('redFlags', u.redFlags, e.redFlags ?? []);
  if (e.maybeRedFlags !== 'any') eq('maybeRedFlags', u.maybeRedFlags, e.maybeRedFlags ?? []);
  if (e.choices !== undefined) eq('choices', u.choices, e.choices);
  opt('time', e.time);
  opt('timeZone', e.timeZone);
  return problems;
}

describe('understand: realistic messages (fixture content)', () => {
  it('has a wide table (at least 120 cases)', () => {
    expect(cases.length).toBeGreaterThanOrEqual(120);
  });
  for (const c of cases) {
    it(`${c.heldOut ? '[held out] ' : ''}${JSON.stringify(c.msg).slice(0, 90)}`, () => {
      const u = understand(c.msg, fixtureContent, c.options ? { choiceNames: c.options } : undefined);
      expect(check(c, u), JSON.stringify(u)).toEqual([]);
    });
  }
});
