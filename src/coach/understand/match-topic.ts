// Troubleshooting and FAQ matching: a BM25-like score of the message's meaningful words (stemmed,
// synonyms canonicalised, one-typo tolerant) against each topic's title and phrases (full weight),
// id (partial) and answer text (light), with inverse document frequency taken over the whole
// content so words that appear everywhere ("practice", "breath") count little. The same word counts
// more than a synonym of it ("sore" for a topic that says "sore" beats "pain"). Pairs of adjacent
// words that also sit together in a topic phrase ("next day", "pelvic floor") and a message that
// contains every word of a topic's title add a bonus; questions get a small boost.
import type { Analysis } from './analyze.js';
import type { Synonyms } from './synonyms.js';
import type { Content, Topic } from '../../content/schema.js';
import { foldText } from './normalize-text.js';
import { expandShorthand } from './expand-shorthand.js';
import { tokenize } from './tokenize.js';
import { canonicalize } from './synonyms.js';
import { STOP_WORDS, GLUE_WORDS, NEGATION_WORDS } from './stopwords.js';
import { withinOneEdit } from './edit-distance.js';

export interface TopicIndex {
  ids: string[];
  /** key ("c:canon" / "s:stem", "-" prefixed when negated) -> [topic index, weight 0..1]. */
  postings: Map<string, Array<[number, number]>>;
  /** "c:canon" / "s:stem" -> normalised inverse document frequency 0..1. */
  idf: Map<string, number>;
  /** Per topic: "a b" canon pairs adjacent in its title and phrases. */
  bigrams: Array<Set<string>>;
  /** Per topic: canons of its title's meaningful words. */
  titles: Array<Set<string>>;
  /** Per topic: its title and phrases as polar canon keys ("burn", "-relax"). */
  phrases: Array<Array<string[]>>;
  /** Words of topic titles/phrases (for typo matching). */
  vocab: Array<{ surface: string; stem: string; canon: string }>;
}

export interface TopicResult {
  topic?: string;
  candidates: string[];
}

const TITLE_WEIGHT = 1;
const ID_WEIGHT = 0.6;
const TEXT_WEIGHT = 0.35;
/** All words found only in the answer text together count at most this much. */
const TEXT_CAP = 0.3;
const BIGRAM_BONUS = 0.5;
const TITLE_BONUS = 0.5;
/** A message that contains all the meaningful words of one of a topic's phrases. */
const PHRASE_BONUS = 0.5;
/** A word that only matches through a synonym group counts this much of an exact match. */
const SYNONYM_FACTOR = 0.75;
const FUZZY_FACTOR = 0.7;
/** "no burning today": a denied word says little about what the person asks. */
const NEGATED_FACTOR = 0.3;
/** A negated word against the same word used positively in a topic ("didn't stop" vs "stops me"). */
const OPPOSITE_POLARITY = 0.4;
/** When and how often are rarely what a question is about ("last night", "this morning"). */
const TIME_FACTOR = 0.4;
const TIME_WORDS = new Set(['last', 'night', 'nights', 'morning', 'mornings', 'evening', 'afternoon', 'day', 'days', 'week', 'weeks', 'month',
  'months', 'year', 'years', 'hour', 'hours', 'minute', 'minutes', 'time', 'times', 'next', 'later', 'earlier', 'ago', 'yesterday', 'today',
  'tonight', 'tomorrow', 'recently', 'lately', 'weekend', 'first', 'second', 'again', 'once', 'twice', 'since', 'while', 'update']);
/** Questions are what topics answer. */
const QUESTION_BONUS = 1.25;
/** The best topic must be this many times the second. */
const AHEAD_RATIO = 1.3;
/** Score at which a single topic is taken as the answer (one distinctive word fully matched is about 1). */
const CONFIDENT = 1.0;
/** Scores below this are noise. */
const WEAK = 0.45;
/** A statement ("did the breathing, felt good") needs more before it is offered as a possible question. */
const STATEMENT_WEAK = 0.6;
/** A short question entirely about one topic is confident from this score. */
const QUESTION_MIN = 0.7;

function isMeaningful(surface: string, stem: string, canon: string): boolean {
  return canon !== '' && canon.length > 1 && !STOP_WORDS.has(surface) && !STOP_WORDS.has(stem) && !GLUE_WORDS.has(surface)
    && !NEGATION_WORDS.has(surface) && !/^\d+$/.test(surface);
}

