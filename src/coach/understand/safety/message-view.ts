// A message seen as concept mentions placed in clauses and sentences, with the questions every safety
// rule asks of a mention: is it denied in its own clause, hedged, a question, long past, about someone
// else, a joke? Rules (assess-*.ts) combine these; nothing here knows about crisis or red flags.
import type { Analysis } from '../analyze.js';
import { NEGATION_WORDS } from '../stopwords.js';
import type { Concept } from './lexicon.js';
import type { Mention } from './tag-concepts.js';

export interface MessageView {
  a: Analysis;
  mentions: Mention[];
  by: Map<Concept, Mention[]>;
}

export function viewOf(a: Analysis, mentions: Mention[]): MessageView {
  const by = new Map<Concept, Mention[]>();
  for (const m of mentions) by.set(m.concept, [...(by.get(m.concept) ?? []), m]);
  return { a, mentions, by };
}

export const clauseOf = (v: MessageView, m: Mention): number => v.a.seg.clause[m.start]!;
export const sentenceOf = (v: MessageView, m: Mention): number => v.a.seg.sentence[m.start]!;

export type Scope = 'clause' | 'sentence' | 'message';

/** Mentions of a concept in the same clause (or sentence, or anywhere) as `m`, other than `m`'s own words. */
export function near(v: MessageView, m: Mention, concept: Concept, scope: Scope = 'clause'): Mention[] {
  const list = v.by.get(concept) ?? [];
  if (scope === 'message') return list.filter((x) => x.start > m.end || x.end < m.start);
  const key = scope === 'clause' ? v.a.seg.clause : v.a.seg.sentence;
  return list.filter((x) => key[x.start] === key[m.start] && (x.start > m.end || x.end < m.start));
}

export function has(v: MessageView, m: Mention, concept: Concept, scope: Scope = 'clause'): boolean {
  return near(v, m, concept, scope).length > 0;
}

export function all(v: MessageView, concept: Concept): Mention[] {
  return v.by.get(concept) ?? [];
}

/** Words that deny what follows in their clause. */
export const NEGATIONS: ReadonlySet<string> = new Set([...NEGATION_WORDS, 'nobody']);
/** "not sure", "don't think": uncertainty, not denial. */
const UNSURE_AFTER_NOT = new Set(['sure', 'certain', 'know', 'think', 'believe', 'positive', 'convinced', 'clear', 'remember']);
/** A frame a denial reaches through without using up its span: "not having any thoughts of ending my life". */
const DENIAL_FRAME = new Set(['any', 'thoughts', 'thought', 'urges', 'urge', 'plans', 'of', 'about', 'having', 'had', 'have', 'been']);
/** "not only", "no idea", "no more than": not a denial of what follows. */
const NOT_DENIAL_AFTER = new Set(['only', 'just', 'even', 'idea', 'clue', 'matter', 'wonder', 'doubt', 'one', 'longer']);

export type Polarity = 'affirmed' | 'denied' | 'unsure';

/**
 * Is the mention denied inside its own clause? A negation counts when it comes at most `span` words
 * before the mention, in the same clause ("no fever but bleeding": the "no" never reaches "bleeding").
 * A negation written as part of the concept itself ("not safe", "won't stop") is the concept, not a denial.
 */
export function polarity(v: MessageView, m: Mention, span = 4): Polarity {
  const { a } = v;
  const clause = a.seg.clause[m.start];
  const ownNegation = Array.from({ length: m.end - m.start + 1 }, (_, k) => a.tokens[m.start + k]!.surface).some((w) => NEGATIONS.has(w));
  if (ownNegation) return 'affirmed';
  for (let j = m.start - 1, seen = 0; j >= 0 && seen < span; j--) {
    const t = a.tokens[j]!;
    if (a.seg.clause[j] !== clause) break;
    if (t.kind !== 'word' && t.kind !== 'number') continue;
    if (!DENIAL_FRAME.has(t.surface)) seen++;
    if (!NEGATIONS.has(t.surface)) continue;
    const next = a.tokens[j + 1]?.surface ?? '';
    if (UNSURE_AFTER_NOT.has(next)) return 'unsure';
    if (NOT_DENIAL_AFTER.has(next)) continue;
    // "no one" / "nobody" as a subject ("no one would miss me") is not a denial of what follows
    if ((t.surface === 'no' && next === 'one') || t.surface === 'nobody' || t.surface === 'nothing' && j < m.start - 2) continue;
    return 'denied';
  }
  return 'affirmed';
}

