// The review file of pre-generated rephrase variants (default flows-review/variants.yaml).
// `npm run variants` writes verified variants with `approved: false`; a clinician sets `approved: true` on
// the ones they accept; reviewed mode uses only those, and only while the item's text is unchanged
// (the source hash must still match), so a content edit silently retires old approvals.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parse, stringify } from 'yaml';
import { z } from 'zod';

export const variantsFileSchema = z.object({
  content_version: z.string(),
  model: z.string(),
  generated_at: z.string(),
  items: z.array(z.object({
    content_id: z.string(),
    source_hash: z.string(),
    source: z.string(),
    variants: z.array(z.object({
      text: z.string().min(1),
      approved: z.boolean(),
      reviewed_by: z.string().optional(),
      note: z.string().optional(),
    })),
  })),
});

export type VariantsFile = z.infer<typeof variantsFileSchema>;

/** The hash that ties a cached or reviewed rephrase to the exact text it was made from. */
export function sourceHash(text: string): string {
  return createHash('sha256').update(text.trim(), 'utf8').digest('hex').slice(0, 32);
}

export interface ApprovedVariants {
  /** Approved variants for this item, if they were made from this exact text. */
  approved(contentId: string, hash: string): readonly string[];
  readonly count: number;
}

export function approvedVariants(file: VariantsFile): ApprovedVariants {
  const byKey = new Map<string, string[]>();
  let count = 0;
  for (const item of file.items) {
    const texts = item.variants.filter((v) => v.approved).map((v) => v.text);
    if (texts.length === 0) continue;
    byKey.set(`${item.content_id}\u0000${item.source_hash}`, texts);
    count += texts.length;
  }
  return { approved: (id, hash) => byKey.get(`${id}\u0000${hash}`) ?? [], count };
}

export function readVariantsFile(path: string): VariantsFile {
  let doc: unknown;
  try {
    doc = parse(readFileSync(path, 'utf8'));
  } catch (cause) {
    throw new Error(`cannot read the variants file ${path}: ${(cause as Error).message}`, { cause });
  }
  const result = variantsFileSchema.safeParse(doc);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new Error(`variants file ${path}: ${issue.path.join('.')}: ${issue.message}`);
  }
  return result.data;
}

const HEADER = `# GentlePath rephrase variants for clinical review (written by \`npm run variants\`).
# Every variant here already passed the deterministic verifier against its source. Read each one against
# the source; set approved: true on those you accept (and reviewed_by if you like). With
# GENTLEPATH_LLM_MODE=reviewed the bot uses only approved variants, and only while the item's text in
# flows/ still matches source_hash. Re-running the command keeps your approvals.
`;

/** Writes the file, keeping approvals of variants that are still offered for an unchanged source. */
export function writeVariantsFile(path: string, next: VariantsFile): VariantsFile {
  const merged = existsSync(path) ? mergeApprovals(readVariantsFile(path), next) : next;
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, HEADER + stringify(merged, { lineWidth: 0 }));
  return merged;
}

export function mergeApprovals(previous: VariantsFile, next: VariantsFile): VariantsFile {
  const old = new Map(previous.items.map((i) => [`${i.content_id}\u0000${i.source_hash}`, i]));
  return {
    ...next,
    items: next.items.map((item) => {
      const before = old.get(`${item.content_id}\u0000${item.source_hash}`);
      if (!before) return item;
      const kept = before.variants.filter((v) => v.approved);
      const fresh = item.variants.filter((v) => !kept.some((k) => k.text === v.text));
      return { ...item, variants: [...kept, ...fresh] };
    }),
  };
}