interface Word { surface: string; stem: string; canon: string; negated: boolean }

const NEGATORS = new Set(['not', 'never', 'without', 'nor', 'cannot']);

function words(text: string, syn: Synonyms): Word[] {
  const tokens = tokenize(expandShorthand(foldText(text)));
  const canon = canonicalize(tokens, syn);
  const out: Word[] = [];
  tokens.forEach((t, i) => {
    if (t.kind !== 'word' || !isMeaningful(t.surface, t.stem, canon[i]!)) return;
    const negated = [1, 2].some((d) => NEGATORS.has(tokens[i - d]?.surface ?? ''));
    out.push({ surface: t.surface, stem: t.stem, canon: canon[i]!, negated });
  });
  return out;
}

function otherDocs(content: Content): string[] {
  const docs: string[] = [];
  for (const m of [...content.messages, ...content.guidance, ...content.strength]) docs.push(m.text);
  for (const e of content.circuit) {
    docs.push(`${e.name} ${e.text} ${e.cue ?? ''}`);
    for (const o of e.options ?? []) docs.push(`${o.name} ${o.text}`);
  }
  for (const st of content.steps) docs.push(`${st.name} ${st.text} ${st.target}`);
  for (const f of content.red_flags) docs.push(`${f.label} ${f.terms.join(' ')} ${f.confirm}`);
  for (const h of content.history_flags) docs.push(`${h.label} ${h.question} ${h.advice}`);
  return docs;
}

const keysOf = (w: { canon: string; stem: string }): [string, string] => [`c:${w.canon}`, `s:${w.stem}`];
const neg = (key: string, negated: boolean) => (negated ? `-${key}` : key);

export function buildTopicIndex(content: Content, syn: Synonyms): TopicIndex {
  const topics: Topic[] = [...content.troubleshooting, ...content.faq];
  const ids = topics.map((t) => t.id);
  const weights: Array<Map<string, number>> = [];
  const bigrams: Array<Set<string>> = [];
  const titles: Array<Set<string>> = [];
  const phrases: Array<Array<string[]>> = [];
  const vocabMap = new Map<string, { surface: string; stem: string; canon: string }>();
  for (const t of topics) {
    const w = new Map<string, number>();
    const add = (key: string, weight: number) => w.set(key, Math.max(w.get(key) ?? 0, weight));
    const pairs = new Set<string>();
    // how many of the title and phrases use a word: a word in several is what the topic is about
    const fields = [t.title, ...t.phrases].map((f) => words(f, syn));
    const count = new Map<string, number>();
    for (const ws of fields) for (const k of new Set(ws.flatMap((x) => keysOf(x).map((key) => neg(key, x.negated))))) count.set(k, (count.get(k) ?? 0) + 1);
    const title = fields[0] ?? [];
    const inTitle = new Set(title.flatMap((x) => keysOf(x).map((key) => neg(key, x.negated))));
    titles.push(new Set(title.map((x) => x.canon)));
    phrases.push(fields.filter((ws) => ws.length > 0).map((ws) => [...new Set(ws.map((x) => neg(x.canon, x.negated)))]));
    for (const ws of fields) {
      ws.forEach((x, k) => {
        for (const key of keysOf(x).map((kk) => neg(kk, x.negated))) {
          add(key, Math.min(TITLE_WEIGHT, 0.5 + 0.25 * (count.get(key) ?? 1) + (inTitle.has(key) ? 0.25 : 0)));
        }
        vocabMap.set(x.surface, x);
        const next = ws[k + 1];
        if (next) { pairs.add(`${x.canon} ${next.canon}`); pairs.add(`${next.canon} ${x.canon}`); }
      });
    }
    for (const x of words(t.id.replace(/[._-]+/g, ' '), syn)) for (const key of keysOf(x)) add(neg(key, x.negated), ID_WEIGHT);
    for (const x of words(t.text, syn)) for (const key of keysOf(x)) add(neg(key, x.negated), TEXT_WEIGHT);
    weights.push(w);
    bigrams.push(pairs);
  }
  // document frequency over topics and every other piece of content
  const docs: Array<Set<string>> = [
    ...topics.map((t) => new Set(words(`${t.title} ${t.phrases.join(' ')} ${t.text}`, syn).flatMap(keysOf))),
    ...otherDocs(content).map((d) => new Set(words(d, syn).flatMap(keysOf))),
  ];
  const df = new Map<string, number>();
  for (const d of docs) for (const c of d) df.set(c, (df.get(c) ?? 0) + 1);
  const n = docs.length;
  const raw = (f: number) => Math.log(1 + (n - f + 0.5) / (f + 0.5));
  const top = raw(1);
  const idf = new Map<string, number>();
  for (const [c, f] of df) idf.set(c, Math.min(1, raw(f) / top));
  const postings = new Map<string, Array<[number, number]>>();
  weights.forEach((w, ti) => {
    for (const [key, weight] of w) {
      const list = postings.get(key) ?? [];
      list.push([ti, weight]);
      postings.set(key, list);
    }
  });
  return { ids, postings, idf, bigrams, titles, phrases, vocab: [...vocabMap.values()] };
}

