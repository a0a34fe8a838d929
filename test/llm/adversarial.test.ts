// The verifier against the adversarial set kept as data (adversarial-cases.yaml): every rephrase that
// changes a fact, adds advice, smuggles content or breaks format must be refused; faithful rephrases
// should pass (the few it refuses anyway are marked `strict` in the data and reported).
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadContent } from '../../src/content/load-content.js';
import { REPHRASE_FAILURES, verifyRephrase } from '../../src/llm/verify-rephrase.js';
import { contentItems } from '../../src/llm/rephrase-unit.js';

const caseSchema = z.object({
  id: z.string(),
  item: z.string().optional(),
  source: z.string(),
  rephrase: z.string(),
  required_terms: z.array(z.string()).default([]),
  expect: z.enum(['pass', 'fail']),
  reason: z.enum(REPHRASE_FAILURES).optional(),
  strict: z.string().optional(),
}).strict();
const cases = z.object({ cases: z.array(caseSchema) }).parse(parse(readFileSync(new URL('./adversarial-cases.yaml', import.meta.url), 'utf8'))).cases;

describe('adversarial rephrase set', () => {
  const bad = cases.filter((c) => c.expect === 'fail');
  const good = cases.filter((c) => c.expect === 'pass');

  it('has at least 40 adversarial cases with unique ids, taken from real content items', () => {
    expect(bad.length).toBeGreaterThanOrEqual(40);
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
    const items = contentItems(loadContent());
    for (const c of cases) if (c.item) expect(items.has(c.item), `${c.id}: unknown item ${c.item}`).toBe(true);
  });

  it.each(bad.map((c) => [c.id, c] as const))('refuses %s', (_id, c) => {
    const verdict = verifyRephrase(c.source, c.rephrase, { requiredTerms: c.required_terms });
    expect(verdict.ok, `${c.id} slipped through`).toBe(false);
    if (!verdict.ok && c.reason) expect(verdict.findings.map((f) => f.reason)).toContain(c.reason);
  });

  it.each(good.filter((c) => !c.strict).map((c) => [c.id, c] as const))('passes the faithful rephrase %s', (_id, c) => {
    const verdict = verifyRephrase(c.source, c.rephrase, { requiredTerms: c.required_terms });
    expect(verdict.ok ? [] : verdict.findings).toEqual([]);
  });

  it('reports caught / total', () => {
    const caught = bad.filter((c) => !verifyRephrase(c.source, c.rephrase, { requiredTerms: c.required_terms }).ok).length;
    const passed = good.filter((c) => verifyRephrase(c.source, c.rephrase, { requiredTerms: c.required_terms }).ok).length;
    const strict = good.filter((c) => c.strict && !verifyRephrase(c.source, c.rephrase, { requiredTerms: c.required_terms }).ok).length;
    console.log(`verifier on adversarial-cases.yaml: caught ${caught}/${bad.length} adversarial rephrases; `
      + `passed ${passed}/${good.length} faithful ones (${strict} refused as over-strict, marked in the data)`);
    expect(caught).toBe(bad.length);
  });
});
