// Compares an Understanding with a table case's expectations; returns readable differences.
import type { Understanding } from '../../../src/coach/understand/understand.js';
import type { Case } from './cases.js';

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
  if (e.askedRedFlags !== undefined) eq('askedRedFlags', u.askedRedFlags, e.askedRedFlags);
  if (e.choices !== undefined) eq('choices', u.choices, e.choices);
  opt('time', e.time);
  opt('timeZone', e.timeZone);
  return problems;
}