export interface TopicWord { canon: string; stem: string; negated: boolean; weight: number; pos: number }

/** Tokens of the message that carry topic meaning, with a weight (1; lower when denied, a typo, or about time). */
export function topicWords(a: Analysis, index: TopicIndex): TopicWord[] {
  const out: TopicWord[] = [];
  a.tokens.forEach((t, i) => {
    if (t.kind !== 'word') return;
    let canon = a.canon[i]!;
    let stem = t.stem;
    if (!isMeaningful(t.surface, t.stem, canon)) return;
    // time words count little, unless the content groups them with a meaning ("weeks" with "how long")
    let weight = TIME_WORDS.has(t.surface) && canon === t.stem ? TIME_FACTOR : 1;
    if (!index.idf.has(`c:${canon}`) && a.unknown[i] && t.surface.length >= 4) {
      const near = index.vocab.find((v) => v.surface.length >= 5 && (withinOneEdit(t.surface, v.surface) || v.stem.length >= 5 && withinOneEdit(t.stem, v.stem)));
      if (near) { canon = near.canon; stem = near.stem; weight *= FUZZY_FACTOR; }
    }
    let negated = false;
    for (let k = i - 1; k >= Math.max(0, i - 2); k--) {
      const w = a.tokens[k]!.surface;
      if (a.seg.clause[k] !== a.seg.clause[i]) break;
      if (w === 'stop' || w === 'help' || w === 'quit') break;                     // "can't stop tensing": it goes on
      if (w === 'no' || w === 'zero') { weight *= NEGATED_FACTOR; break; }          // "no burning today"
      if (NEGATORS.has(w)) { negated = true; break; }                                // "can't relax", "without realising"
    }
    out.push({ canon, stem, negated, weight, pos: i });
  });
  return out;
}

function isQuestion(a: Analysis): boolean {
  if (a.tokens.some((t) => t.surface === '?')) return true;
  const first = a.tokens.find((t) => t.kind === 'word')?.surface ?? '';
  return /^(what|why|how|when|where|which|who|is|are|do|does|did|can|could|should|would|will|am|any|anything|whats|tips|advice|help)$/.test(first);
}

