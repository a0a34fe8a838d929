// The hazard log (docs/safety/hazard-log.yaml): validated, its risks read off the DCB0129 matrix, rendered to
// Markdown, and every cited test checked to exist.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { testNames } from './test-names.js';

export const SEVERITIES = ['minor', 'significant', 'considerable', 'major', 'catastrophic'] as const;
export const LIKELIHOODS = ['very_low', 'low', 'medium', 'high', 'very_high'] as const;
type Severity = (typeof SEVERITIES)[number];
type Likelihood = (typeof LIKELIHOODS)[number];

/** DCB0129 risk matrix: rows by likelihood (very low .. very high), columns by severity (minor .. catastrophic). */
const MATRIX: readonly (readonly number[])[] = [
  [1, 1, 2, 2, 3],
  [1, 2, 2, 3, 4],
  [2, 2, 3, 3, 4],
  [2, 3, 3, 4, 5],
  [3, 4, 4, 5, 5],
];
const RISK_NAME = ['', 'very low', 'low', 'medium', 'high', 'very high'];

export function riskOf(severity: Severity, likelihood: Likelihood): number {
  return MATRIX[LIKELIHOODS.indexOf(likelihood)]![SEVERITIES.indexOf(severity)]!;
}

const testRef = z.object({ file: z.string().regex(/^test\//), name: z.string().min(3) }).strict();

const hazardSchema = z.object({
  id: z.string().regex(/^HAZ-\d{2,}$/),
  title: z.string().min(5),
  cause: z.string().min(10),
  effect: z.string().min(10),
  harm: z.string().min(5),
  severity: z.enum(SEVERITIES),
  likelihood_before: z.enum(LIKELIHOODS),
  likelihood_after: z.enum(LIKELIHOODS),
  controls: z.array(z.string().min(10)).min(1),
  tests: z.array(testRef).min(1),
}).strict().refine((h) => LIKELIHOODS.indexOf(h.likelihood_after) <= LIKELIHOODS.indexOf(h.likelihood_before), 'a control cannot make a hazard more likely');

const logSchema = z.object({ hazards: z.array(hazardSchema).min(1) }).strict()
  .refine((l) => new Set(l.hazards.map((h) => h.id)).size === l.hazards.length, 'hazard ids must be unique');

export type Hazard = z.infer<typeof hazardSchema>;

export const HAZARD_LOG_YAML = 'docs/safety/hazard-log.yaml';
export const HAZARD_LOG_MD = 'docs/safety/hazard-log.md';

export function loadHazardLog(root: string): Hazard[] {
  const result = logSchema.safeParse(parse(readFileSync(join(root, HAZARD_LOG_YAML), 'utf8')));
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new Error(`${HAZARD_LOG_YAML}: ${issue.path.join('.')}: ${issue.message}`);
  }
  return result.data.hazards;
}

/** Cited tests that do not exist (file missing, or no test of that name in it), as "HAZ-xx: file > name". */
export function missingTests(root: string, hazards: readonly Hazard[]): string[] {
  const cache = new Map<string, string[] | null>();
  const missing: string[] = [];
  for (const hazard of hazards) {
    for (const ref of hazard.tests) {
      if (!cache.has(ref.file)) cache.set(ref.file, testNames(root, ref.file));
      const names = cache.get(ref.file);
      if (!names) missing.push(`${hazard.id}: ${ref.file} does not exist`);
      else if (!names.includes(ref.name)) missing.push(`${hazard.id}: ${ref.file} has no test "${ref.name}"`);
    }
  }
  return missing;
}

const words = (value: string) => value.replace(/_/g, ' ');
const cell = (value: string) => value.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderHazardLog(hazards: readonly Hazard[]): string {
  const lines: string[] = [
    '# GentlePath hazard log',
    '',
    '<!-- Generated from hazard-log.yaml by `npm run review -- hazard-log`; edit the YAML, not this file. -->',
    '',
    'What could harm a person using GentlePath, how likely and how bad it is before and after our controls, and',
    'the tests that verify each control (in the style of DCB0129 / DTAC). Severity and likelihood use the DCB0129',
    'scales; risk is read off the DCB0129 matrix: 1 very low, 2 low, 3 medium, 4 high, 5 very high.',
    'The residual risk and what a deploying organisation must still do are in [safety-case.md](safety-case.md).',
    '',
    '| id | hazard | severity | risk before | risk after |',
    '|---|---|---|---|---|',
    ...hazards.map((h) => {
      const before = riskOf(h.severity, h.likelihood_before);
      const after = riskOf(h.severity, h.likelihood_after);
      return `| [${h.id}](#${h.id.toLowerCase()}) | ${cell(h.title)} | ${h.severity} | ${before} ${RISK_NAME[before]} | ${after} ${RISK_NAME[after]} |`;
    }),
    '',
  ];
  for (const h of hazards) {
    const before = riskOf(h.severity, h.likelihood_before);
    const after = riskOf(h.severity, h.likelihood_after);
    lines.push(
      `## ${h.id}`,
      '',
      `**${h.title}**`,
      '',
      `- **Cause:** ${h.cause}`,
      `- **Effect:** ${h.effect}`,
      `- **Harm:** ${h.harm}`,
      `- **Severity:** ${h.severity}. **Likelihood:** ${words(h.likelihood_before)} before controls, ${words(h.likelihood_after)} after.`,
      `- **Risk:** ${before} (${RISK_NAME[before]}) before, ${after} (${RISK_NAME[after]}) after.`,
      '',
      'Controls:',
      '',
      ...h.controls.map((c) => `- ${c}`),
      '',
      'Verified by:',
      '',
      ...h.tests.map((t) => `- \`${t.file}\`: ${t.name}`),
      '',
    );
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
