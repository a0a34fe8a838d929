// The verifier on its own: every rephrasable item passes against itself, and properties over the real
// content (a changed, dropped or added number, a new medical term, a lost required term) are always refused.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadContent } from '../../src/content/load-content.js';
import { contentItems } from '../../src/llm/rephrase-unit.js';
import { numericFacts } from '../../src/llm/text-facts.js';
import { verifyRephrase } from '../../src/llm/verify-rephrase.js';

const content = loadContent();
const items = [...contentItems(content).values()].filter((i) => i.rephrasable);
const withNumbers = items.filter((i) => /\d/.test(i.text));

describe('verifyRephrase', () => {
  it('passes every rephrasable item against itself', () => {
    for (const item of items) {
      const verdict = verifyRephrase(item.text, item.text, { requiredTerms: item.required_terms });
      expect(verdict.ok ? 'ok' : verdict.findings, item.id).toBe('ok');
    }
  });

  it('reads numbers, ranges, units, ratings and limits', () => {
    const facts = (t: string) => numericFacts(t).map((f) => (f.direction ? `${f.value} (${f.direction})` : f.value));
    expect(facts('hold 30-60 s, then 1–2 cm, 90°, pain at 2/10 or less')).toEqual(['r:30-60 s', 'r:1-2 cm', 'n:90 deg', 'f:2/10 (max)']);
    expect(facts('thirty to sixty seconds')).toEqual(['r:30-60 s']);
    expect(facts('between 30 and 60 seconds')).toEqual(['r:30-60 s']);
    expect(facts('two out of ten')).toEqual(['f:2/10']);
    expect(facts('up to 3 times, at least 10 minutes, above 2/10')).toEqual(['n:3 x (max)', 'n:10 min (min)', 'f:2/10 (min)']);
    expect(facts('a 20-30 second hold at 8pm or 20:30')).toEqual(['r:20-30 s', 't:8pm', 't:20:30']);
    expect(facts('one hand on your ribs, one small step')).toEqual([]);
    expect(facts('one minute')).toEqual(['n:1 min']);
  });

  it('refuses any changed number in an item that has numbers', () => {
    fc.assert(fc.property(fc.constantFrom(...withNumbers), fc.nat(), fc.integer({ min: 1, max: 9 }), (item, pick, delta) => {
      const spots = [...item.text.matchAll(/\d+/g)];
      const spot = spots[pick % spots.length]!;
      const changed = String(Number(spot[0]) + delta);
      const rephrase = item.text.slice(0, spot.index) + changed + item.text.slice(spot.index! + spot[0].length);
      return !verifyRephrase(item.text, rephrase, { requiredTerms: item.required_terms }).ok;
    }), { numRuns: 300 });
  });

  it('refuses any dropped number', () => {
    fc.assert(fc.property(fc.constantFrom(...withNumbers), fc.nat(), (item, pick) => {
      const spots = [...item.text.matchAll(/\d+(?:[-/]\d+)?/g)];
      const spot = spots[pick % spots.length]!;
      const rephrase = item.text.slice(0, spot.index) + 'a few' + item.text.slice(spot.index! + spot[0].length);
      return !verifyRephrase(item.text, rephrase, { requiredTerms: item.required_terms }).ok;
    }), { numRuns: 300 });
  });

  it('refuses an added number, medicine, product or instruction in any item', () => {
    const additions = [
      ' Do this 3 times.', ' You can also try ibuprofen.', ' A numbing gel helps.', ' Ask your doctor for a prescription.',
      ' Take a painkiller first.', ' Use coconut oil.', ' Push through if it stings.', ' See www.example.com.', ' Go for 5 minutes more.',
    ];
    fc.assert(fc.property(fc.constantFrom(...items), fc.constantFrom(...additions), (item, addition) => {
      // Keep the length within bounds so the verdict is about the addition itself.
      const rephrase = `${item.text.trim()}${addition}`;
      const verdict = verifyRephrase(item.text, rephrase, { requiredTerms: item.required_terms, maxRatio: 100 });
      return !verdict.ok && verdict.findings.some((f) => f.reason !== 'too_long');
    }), { numRuns: 300 });
  });

  it('refuses a rephrase that loses any required term', () => {
    const withTerms = items.filter((i) => i.required_terms.some((t) => i.text.toLowerCase().includes(t.toLowerCase()) && !/\d/.test(t)));
    fc.assert(fc.property(fc.constantFrom(...withTerms), fc.nat(), (item, pick) => {
      const terms = item.required_terms.filter((t) => item.text.toLowerCase().includes(t.toLowerCase()) && !/\d/.test(t));
      const term = terms[pick % terms.length]!;
      // The term and its inflections (squeeze, squeezing) all go.
      const rephrase = item.text.replace(new RegExp(`${term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/e$/, '')}\\w*`, 'gi'), 'it');
      return !verifyRephrase(item.text, rephrase, { requiredTerms: item.required_terms }).ok;
    }), { numRuns: 200 });
  });

  it('is deterministic and does not depend on call order', () => {
    const item = withNumbers[0]!;
    const a = verifyRephrase(item.text, `${item.text} Use lidocaine.`);
    const b = verifyRephrase(item.text, `${item.text} Use lidocaine.`);
    expect(a).toEqual(b);
  });
});
