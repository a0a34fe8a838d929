// The documents outside flows/ that repeat GentlePath's claim about its content (README, the Slack and Teams
// app descriptions). They carry exactly one of the two claim sentences, kept in step with the review state.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Content } from '../content/schema.js';
import { renderMessage } from '../content/render-message.js';
import { claimText } from '../content/review-state.js';

export const CLAIM_DOCS = ['README.md', 'docs/channels/slack-manifest.yaml', 'docs/channels/teams.md'] as const;

function claims(content: Content): { current: string; other: string } {
  const current = claimText(content);
  const pending = renderMessage(content, 'about.claim_pending').text;
  const reviewed = renderMessage(content, 'about.claim_reviewed').text;
  return { current, other: current === pending ? reviewed : pending };
}

/** Documents that do not say the current claim (or still say the other one). */
export function staleClaimDocs(root: string, content: Content): string[] {
  const { current, other } = claims(content);
  return CLAIM_DOCS.filter((file) => {
    const text = readFileSync(join(root, file), 'utf8');
    return !text.includes(current) || text.includes(other);
  });
}

/** Replaces the other claim by the current one; returns the files changed. A document with neither is reported, not guessed at. */
export function syncClaimDocs(root: string, content: Content): { changed: string[]; missing: string[] } {
  const { current, other } = claims(content);
  const changed: string[] = [];
  const missing: string[] = [];
  for (const file of CLAIM_DOCS) {
    const path = join(root, file);
    const text = readFileSync(path, 'utf8');
    const next = text.split(other).join(current);
    if (next !== text) { writeFileSync(path, next); changed.push(file); }
    if (!next.includes(current)) missing.push(file);
  }
  return { changed, missing };
}
