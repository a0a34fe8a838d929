// The safety lexicon (flows/safety-lexicon.yaml) compiled for matching: each concept is a list of
// token patterns ("word", "stem*", "two words"), tokenised exactly like a message is.
import { foldText } from '../normalize-text.js';
import { expandShorthand } from '../expand-shorthand.js';
import { tokenize } from '../tokenize.js';

/** Every concept the safety rules reason with; the lexicon must define each one (the loader checks). */
export const CONCEPTS = [
  // who
  'self', 'person', 'not_a_person',
  // crisis: death, ending, self-harm
  'suicide_word', 'suicide_weak', 'emergency', 'passive', 'hope_positive', 'plan', 'die', 'life', 'vanish', 'ending', 'want', 'hopeless', 'finality', 'despair', 'aftermath',
  'means', 'means_verb', 'means_place', 'means_tool', 'contemplate', 'quantity', 'benign_meds',
  'harm_verb', 'body_part', 'wound', 'injury_sign', 'on_purpose', 'relapse', 'accident',
  // crisis: someone hurting or coercing
  'violence', 'sexual_force', 'not_stopping', 'threat', 'speech', 'worry', 'relationship_worry', 'control', 'fear', 'anger_strong', 'anger_soft',
  'coerce_soft', 'refusal', 'sex_or_practice', 'conditional',
  // time and certainty
  'past_marker', 'present_marker', 'hedge', 'minimiser', 'laughter', 'idiom_death', 'resolved', 'resolved_now', 'improving',
  // red flags
  'blood', 'blood_colour', 'blood_mark', 'practice_object', 'period', 'period_ruled_out', 'explained',
  'fever', 'fever_number', 'temperature', 'smell', 'smell_bad', 'smell_ok', 'infection', 'discharge', 'discharge_odd', 'itch', 'pee',
  'burn', 'often', 'swollen', 'lump', 'lump_strong', 'lump_place', 'not_lump_place', 'pressure', 'persistent', 'pain', 'sharp',
  'escalate', 'not_settled',
  // questions and reports
  'report', 'warning_signs', 'general_frame', 'reported_question',
] as const;
export type Concept = typeof CONCEPTS[number];

export interface Piece { text: string; prefix: boolean }
export interface Pattern { pieces: Piece[]; source: string }
export type CompiledLexicon = Record<Concept, Pattern[]>;

/** Splits one lexicon entry into token pieces; a trailing "*" on a word makes its last piece a prefix. */
export function compilePattern(entry: string): Pattern | undefined {
  const pieces: Piece[] = [];
  for (const raw of entry.trim().split(/\s+/)) {
    const prefix = raw.endsWith('*');
    const word = prefix ? raw.slice(0, -1) : raw;
    const tokens = tokenize(expandShorthand(foldText(word)));
    tokens.forEach((t, i) => pieces.push({ text: t.surface, prefix: prefix && i === tokens.length - 1 }));
  }
  return pieces.length > 0 ? { pieces, source: entry } : undefined;
}

export function compileLexicon(concepts: Readonly<Record<string, readonly string[]>>): CompiledLexicon {
  const out = {} as CompiledLexicon;
  for (const name of CONCEPTS) {
    out[name] = (concepts[name] ?? []).map(compilePattern).filter((p): p is Pattern => p !== undefined);
  }
  return out;
}
