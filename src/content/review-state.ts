// Which items a clinician has approved, derived at load from flows/reviews.yaml: an item counts as reviewed
// only while the hash recorded with its approval equals the hash of what it says now.
import type { Content, ReviewRecord } from './schema.js';
import { reviewItems, type ReviewItem } from './review-items.js';
import { renderMessage } from './render-message.js';
import { derivedOnce } from './content-cache.js';

export type ReviewStatus = 'approved' | 'changes_requested' | 'changed_since_review' | 'pending';

export interface ItemReview {
  item: ReviewItem;
  status: ReviewStatus;
  /** The latest decision recorded for this id, if any. */
  record?: ReviewRecord;
}

export interface ReviewState {
  items: ItemReview[];
  approved: number;
  total: number;
  allApproved: boolean;
}

const cache = new WeakMap<Content, ReviewState>();

export function reviewState(content: Content): ReviewState {
  let state = cache.get(content);
  if (state) return state;
  const latest = new Map<string, ReviewRecord>();
  for (const record of content.reviews ?? []) latest.set(record.id, record); // later records supersede earlier ones
  const items = reviewItems(content).map((item): ItemReview => {
    const record = latest.get(item.id);
    if (!record) return { item, status: 'pending' };
    if (record.text_sha256 !== item.hash) return { item, status: 'changed_since_review', record };
    return { item, status: record.decision === 'approved' ? 'approved' : 'changes_requested', record };
  });
  const approved = items.filter((i) => i.status === 'approved').length;
  state = { items, approved, total: items.length, allApproved: items.length > 0 && approved === items.length };
  cache.set(content, state);
  return state;
}

/** What GentlePath may honestly say about its content today (greeting, web page, Slack Home, README). */
export function claimText(content: Content): string {
  return renderMessage(content, allApproved(content) ? 'about.claim_reviewed' : 'about.claim_pending').text;
}

/**
 * Whether every item is approved, kept beside the validated flows/ (it depends on them and on this folder's
 * code alone): hashing every item costs a tenth of a start, and the greeting, the first reply, asks.
 */
function allApproved(content: Content): boolean {
  return derivedOnce(content, 'review-claim', import.meta.url, () => reviewState(content).allApproved, (all) => all, (all) => all);
}
