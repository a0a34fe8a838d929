// Finding a content term ("sharp pain", "pain that won't go away", "spotting") in a message: every
// meaningful word of the term, by canonical stem (or one typo away), near each other in one sentence,
// in any order. Glue words ("a", "the", "my", "is") are ignored on both sides.
import type { Analysis } from './analyze.js';
import type { Synonyms } from './synonyms.js';
import { foldText } from './normalize-text.js';
import { expandShorthand } from './expand-shorthand.js';
import { tokenize } from './tokenize.js';
import { canonicalize, verbContext } from './synonyms.js';
import { GLUE_WORDS } from './stopwords.js';
import { COMMON_WORDS } from './common-words.js';
import { withinOneEdit } from './edit-distance.js';

export interface TermWord {
  surface: string;
  stem: string;
  canon: string;
  /** Only inflected message words match ("spotting" matches "spotted", not the everyday "spot"). */
  inflOnly: boolean;
  /** Long enough to accept a one-letter typo. */
  fuzzy: boolean;
}

export interface Term {
  text: string;
  words: TermWord[];
}

export interface TermHit {
  /** Token indices of the matched words, ascending. */
  positions: number[];
  start: number;
  end: number;
  /** Some word only matched as a typo. */
  fuzzy: boolean;
}

export function compileTerm(text: string, syn: Synonyms, minFuzzyLength = 5): Term | undefined {
  const tokens = tokenize(expandShorthand(foldText(text)));
  const canon = canonicalize(tokens, syn);
  const words: TermWord[] = [];
  tokens.forEach((t, i) => {
    if ((t.kind !== 'word' && t.kind !== 'number') || canon[i] === '' || GLUE_WORDS.has(t.surface)) return;
    const c = canon[i]!;
    words.push({
      surface: t.surface, stem: t.stem, canon: c,
      inflOnly: c === t.stem && t.surface !== t.stem && COMMON_WORDS.has(t.stem),
      fuzzy: t.kind === 'word' && t.surface.length >= minFuzzyLength,
    });
  });
  return words.length > 0 ? { text, words } : undefined;
}

/** 'exact', 'fuzzy' or undefined for one term word against message token i. */
export function wordMatch(w: TermWord, a: Analysis, i: number): 'exact' | 'fuzzy' | undefined {
  const t = a.tokens[i]!;
  if (a.canon[i] === w.canon) return w.inflOnly && t.surface === t.stem && !verbContext(a.tokens, i) ? undefined : 'exact';
  if (w.fuzzy && a.unknown[i] && (withinOneEdit(t.surface, w.surface) || w.stem.length >= 5 && withinOneEdit(t.stem, w.stem))) return 'fuzzy';
  return undefined;
}

/**
 * The matched words stay in one clause, except where the term itself crosses a clause boundary
 * ("burns when I pee"): every clause the match enters must begin at one of the matched words.
 */
function withinClause(a: Analysis, positions: readonly number[]): boolean {
  for (let k = 1; k < positions.length; k++) {
    const p = positions[k - 1]!, q = positions[k]!;
    if (a.seg.clause[p] === a.seg.clause[q]) continue;
    // the boundary must be at a term word: clause of q starts at q, or at a term word before it
    let start = q;
    while (start > 0 && a.seg.clause[start - 1] === a.seg.clause[q]) start--;
    const firstWord = a.tokens[start]?.kind === 'punct' ? start + 1 : start;
    if (!positions.includes(firstWord) || a.seg.clause[p]! + 1 !== a.seg.clause[q]) return false;
  }
  return true;
}

/** All places the term occurs. `content` is meaningful(a), precomputed by the caller. */
/** Like findTerm, but the words must follow each other in order with only glue words between ("I don't really feel safe"). */
export function findPhrase(term: Term, a: Analysis, content: readonly number[]): TermHit[] {
  const hits: TermHit[] = [];
  const k = term.words.length;
  for (let p = 0; p + k <= content.length; p++) {
    let fuzzy = false, ok = true;
    for (let w = 0; w < k && ok; w++) {
      const i = content[p + w]!;
      if (w > 0 && a.seg.sentence[i] !== a.seg.sentence[content[p]!]) { ok = false; break; }
      const m = wordMatch(term.words[w]!, a, i);
      if (!m) ok = false;
      else fuzzy ||= m === 'fuzzy';
    }
    if (!ok) continue;
    const positions = content.slice(p, p + k);
    hits.push({ positions, start: positions[0]!, end: positions[k - 1]!, fuzzy });
  }
  return hits;
}

export function findTerm(term: Term, a: Analysis, content: readonly number[]): TermHit[] {
  const hits: TermHit[] = [];
  const k = term.words.length;
  const first = term.words[0]!;
  const window = k === 1 ? 0 : k + 1;
  for (let p = 0; p < content.length; p++) {
    const i = content[p]!;
    const m0 = wordMatch(first, a, i);
    if (!m0) continue;
    const positions = [i];
    let fuzzy = m0 === 'fuzzy';
    let ok = true;
    for (let w = 1; w < k && ok; w++) {
      let best = -1, bestDist = Infinity, bestFuzzy = false;
      for (let q = Math.max(0, p - window); q <= Math.min(content.length - 1, p + window); q++) {
        const j = content[q]!;
        if (positions.includes(j) || a.seg.sentence[j] !== a.seg.sentence[i]) continue;
        const m = wordMatch(term.words[w]!, a, j);
        if (!m) continue;
        const d = Math.abs(q - p) + (q < p ? 0.5 : 0) + (m === 'fuzzy' ? 0.25 : 0); // prefer in order, exact
        if (d < bestDist) { best = j; bestDist = d; bestFuzzy = m === 'fuzzy'; }
      }
      if (best < 0) ok = false;
      else { positions.push(best); fuzzy ||= bestFuzzy; }
    }
    if (!ok) continue;
    positions.sort((x, y) => x - y);
    if (!withinClause(a, positions)) continue;
    hits.push({ positions, start: positions[0]!, end: positions[positions.length - 1]!, fuzzy });
  }
  return hits;
}