/** Words of the clause (or sentence) around a mention. */
export function wordsAround(v: MessageView, m: Mention, scope: Exclude<Scope, 'message'> = 'clause'): string[] {
  const key = scope === 'clause' ? v.a.seg.clause : v.a.seg.sentence;
  const id = key[m.start];
  return v.a.tokens.filter((_, i) => key[i] === id).map((t) => t.surface);
}

/** The sentence the mention sits in ends with "?" or opens like a question ("how much ...", "should I ..."). */
export function inQuestion(v: MessageView, m: Mention): boolean {
  return isQuestionSentence(v, v.a.seg.sentence[m.start]!);
}

const FILLER = new Set(['so', 'and', 'but', 'ok', 'also', 'um', 'uh', 'well', 'hey', 'hi', 'oh', 'hmm', 'quick', 'question', 'q', 'sorry', 'please',
  'btw', 'anyway', 'just', 'random', 'another', 'one', 'more', 'thing', 'general', 'like', 'honestly', 'okay', 'right', 'wait']);
const WH = new Set(['what', 'how', 'which', 'why', 'where', 'who', 'when']);
const AUX = new Set(['is', 'are', 'am', 'do', 'does', 'did', 'can', 'could', 'should', 'would', 'will', 'shall', 'may', 'might', 'must', 'was', 'were', 'has', 'have', "'s"]);
const SUBJECT = new Set(['i', 'it', 'you', 'this', 'that', 'there', 'we', 'she', 'he', 'they', 'my', 'the', 'a', 'an', 'any', 'some', 'someone', 'anyone', 'these', 'those']);

export function isQuestionSentence(v: MessageView, s: number): boolean {
  if (v.a.seg.questionSentence[s]) return true;
  const words = v.a.tokens.filter((t, i) => v.a.seg.sentence[i] === s && t.kind === 'word').map((t) => t.surface);
  let k = 0;
  while (k < words.length && FILLER.has(words[k]!)) k++;
  const w = words[k] ?? '', n = words[k + 1] ?? '';
  if (WH.has(w) && (AUX.has(n) || n === 'if' || n === 'about' || n === 'counts' || n === 'kind' || n === 'much' || n === 'long' || n === 'signs' || n === 'symptoms')) return true;
  if (AUX.has(w) && SUBJECT.has(n)) return true;
  return words.slice(0, 6).some((x) => x === 'wondering' || x === 'wonder' || x === 'curious');
}

/**
 * Long past with nothing saying "now" in the same sentence: "years ago", "my ex used to", "as a kid".
 */
export function longPast(v: MessageView, m: Mention, scope: Exclude<Scope, 'message'> = 'sentence'): boolean {
  // "get used to it" is not the past
  const past = near(v, m, 'past_marker', scope).filter((p) => !(p.source === 'used to' && ['get', 'got', 'getting', 'be', 'am', 'is', 'are', 'was', 'were'].includes(v.a.tokens[p.start - 1]?.surface ?? '')));
  return past.length > 0 && !has(v, m, 'present_marker', scope);
}

export function hedged(v: MessageView, m: Mention, scope: Scope = 'clause'): boolean {
  return has(v, m, 'hedge', scope) || polarity(v, m) === 'unsure';
}

/** Does any mention of `concept` overlap the words of `m`? (an idiom covering "killing me") */
export function covered(v: MessageView, m: Mention, concept: Concept): boolean {
  return (v.by.get(concept) ?? []).some((x) => x.start <= m.end && x.end >= m.start);
}