/** Per-topic score of the message (before the question boost) and the share of the message it explains. */
export function scoreTopics(a: Analysis, index: TopicIndex): { scores: number[]; cover: number[] } {
  const ws = topicWords(a, index);
  const n = index.ids.length;
  const scores = new Array<number>(n).fill(0);
  const explained = new Array<number>(n).fill(0);
  const textOnly = new Array<number>(n).fill(0);
  const seen = new Map<string, TopicWord>();
  for (const w of ws) {
    const key = `${w.negated ? '-' : ''}${w.stem}`;
    if ((seen.get(key)?.weight ?? 0) < w.weight) seen.set(key, w);
  }
  let mass = 0;
  for (const w of seen.values()) {
    const [ck, sk] = keysOf(w);
    const idfC = index.idf.get(ck) ?? 0.5;
    const idfS = index.idf.get(sk) ?? idfC;
    if (!TIME_WORDS.has(w.stem) && !TIME_WORDS.has(w.canon)) mass += w.weight * idfC;
    const best = new Map<number, number>();
    const pol = (k: string, flip: boolean) => neg(k, w.negated !== flip);
    // topics that use this very word (either polarity) get the synonym group's full weight
    const exact = new Set([...(index.postings.get(pol(sk, false)) ?? []), ...(index.postings.get(pol(sk, true)) ?? [])].map(([ti]) => ti));
    const take = (key: string, factor: number, isCanon: boolean) => {
      for (const [ti, tw] of index.postings.get(key) ?? []) {
        const f = isCanon && !exact.has(ti) ? factor * SYNONYM_FACTOR : factor;
        best.set(ti, Math.max(best.get(ti) ?? 0, tw * f));
      }
    };
    take(pol(sk, false), idfS, false);
    take(pol(sk, true), idfS * OPPOSITE_POLARITY, false);
    take(pol(ck, false), idfC, true);
    take(pol(ck, true), idfC * OPPOSITE_POLARITY, true);
    for (const [ti, v] of best) {
      // words found only in a topic's answer text add up to little ("remind", "instead" in a disclaimer)
      if (v <= TEXT_WEIGHT * Math.max(idfS, idfC) + 1e-9) textOnly[ti]! += w.weight * v;
      else scores[ti]! += w.weight * v;
      explained[ti]! += w.weight * idfC;
    }
  }
  textOnly.forEach((t, ti) => { scores[ti]! += Math.min(t, TEXT_CAP); });
  for (let k = 0; k + 1 < ws.length; k++) {
    const x = ws[k]!, y = ws[k + 1]!;
    if (y.pos - x.pos > 3) continue;
    const key = `${x.canon} ${y.canon}`;
    const bonus = BIGRAM_BONUS * Math.min(x.weight, y.weight) * Math.min(index.idf.get(`c:${x.canon}`) ?? 0, index.idf.get(`c:${y.canon}`) ?? 0);
    index.bigrams.forEach((pairs, ti) => { if (pairs.has(key)) scores[ti]! += bonus; });
  }
  const present = new Set(ws.filter((w) => w.weight >= 0.5 || TIME_WORDS.has(w.canon)).map((w) => w.canon));
  index.titles.forEach((title, ti) => {
    if (title.size < 2 || ![...title].every((c) => present.has(c))) return;   // one-word titles are already counted
    const avg = [...title].reduce((sum, c) => sum + (index.idf.get(`c:${c}`) ?? 0), 0) / title.size;
    scores[ti]! += TITLE_BONUS * avg;
  });
  // a phrase of the topic said in full; worth more the more of the message it accounts for
  const polar = new Set(ws.filter((w) => w.weight >= 0.5).map((w) => neg(w.canon, w.negated)));
  const idfOf = (k: string) => index.idf.get(`c:${k.replace(/^-/, '')}`) ?? 0.5;
  index.phrases.forEach((list, ti) => {
    let bestCover = 0;
    for (const p of list) {
      const total = p.reduce((sum, k) => sum + idfOf(k), 0);
      const got = p.reduce((sum, k) => sum + (polar.has(k) ? idfOf(k) : 0), 0);
      const c = total > 0 ? got / total : 0;
      const ofPhrase = c >= 0.99 ? 1 : c >= 0.66 && p.length >= 3 ? 0.5 : 0;
      const ofMessage = mass > 0 ? Math.min(1, got / mass) : 0;
      bestCover = Math.max(bestCover, ofPhrase * ofMessage);
    }
    scores[ti]! += PHRASE_BONUS * bestCover;
  });
  return { scores, cover: explained.map((e) => (mass > 0 ? e / mass : 0)) };
}

export function matchTopic(a: Analysis, index: TopicIndex): TopicResult {
  if (index.ids.length === 0) return { candidates: [] };
  const { scores, cover } = scoreTopics(a, index);
  const question = isQuestion(a);
  const ranked = scores.map((s, i) => ({ s: question ? s * QUESTION_BONUS : s, i, cover: cover[i]! }))
    .filter((x) => x.s >= (question ? WEAK : STATEMENT_WEAK)).sort((p, q) => q.s - p.s);
  const best = ranked[0];
  if (!best) return { candidates: [] };
  const second = ranked[1]?.s ?? 0;
  const clearlyAhead = best.s >= second * AHEAD_RATIO;
  // confident: a strong match, or a short question that is entirely about this topic
  if (clearlyAhead && (best.s >= CONFIDENT || question && best.cover >= 0.8 && best.s >= QUESTION_MIN)) {
    return { topic: index.ids[best.i], candidates: [] };
  }
  const candidates = ranked.filter((x) => x.s >= best.s * 0.6).slice(0, 3).map((x) => index.ids[x.i]!);
  return { candidates };
}
