// Crisis language (self-harm, suicide, abuse, danger, emergency). Conservative on purpose: a false
// alarm gets a caring message with emergency contacts, a miss can cost a life. The only thing that
// cancels a mention is an adjacent plain negation of a one-word term ("I'm not suicidal", "not an
// emergency"); questions, hypotheticals and "I don't want to die" all count. Crisis phrases are idioms, so their
// words must come in order with only glue words between ("nothing much felt safe" is not "don't feel safe").
import type { Analysis } from './analyze.js';
import { meaningful } from './analyze.js';
import type { Synonyms } from './synonyms.js';
import { compileTerm, findPhrase, type Term } from './term-match.js';
import { GLUE_WORDS } from './stopwords.js';

/** A floor of crisis phrases that always apply, in addition to the content's `crisis_terms`. */
export const BASE_CRISIS_TERMS: readonly string[] = [
  'suicide', 'suicidal', 'kill myself', 'killing myself', 'end my life', 'ending my life', 'end it all', 'ending it all',
  'take my own life', 'want to die', 'wish I was dead', 'wish I were dead', 'better off dead', "don't want to live",
  'no reason to live', 'not worth living', 'self harm', 'self-harm', 'harm myself', 'hurt myself', 'hurting myself',
  'cut myself', 'cutting myself', 'overdose', 'hits me', 'hit me', 'beats me', 'beat me', 'abuse', 'abused', 'abusive',
  'raped', 'rape', 'forced me', 'forces me', 'made me have sex', 'not safe at home', "don't feel safe", 'afraid of my partner',
  'scared of my partner', 'emergency', 'call 911', 'call 999', 'call 112', 'ambulance', 'unconscious', 'passed out',
];

const SKIPPABLE = new Set(['feeling', 'feel', 'being', 'been', 'really', 'actually', 'currently', 'having', 'any', 'at', 'all', 'in']);
const NEGATIONS = new Set(['not', 'no', 'never']);

export function compileCrisisTerms(contentTerms: readonly string[], syn: Synonyms): Term[] {
  const seen = new Set<string>();
  const out: Term[] = [];
  for (const t of [...contentTerms, ...BASE_CRISIS_TERMS]) {
    const term = compileTerm(t, syn, 6);
    if (!term) continue;
    const key = term.words.map((w) => w.canon).join(' ');
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(term);
  }
  return out;
}

export function detectCrisis(a: Analysis, terms: readonly Term[]): boolean {
  const content = meaningful(a);
  for (const term of terms) {
    for (const hit of findPhrase(term, a, content)) {
      if (term.words.length === 1 && plainlyNegated(a, hit.start)) continue;
      if (/\bme$/.test(term.text.trim().toLowerCase()) && thingIsSubject(a, hit.start)) continue;
      return true;
    }
  }
  return false;
}

const THINGS = new Set(['it', 'this', 'that', 'which', 'dilator', 'dilators', 'exercise', 'exercises', 'stretch', 'practice', 'sex', 'lube', 'step']);
const SUBJECT_GAP = new Set(['is', "'s", 'was', 'will', 'would', 'going', 'gonna', 'to', 'always', 'sometimes', 'still', 'really', 'just', 'ever', 'not', 'be', 'the', 'a']);

/** "is it going to hurt me?", "this hits me hard": a threat needs a person, not "it" or the dilator. */
function thingIsSubject(a: Analysis, start: number): boolean {
  for (let j = start - 1, seen = 0; j >= 0 && seen < 4; j--, seen++) {
    const w = a.tokens[j]!.surface;
    if (THINGS.has(w)) return true;
    if (!SUBJECT_GAP.has(w)) return false;
  }
  return false;
}

function plainlyNegated(a: Analysis, start: number): boolean {
  for (let j = start - 1, skipped = 0; j >= 0 && skipped <= 2; j--) {
    const t = a.tokens[j]!;
    if (t.kind !== 'word' || a.seg.clause[j] !== a.seg.clause[start]) return false;
    if (NEGATIONS.has(t.surface)) return true;
    if (!GLUE_WORDS.has(t.surface) && !SKIPPABLE.has(t.surface)) return false;
    skipped++;
  }
  return false;
}
