// Feelings ("I feel so broken", "I'm scared it'll hurt") and small talk ("thanks", "bye") by their words in flows/.
// A feeling is noticed anywhere in a message; small talk only when it is most of a short message.
import type { Acknowledgement } from '../../content/schema.js';
import { foldText } from './normalize-text.js';

const NEGATED = /\b(not|never|no longer|isn'?t|wasn'?t|am not|i'?m not|don'?t feel)\s+(really |that |so |too |very )?$/;

function words(text: string): string {
  return ` ${foldText(text).toLowerCase().replace(/[^a-z0-9'\s]/g, ' ').replace(/\s+/g, ' ').trim()} `;
}

function hit(text: string, term: string): boolean {
  const at = text.indexOf(` ${term} `);
  return at >= 0 && !NEGATED.test(text.slice(0, at + 1));
}

/** Each item's terms in matching form, longest first: they depend only on flows/, so they are folded once per loaded list. */
const folded = new WeakMap<readonly Acknowledgement[], string[][]>();

function foldedTerms(items: readonly Acknowledgement[]): string[][] {
  let terms = folded.get(items);
  if (!terms) {
    terms = items.map((item) => item.terms.map((x) => words(x).trim()).sort((a, b) => b.length - a.length));
    folded.set(items, terms);
  }
  return terms;
}

/** The first feeling whose words appear (not negated: "not scared" is no fear). */
export function detectFeeling(text: string, feelings: readonly Acknowledgement[]): string | undefined {
  const t = words(text);
  const terms = foldedTerms(feelings);
  return feelings.find((_f, i) => terms[i]!.some((term) => hit(t, term)))?.id;
}

/** Words that may stand beside small talk without adding meaning ("thanks so much", "hi there", "bye for now"). */
const FILLER = new Set(['there', 'so', 'much', 'you', 'again', 'all', 'ok', 'okay', 'oh', 'well', 'for', 'now', 'a', 'lot', 'very', 'really',
  'x', 'xx', 'xxx', 'then', 'and', 'again', 'hun', 'friend', 'coach', 'bot', 'gentlepath', 'im', "i'm", 'i', 'am', 'just', 'too', 'ha']);

/** Small talk when the message is little else: the terms found plus filler words make up the whole message. */
export function detectSmallTalk(text: string, items: readonly Acknowledgement[]): string | undefined {
  const t = words(text);
  if (t.trim() === '' || t.trim().split(' ').length > 8) return undefined;
  const terms = foldedTerms(items);
  for (const [i, item] of items.entries()) {
    let rest = t;
    for (const term of terms[i]!) {
      while (rest.includes(` ${term} `)) rest = rest.replace(` ${term} `, ' ');
    }
    if (rest === t) continue;
    if (rest.trim().split(' ').filter(Boolean).every((w) => FILLER.has(w))) return item.id;
  }
  return undefined;
}
