// Finds every concept mention in an analysed message: which words, which concept, where. Exact words,
// stems ("pressur*") and short runs of words; a word one typo away from a lexicon word counts too when
// the word is not a known English word ("bleding", "suicdal").
import type { Analysis } from '../analyze.js';
import { withinOneEdit } from '../edit-distance.js';
import type { CompiledLexicon, Concept, Pattern } from './lexicon.js';
import { CONCEPTS } from './lexicon.js';

export interface Mention { concept: Concept; start: number; end: number; source: string; /** matched through a typo */ fuzzy?: boolean }

interface Entry { concept: Concept; pattern: Pattern }
export interface LexiconIndex {
  exact: Map<string, Entry[]>;
  prefix: Map<string, Entry[]>;
  /** Single whole words (5+ letters) a typo may stand for. */
  fuzzy: Array<{ word: string; concept: Concept; pattern: Pattern }>;
}

const PREFIX_KEY = 3;
/** Words that may sit inside a pattern without changing its meaning. */
const FILLERS = new Set(['*', 'just', 'really', 'honestly', 'actually', 'literally', 'even', 'totally', 'simply', 'completely', 'truly', 'seriously', 'so', 'kinda', 'sorta', 'basically']);
/** Concepts whose words are distinctive enough to be recognised through a typo. */
const FUZZY_CONCEPTS = new Set<Concept>(['suicide_word', 'die', 'means', 'harm_verb', 'hopeless', 'blood', 'fever', 'smell', 'infection',
  'discharge', 'itch', 'lump', 'lump_strong', 'pressure', 'sharp', 'escalate', 'pain', 'sexual_force', 'violence']);

export function indexLexicon(lex: CompiledLexicon): LexiconIndex {
  const exact = new Map<string, Entry[]>();
  const prefix = new Map<string, Entry[]>();
  const fuzzy: LexiconIndex['fuzzy'] = [];
  for (const concept of CONCEPTS) {
    for (const pattern of lex[concept]) {
      const first = pattern.pieces[0]!;
      const entry = { concept, pattern };
      if (first.prefix) {
        const key = first.text.slice(0, PREFIX_KEY);
        prefix.set(key, [...(prefix.get(key) ?? []), entry]);
      } else {
        exact.set(first.text, [...(exact.get(first.text) ?? []), entry]);
        if (pattern.pieces.length === 1 && first.text.length >= 5 && FUZZY_CONCEPTS.has(concept)) fuzzy.push({ word: first.text, concept, pattern });
      }
    }
  }
  return { exact, prefix, fuzzy };
}

function pieceMatches(piece: Pattern['pieces'][number], surface: string): boolean {
  return piece.prefix ? surface.startsWith(piece.text) : surface === piece.text;
}

/** Every mention of every concept, in token order. */
export function tagConcepts(a: Analysis, index: LexiconIndex): Mention[] {
  const out: Mention[] = [];
  const toks = a.tokens;
  for (let i = 0; i < toks.length; i++) {
    const surface = toks[i]!.surface;
    const candidates = [...(index.exact.get(surface) ?? []), ...(surface.length >= PREFIX_KEY ? index.prefix.get(surface.slice(0, PREFIX_KEY)) ?? [] : [])];
    let matched = false;
    for (const { concept, pattern } of candidates) {
      const { pieces } = pattern;
      if (i + pieces.length > toks.length) continue;
      // the words of a pattern in a row, allowing a filler or two in between ("would just hit me")
      let j = i, ok = true;
      for (let k = 0; k < pieces.length && ok; k++) {
        if (k > 0) for (let skips = 0; skips < 2 && j < toks.length && FILLERS.has(toks[j]!.surface) && !pieceMatches(pieces[k]!, toks[j]!.surface); skips++) j++;
        ok = j < toks.length && pieceMatches(pieces[k]!, toks[j]!.surface);
        j++;
      }
      // a stem matching a word that is not English ("feverrish") is as unsure as a typo
      const typo = pieces[0]!.prefix && a.unknown[i] && surface.length > pieces[0]!.text.length + 3;
      if (ok) { out.push({ concept, start: i, end: j - 1, source: pattern.source, ...(typo ? { fuzzy: true } : {}) }); matched = true; }
    }
    if (!matched && a.unknown[i] && surface.length >= 5) {
      for (const f of index.fuzzy) {
        // a typo keeps the first letter: "bleding" is bleeding, "eight" is not "weight"
        if (f.word[0] === surface[0] && Math.abs(f.word.length - surface.length) <= 1 && withinOneEdit(surface, f.word)) {
          out.push({ concept: f.concept, start: i, end: i, source: f.pattern.source, fuzzy: true });
        }
      }
    }
  }
  return out;
}
