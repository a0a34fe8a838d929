// One pass over a message that every detector shares: folded text, tokens, canonical (synonym)
// keys, clause segments and which words look like typos.
import { cleanText, foldText, linesAsSentences } from './normalize-text.js';
import { expandShorthand } from './expand-shorthand.js';
import { tokenize, type Token } from './tokenize.js';
import { canonicalize, type Synonyms } from './synonyms.js';
import { segment, type Segments } from './clauses.js';
import { GLUE_WORDS, STOP_WORDS, NEGATION_WORDS } from './stopwords.js';

export interface Analysis {
  /** Cleaned text (as returned to callers). */
  text: string;
  /** Folded text: lower case, ASCII quotes and dashes, no accents. */
  folded: string;
  /** Folded text with contractions and chat shorthand expanded. */
  expanded: string;
  tokens: Token[];
  /** Canonical key per token (synonyms applied); '' for words absorbed into a phrase. */
  canon: string[];
  seg: Segments;
  /** Word not in the known vocabulary: a possible typo, eligible for fuzzy matching. */
  unknown: boolean[];
}

export interface Vocabulary {
  /** Known words as written. */
  words: ReadonlySet<string>;
  /** Stems of known words ("smell" for "smelling" is known; "bled" from the typo "bleding" is not a stem of anything). */
  stems: ReadonlySet<string>;
}

export function analyze(text: string, syn: Synonyms, vocab: Vocabulary): Analysis {
  const folded = foldText(text);
  const expanded = expandShorthand(folded);
  const tokens = tokenize(expanded);
  const canon = canonicalize(tokens, syn);
  const seg = segment(tokens);
  const unknown = tokens.map((t) => t.kind === 'word' && t.surface.length >= 4 && !vocab.words.has(t.surface) && !vocab.stems.has(t.stem)
    && !GLUE_WORDS.has(t.surface) && !STOP_WORDS.has(t.surface) && !NEGATION_WORDS.has(t.surface));
  return { text, folded, expanded, tokens, canon, seg, unknown };
}

/**
 * A chat message as understanding reads it: `text` is cleanText(raw); a line break ends a sentence
 * ("no\ni want to ..."), so a "no" on one line does not reach into the next.
 */
export function analyzeMessage(raw: string, text: string, syn: Synonyms, vocab: Vocabulary): Analysis {
  return analyze(raw.includes('\n') ? cleanText(linesAsSentences(raw)) : text, syn, vocab);
}

/** Index of the tokens that carry meaning for matching (words and numbers, not glue, not absorbed). */
export function meaningful(a: Analysis): number[] {
  const out: number[] = [];
  a.tokens.forEach((t, i) => {
    if ((t.kind === 'word' || t.kind === 'number') && a.canon[i] !== '' && !GLUE_WORDS.has(t.surface)) out.push(i);
  });
  return out;
}
