// The source programme's facts grouped by the source sections that must carry them (docs/review/program-facts.yaml).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { projectRoot } from '../project-root.js';

const factsSchema = z.object({
  groups: z.array(z.object({ title: z.string().min(2), matches: z.array(z.string().min(2)).min(1), facts: z.array(z.string().min(5)).min(1) }).strict()).min(1),
}).strict();

export type FactGroup = z.infer<typeof factsSchema>['groups'][number];

export const programFactsPath = join(projectRoot, 'docs', 'review', 'program-facts.yaml');

export function loadProgramFacts(path: string = programFactsPath): FactGroup[] {
  return factsSchema.parse(parse(readFileSync(path, 'utf8'))).groups;
}

/** The groups an item with this source must carry. */
export function factsFor(groups: readonly FactGroup[], source: string): FactGroup[] {
  const lower = source.toLowerCase();
  return groups.filter((g) => g.matches.some((m) => lower.includes(m.toLowerCase())));
}
