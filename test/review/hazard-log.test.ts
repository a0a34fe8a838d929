// The hazard log is data (docs/safety/hazard-log.yaml) rendered to Markdown. It must cover the hazards the
// project knows of, cite only tests that exist, and the Markdown must be what the YAML renders to.
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/project-root.js';
import { HAZARD_LOG_MD, loadHazardLog, missingTests, renderHazardLog, riskOf } from '../../src/review/hazard-log.js';
import { testNames } from '../../src/review/test-names.js';

const hazards = loadHazardLog(projectRoot);

describe('docs/safety/hazard-log', () => {
  it('lists at least 20 hazards, among them every hazard the project must guard against', () => {
    expect(hazards.length).toBeGreaterThanOrEqual(20);
    const titles = hazards.map((h) => `${h.title} ${h.cause}`);
    const needed = [
      /crisis message is not recognised/i, /red flag is missed/i, /false pause/i, /advances after pain/i, /rating is dropped/i,
      /wrong local time/i, /stale question/i, /duplicate messages/i, /LLM changes a number/i, /LLM adds advice/i,
      /health data in logs/i, /deleted data is still recoverable/i, /reads another person's conversation/i,
      /content changes without clinical review/i, /crisis reply gives numbers/i,
    ];
    for (const pattern of needed) expect(titles.some((t) => pattern.test(t)), String(pattern)).toBe(true);
    for (const h of hazards) {
      expect(riskOf(h.severity, h.likelihood_after), h.id).toBeLessThanOrEqual(riskOf(h.severity, h.likelihood_before));
      expect(h.tests.length, h.id).toBeGreaterThan(0);
    }
  });

  it('cites only tests that exist', () => {
    expect(missingTests(projectRoot, hazards)).toEqual([]);
  });

  it('notices a cited test that was renamed or removed, and a file that is gone', () => {
    const broken = [{ ...hazards[0]!, tests: [
      { file: 'test/review/claims.test.ts', name: 'a test nobody wrote' },
      { file: 'test/no-such-file.test.ts', name: 'anything' },
      { file: 'test/transcripts/no-such-transcript.yaml', name: 'no-such-transcript' },
    ] }];
    expect(missingTests(projectRoot, broken)).toEqual([
      `${hazards[0]!.id}: test/review/claims.test.ts has no test "a test nobody wrote"`,
      `${hazards[0]!.id}: test/no-such-file.test.ts does not exist`,
      `${hazards[0]!.id}: test/transcripts/no-such-transcript.yaml does not exist`,
    ]);
  });

  it('reads test names the way vitest files write them', () => {
    const root = mkdtempSync(join(tmpdir(), 'gp-names-'));
    try {
      mkdirSync(join(root, 'test'));
      writeFileSync(join(root, 'test', 'a.test.ts'), [
        "it('plain one', () => {});",
        'it.each(cases)("each %s", () => {});',
        'it.skipIf(!available())(`skipped when ${x} is missing`, async () => {});',
        "test('it\\'s escaped', () => {});",
        // a focused test in the fixture file (spelt in two pieces so this file itself holds no focused test)
        `describe('a group', () => { it.${'only'}('inside', () => {}); });`,
        "const split = 'it(\"not a test\" is only text';",
      ].join('\n'));
      expect(testNames(root, 'test/a.test.ts')).toEqual(['plain one', 'each %s', 'skipped when ${x} is missing', "it's escaped", 'inside']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('is rendered: hazard-log.md is what the YAML renders to (npm run review -- hazard-log)', () => {
    const rendered = renderHazardLog(hazards);
    expect(readFileSync(join(projectRoot, HAZARD_LOG_MD), 'utf8')).toBe(rendered);
    for (const h of hazards) expect(rendered).toContain(`## ${h.id}`);
  });

  it('reads risk off the DCB0129 matrix', () => {
    expect(riskOf('catastrophic', 'very_high')).toBe(5);
    expect(riskOf('minor', 'very_low')).toBe(1);
    expect(riskOf('major', 'low')).toBe(3);
    expect(riskOf('catastrophic', 'low')).toBe(4);
    expect(riskOf('considerable', 'medium')).toBe(3);
  });
});
