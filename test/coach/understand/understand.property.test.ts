// understand() never throws and always returns well-formed output, whatever it is given.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { understand, type Understanding } from '../../../src/coach/understand/understand.js';
import { fixtureContent, hipOptions } from './fixture-content.js';

const COMMANDS = new Set(['start', 'stop', 'pause', 'continue', 'help', 'progress', 'done', 'skip', 'repeat', 'export', 'delete', 'disclaimer', 'evaluated', 'back']);
const FLAG_IDS = new Set(fixtureContent.red_flags.map((f) => f.id));
const TOPIC_IDS = new Set([...fixtureContent.troubleshooting, ...fixtureContent.faq].map((t) => t.id));
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/u;

export function assertWellFormed(u: Understanding, options?: string[]): void {
  expect(typeof u.text).toBe('string');
  expect(u.text.length).toBeLessThanOrEqual(2000);
  expect(INVISIBLE.test(u.text)).toBe(false);
  expect(u.text).toBe(u.text.trim());
  expect(/\s\s/.test(u.text)).toBe(false);
  expect(typeof u.crisis).toBe('boolean');
  expect(u.redFlags.every((id) => FLAG_IDS.has(id))).toBe(true);
  expect(u.maybeRedFlags.every((id) => FLAG_IDS.has(id) && !u.redFlags.includes(id))).toBe(true);
  expect(new Set(u.redFlags).size).toBe(u.redFlags.length);
  if (u.rating !== undefined) {
    expect(Number.isInteger(u.rating)).toBe(true);
    expect(u.rating).toBeGreaterThanOrEqual(0);
    expect(u.rating).toBeLessThanOrEqual(10);
    expect(u.ratingUnclear).toBeUndefined();
  }
  if (u.ratingUnclear !== undefined) expect(u.ratingUnclear).toBe(true);
  if (u.yesNo !== undefined) expect(['yes', 'no']).toContain(u.yesNo);
  if (u.command !== undefined) expect(COMMANDS.has(u.command)).toBe(true);
  if (u.topic !== undefined) {
    expect(TOPIC_IDS.has(u.topic)).toBe(true);
    expect(u.topicCandidates).toEqual([]);
  }
  expect(u.topicCandidates.length).toBeLessThanOrEqual(3);
  expect(u.topicCandidates.every((id) => TOPIC_IDS.has(id))).toBe(true);
  expect(new Set(u.choices).size).toBe(u.choices.length);
  expect(u.choices.every((c) => Number.isInteger(c) && c >= 1 && c <= (options?.length ?? 0))).toBe(true);
  if (u.time !== undefined) {
    expect(Number.isInteger(u.time.hour) && u.time.hour >= 0 && u.time.hour <= 23).toBe(true);
    expect(Number.isInteger(u.time.minute) && u.time.minute >= 0 && u.time.minute <= 59).toBe(true);
  }
  if (u.timeZone !== undefined) expect(() => new Intl.DateTimeFormat('en', { timeZone: u.timeZone })).not.toThrow();
}

const words = ['no', 'not', 'bleeding', 'fever', 'pain', '3', '/10', 'stop', 'yes', 'burn', 'maybe', '?', ',', 'but', 'at', '8pm', 'berlin',
  'happy baby', 'first', 'kill myself', "don't", 'spotting', '10', '-', 'or', 'and', 'constructor', '__proto__', 'toString', '😭', '\u200B', '\u202E'];
const chatty = fc.array(fc.constantFrom(...words), { maxLength: 30 }).map((ws) => ws.join(' '));

describe('understand: property', () => {
  it('never throws and is well-formed for arbitrary strings', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (s) => {
      assertWellFormed(understand(s, fixtureContent));
    }), { numRuns: 400 });
  });
  it('never throws for arbitrary full Unicode (any code point, lone surrogates)', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => {
      assertWellFormed(understand(s, fixtureContent, { choiceNames: hipOptions }), hipOptions);
    }), { numRuns: 400 });
    fc.assert(fc.property(fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 200 }), (s) => {
      assertWellFormed(understand(s, fixtureContent));
    }), { numRuns: 300 });
  });
  it('never throws for chat-like word salads (negations, numbers, commands, crisis words)', () => {
    fc.assert(fc.property(chatty, fc.option(fc.array(fc.string({ maxLength: 20 }), { maxLength: 6 }), { nil: undefined }), (s, opts) => {
      assertWellFormed(understand(s, fixtureContent, opts ? { choiceNames: opts } : undefined), opts);
    }), { numRuns: 500 });
  });
  it('handles large inputs (100 KB) quickly and caps the text', () => {
    const inputs = ['a'.repeat(100_000), 'no bleeding '.repeat(9000), '😭'.repeat(50_000), '\u200B'.repeat(100_000) + 'yes',
      '3/10 '.repeat(20_000), `${'x'.repeat(1999)}😀`, "'; DROP TABLE users; --".repeat(4000)];
    for (const s of inputs) {
      const t0 = process.cpuUsage();                 // CPU time: wall-clock says little on a busy machine
      const u = understand(s, fixtureContent);
      const used = process.cpuUsage(t0);
      expect((used.user + used.system) / 1000).toBeLessThan(100);
      assertWellFormed(u);
    }
  });
  it('tolerates odd arguments from JavaScript callers', () => {
    const odd = [undefined, null, 42, {}, [], Symbol('x')] as unknown as string[];
    for (const v of odd) assertWellFormed(understand(v as string, fixtureContent));
    assertWellFormed(understand('1 and 3', fixtureContent, { choiceNames: 'nope' as unknown as string[] }));
    assertWellFormed(understand('1 and 3', fixtureContent, null as unknown as undefined));
  });
});
