// Checks a signed review against the current flows/ and records it in flows/reviews.yaml, all rows or none:
// every row is checked first, then the file is replaced in one rename.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import type { Content, ReviewRecord } from '../content/schema.js';
import { reviewRecordSchema } from '../content/schema.js';
import { reviewItems } from '../content/review-items.js';
import { ReviewFileError, type SignedRow } from './read-signed-review.js';

export const REVIEWS_FILE = 'reviews.yaml';

const DECISIONS: Record<string, ReviewRecord['decision']> = {
  approved: 'approved', approve: 'approved',
  changes_requested: 'changes_requested', 'changes requested': 'changes_requested', changes: 'changes_requested',
};

/** Turns checked rows into records with the hash of each item's current text; throws with every problem, by line. */
export function toRecords(content: Content, rows: readonly SignedRow[]): ReviewRecord[] {
  const items = new Map(reviewItems(content).map((i) => [i.id, i]));
  const problems: string[] = [];
  const seen = new Map<string, number>();
  const records: ReviewRecord[] = [];
  if (rows.length === 0) throw new ReviewFileError(['the file holds no reviews']);
  for (const row of rows) {
    const at = `line ${row.line}`;
    const item = items.get(row.id);
    const before = problems.length;
    if (!row.id) problems.push(`${at}: no id`);
    else if (!item) problems.push(`${at}: no item "${row.id}" in flows/ (was the packet made from another version?)`);
    else if (seen.has(row.id)) problems.push(`${at}: "${row.id}" is already decided on line ${seen.get(row.id)}`);
    if (row.id) seen.set(row.id, row.line);
    if (row.reviewer.length < 2) problems.push(`${at}: no reviewer name`);
    if (!isRealDate(row.date)) problems.push(`${at}: date "${row.date}" is not a date like 2026-12-01`);
    const decision = DECISIONS[row.decision.toLowerCase().trim()];
    if (!decision) problems.push(`${at}: decision "${row.decision}" is not approved or changes_requested`);
    if (decision === 'changes_requested' && !row.comment) problems.push(`${at}: changes requested for "${row.id}" without a comment saying which`);
    if (item && row.hash && !item.hash.startsWith(row.hash.toLowerCase())) {
      problems.push(`${at}: "${row.id}" has changed since the packet was made (hash ${row.hash}); review its current wording`);
    }
    if (problems.length === before && item && decision) {
      records.push(reviewRecordSchema.parse({ id: row.id, reviewer: row.reviewer, date: row.date, decision, comment: row.comment, text_sha256: item.hash }));
    }
  }
  if (problems.length) throw new ReviewFileError(problems);
  return records;
}

function isRealDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

const HEADER = `# Clinical sign-off, item by item. Written by \`npm run review -- import FILE\`; do not edit by hand.
# Each record holds the sha256 of the item as it was approved: when the item's text changes later, the
# item is pending again by itself (src/content/review-items.ts). Until every item is approved, GentlePath
# says its wording awaits clinical review (about.claim_pending).
`;

/** Appends the records to flows/reviews.yaml in one atomic replace (later records supersede earlier ones). */
export function appendRecords(flowsDir: string, records: readonly ReviewRecord[]): void {
  const path = join(flowsDir, REVIEWS_FILE);
  let existing: ReviewRecord[] = [];
  try {
    const doc = parse(readFileSync(path, 'utf8')) as { reviews?: unknown[] } | null;
    existing = (doc?.reviews ?? []).map((r) => reviewRecordSchema.parse(r));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const text = `${HEADER}${stringify({ reviews: [...existing, ...records] }, { lineWidth: 0 })}`;
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, text);
  renameSync(temp, path);
}
