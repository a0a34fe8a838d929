// Sentence and clause boundaries over a token list. Negation scope, questions and hedges are all
// judged inside one clause: "no pain but some bleeding" has two clauses, "no bleeding or fever" one.
import type { Token } from './tokenize.js';
import { GLUE_WORDS, STOP_WORDS, NEGATION_WORDS } from './stopwords.js';

export interface Segments {
  /** Sentence index of each token (sentences end at . ! ? ; and emoji). */
  sentence: number[];
  /** Clause index of each token (global numbering, increasing). */
  clause: number[];
  /** Clause index using punctuation boundaries only (for "does the ? belong to this word"). */
  punctClause: number[];
  /** Sentence index -> true when the sentence ends with a question mark. */
  questionSentence: boolean[];
}

const SENTENCE_END = new Set(['.', '!', '?', ';', '...']);
const CLAUSE_PUNCT = new Set([',', ':', '(', ')', '-', '"', '/', '&', '+', '=', '*', '[', ']', '{', '}', '<', '>', '|']);
const CONTRAST = new Set(['but', 'however', 'although', 'though', 'whereas', 'except', 'because', 'cause', 'since', 'unless', 'when', 'whenever', 'until', 'till', 'how', 'why', 'then']);
const SUBJECTS = new Set(['i', 'it', 'there', 'she', 'he', 'we', 'they', 'you', 'my', 'this', 'that']);
const STRONG_SUBJECTS = new Set(['i', 'it', 'there', 'she', 'he', 'we', 'they', 'you']);
/** Words after which a pronoun continues the clause ("looks like it's bleeding", "don't think I am"). */
const COMPLEMENT = new Set(['like', 'that', 'think', 'thought', 'know', 'knew', 'sure', 'if', 'whether', 'say', 'said', 'feel', 'felt',
  'seem', 'seems', 'seemed', 'see', 'saw', 'hope', 'guess', 'believe', 'mean', 'realise', 'realize', 'notice', 'noticed', 'worried',
  'scared', 'afraid', 'wonder', 'what', 'where', 'so', 'as', 'than', 'and', 'or', 'nor', 'am', 'is', 'are', 'was', 'were', 'do', 'does',
  'did', 'have', 'has', 'had', 'will', 'would', 'can', 'could', 'should', 'might', 'may', 'must', 'not', 'to', 'of', 'in', 'on', 'at',
  'with', 'for', 'about', 'from', 'by', 'let', 'make', 'made', 'help', 'told', 'tell', 'asked', 'ask', 'want', 'wanted', 'need', 'needed',
  'expect', 'suppose', 'supposed', 'assume', 'heard', 'read', 'remember', 'forget', 'check', 'checked', 'tried']);
/** Words that may follow a comma and still continue a list ("no bleeding, fever or odour"). */
const LIST_JOIN = new Set(['and', 'or', 'nor']);

export function segment(tokens: readonly Token[]): Segments {
  const n = tokens.length;
  const sentence = new Array<number>(n);
  const clause = new Array<number>(n);
  const punctClause = new Array<number>(n);
  const questionSentence: boolean[] = [];
  let s = 0, c = 0, pc = 0;
  let sentenceHasTokens = false;
  for (let i = 0; i < n; i++) {
    const t = tokens[i]!;
    const w = t.surface;
    if (t.kind === 'punct' && SENTENCE_END.has(w) || t.kind === 'emoji') {
      sentence[i] = s; clause[i] = c; punctClause[i] = pc;
      if (w === '?') questionSentence[s] = true;
      // a run of closing marks ("??", "?!") stays with the same sentence
      const next = tokens[i + 1];
      if (next && (next.kind === 'punct' && SENTENCE_END.has(next.surface) || next.kind === 'emoji')) continue;
      if (sentenceHasTokens) { s++; c++; pc++; sentenceHasTokens = false; }
      continue;
    }
    if (t.kind === 'punct' && CLAUSE_PUNCT.has(w)) {
      sentence[i] = s; clause[i] = c; punctClause[i] = pc;
      if (!(w === ',' && continuesList(tokens, i))) c++;
      pc++;
      continue;
    }
    if (t.kind === 'word' && i > 0) {
      const prev = tokens[i - 1]!;
      const next = tokens[i + 1];
      const startsClause =
        CONTRAST.has(w) && !(w === 'when' && prev.surface === 'or') ||
        (w === 'so' || w === 'yet' || w === 'while' || w === 'and' || w === 'or') && next !== undefined && STRONG_SUBJECTS.has(next.surface) ||
        STRONG_SUBJECTS.has(w) && prev.kind === 'word' && isContentWord(prev.surface) && !COMPLEMENT.has(prev.surface)
          && next !== undefined && looksLikeVerb(next.surface);
      if (startsClause && clause[i - 1] === c) c++;
    }
    sentence[i] = s; clause[i] = c; punctClause[i] = pc;
    sentenceHasTokens = true;
  }
  return { sentence, clause, punctClause, questionSentence };
}

const VERBISH = new Set(['am', 'is', 'are', 'was', 'were', "'s", 'have', 'has', 'had', 'do', 'does', 'did', 'will', 'would', 'can', 'could',
  'should', 'might', 'may', 'must', 'not', 'feel', 'feels', 'think', 'get', 'gets', 'got', 'keep', 'keeps', 'kept', 'still', 'just', 'also',
  'really', 'start', 'starts', 'try', 'know', 'knew', 'see', 'saw', 'bleed', 'bleeds', 'bled', 'hurt', 'hurts', 'went', 'go', 'goes', 'want',
  'need', 'wonder', 'guess', 'seem', 'seems', 'look', 'looks', 'smell', 'smells', 'burn', 'burns', 'sting', 'stings', 'never', 'always',
  'usually', 'only', 'even', 'now', 'then', 'came', 'come', 'comes', 'felt', 'found', 'find', 'made', 'make', 'took', 'take']);

/** The word after a pronoun looks like a verb: "bleeding I have a fever" starts a clause, "ending it all" does not. */
function looksLikeVerb(w: string): boolean {
  return VERBISH.has(w) || w.endsWith('ed');
}

function isContentWord(w: string): boolean {
  return !GLUE_WORDS.has(w) && !STOP_WORDS.has(w) && !NEGATION_WORDS.has(w) && !SUBJECTS.has(w);
}

/** A comma continues a list when what follows (up to the next mark) is a short run of bare words. */
function continuesList(tokens: readonly Token[], comma: number): boolean {
  let words = 0;
  for (let j = comma + 1; j < tokens.length; j++) {
    const t = tokens[j]!;
    if (t.kind !== 'word') break;
    if (LIST_JOIN.has(t.surface)) continue;
    if (!isContentWord(t.surface) || CONTRAST.has(t.surface)) return false;
    words++;
    if (words > 3) return false;
  }
  return words > 0;
}
