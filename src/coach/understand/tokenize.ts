// Splits folded, expanded text into word, number, punctuation and emoji tokens, each with its stem.
import { stem } from './stem.js';

export type TokenKind = 'word' | 'number' | 'punct' | 'emoji';

export interface Token {
  /** Folded surface form ("bleeding", "3", "3.5", "?", "'s"). */
  surface: string;
  /** Light stem for words; the surface for everything else. */
  stem: string;
  kind: TokenKind;
  /** Offset in the (hyphen-normalised) expanded text; tells "3-" from "- 3" and "-2" from "1-2". */
  start: number;
  /** Offset just past the token. */
  end: number;
}

const TOKEN = /(\d+(?:[.,:]\d+)*)|(\p{L}+(?:'\p{L}+)*)|('s\b)|(\.{2,}|[.!?;:,()/&+=~#%"*[\]{}<>|\\^_@$-])|(\p{Extended_Pictographic})/gu;

/** Maximum number of tokens looked at (about 2000 characters of text). */
export const MAX_TOKENS = 600;

/** Tokenize expanded text. Hyphens inside words ("self-harm", "figure-4") become spaces. */
export function tokenize(expanded: string): Token[] {
  const text = expanded.replace(/(?<=\p{L})-(?=[\p{L}\p{N}])|(?<=\p{N})-(?=\p{L})/gu, ' ');
  const tokens: Token[] = [];
  for (const m of text.matchAll(TOKEN)) {
    if (tokens.length >= MAX_TOKENS) break;
    const [whole, num, word, poss, punct] = m;
    const start = m.index, end = start + whole.length;
    if (num !== undefined) tokens.push({ surface: num, stem: num, kind: 'number', start, end });
    else if (word !== undefined) tokens.push({ surface: word, stem: stem(word), kind: 'word', start, end });
    else if (poss !== undefined) tokens.push({ surface: "'s", stem: "'s", kind: 'word', start, end });
    else if (punct !== undefined) tokens.push({ surface: punct, stem: punct, kind: 'punct', start, end });
    else tokens.push({ surface: whole, stem: whole, kind: 'emoji', start, end });
  }
  return tokens;
}
