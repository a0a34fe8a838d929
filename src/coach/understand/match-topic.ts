// Troubleshooting and FAQ matching: a BM25-like score of the message's meaningful words (stemmed,
// synonyms canonicalised, one-typo tolerant) against each topic's title and phrases (full weight),
// id (partial) and answer text (light), with inverse document frequency taken over the whole
// content so words that appear everywhere ("practice", "breath") count little. Pairs of adjacent
// words that also sit together in a topic phrase ("next day", "pelvic floor") add a bonus.
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
  /** canon -> list of [topic index, weight 0..1]. */
  postings: Map<string, Array<[number, number]>>;
  /** canon -> normalised inverse document frequency 0..1. */
  idf: Map<string, number>;
  /** Per topic: "a b" pairs of adjacent meaningful words in its title and phrases. */
  bigrams: Array<Set<string>>;
  /** Words of topic titles/phrases (for typo matching), with their canon. */
  vocab: Array<{ surface: string; stem: string; canon: string }>;
}

export interface TopicResult {
  topic?: string;
  candidates: string[];
}

const TITLE_WEIGHT = 1;
const ID_WEIGHT = 0.6;
const TEXT_WEIGHT = 0.35;
const BIGRAM_BONUS = 0.5;
const FUZZY_FACTOR = 0.7;
const NEGATED_FACTOR = 0.3;
/** A negated word against the same word used positively in a topic ("didn't stop" vs "stops me"). */
const OPPOSITE_POLARITY = 0.4;
/** Questions are what topics answer. */
const QUESTION_BONUS = 1.25;
/** The best topic must be this many times the second. */
const AHEAD_RATIO = 1.3;

/** Score at which a single topic is taken as the answer (one distinctive word fully matched is 1). */
const CONFIDENT = 1.0;
/** Scores below this are noise. */
const WEAK = 0.45;

function isMeaningful(surface: string, stem: string, canon: string): boolean {
  return canon !== '' && canon.length > 1 && !STOP_WORDS.has(surface) && !STOP_WORDS.has(stem) && !GLUE_WORDS.has(surface)
    && !NEGATION_WORDS.has(surface) && !/^\d+$/.test(surface);
}

interface Word { surface: string; stem: string; canon: string; negated: boolean }

const NEGATORS = new Set(['not', 'no', 'never', 'without', 'nor', 'cannot']);

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
  for (const s of content.steps) docs.push(`${s.name} ${s.text} ${s.target}`);
  for (const f of content.red_flags) docs.push(`${f.label} ${f.terms.join(' ')} ${f.confirm}`);
  for (const h of content.history_flags) docs.push(`${h.label} ${h.question} ${h.advice}`);
  return docs;
}

export function buildTopicIndex(content: Content, syn: Synonyms): TopicIndex {
  const topics: Topic[] = [...content.troubleshooting, ...content.faq];
  const ids = topics.map((t) => t.id);
  const weights: Array<Map<string, number>> = [];
  const bigrams: Array<Set<string>> = [];
  const vocabMap = new Map<string, { surface: string; stem: string; canon: string }>();
  for (const t of topics) {
    const w = new Map<string, number>();
    const add = (key: string, weight: number) => w.set(key, Math.max(w.get(key) ?? 0, weight));
    const pairs = new Set<string>();
    // how many of the title and phrases use a word: a word in several is what the topic is about
    const count = new Map<string, number>();
    const fields = [t.title, ...t.phrases].map((f) => words(f, syn));
    for (const ws of fields) for (const c of new Set(ws.map(polar))) count.set(c, (count.get(c) ?? 0) + 1);
    const inTitle = new Set((fields[0] ?? []).map(polar));
    for (const ws of fields) {
      ws.forEach((x, k) => {
        const key = polar(x);
        add(key, Math.min(TITLE_WEIGHT, 0.5 + 0.25 * (count.get(key) ?? 1) + (inTitle.has(key) ? 0.25 : 0)));
        vocabMap.set(x.surface, x);
        const next = ws[k + 1];
        if (next) { pairs.add(`${x.canon} ${next.canon}`); pairs.add(`${next.canon} ${x.canon}`); }
      });
    }
    for (const x of words(t.id.replace(/[._-]+/g, ' '), syn)) add(polar(x), ID_WEIGHT);
    for (const x of words(t.text, syn)) add(polar(x), TEXT_WEIGHT);
    weights.push(w);
    bigrams.push(pairs);
  }
  // document frequency over topics and every other piece of content
  const docs: Array<Set<string>> = [
    ...topics.map((t) => new Set(words(`${t.title} ${t.phrases.join(' ')} ${t.text}`, syn).map((x) => x.canon))),
    ...otherDocs(content).map((d) => new Set(words(d, syn).map((x) => x.canon))),
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
    for (const [c, weight] of w) {
      const list = postings.get(c) ?? [];
      list.push([ti, weight]);
      postings.set(c, list);
    }
  });
  return { ids, postings, idf, bigrams, vocab: [...vocabMap.values()] };
}

/** Posting key: the canon, prefixed with "-" when negated ("can't relax" vs "relax"). */
function polar(w: { canon: string; negated: boolean }): string {
  return w.negated ? `-${w.canon}` : w.canon;
}

/** Tokens of the message that carry topic meaning, with a weight (1, lower when denied or a typo). */
export function topicWords(a: Analysis, index: TopicIndex): Array<{ canon: string; negated: boolean; weight: number; pos: number }> {
  const out: Array<{ canon: string; negated: boolean; weight: number; pos: number }> = [];
  a.tokens.forEach((t, i) => {
    if (t.kind !== 'word') return;
    let canon = a.canon[i]!;
    if (!isMeaningful(t.surface, t.stem, canon)) return;
    let weight = 1;
    if (!index.idf.has(canon) && a.unknown[i] && t.surface.length >= 4) {
      const near = index.vocab.find((v) => v.surface.length >= 4 && (withinOneEdit(t.surface, v.surface) || withinOneEdit(t.stem, v.stem)));
      if (near) { canon = near.canon; weight = FUZZY_FACTOR; }
    }
    let negated = false;
    for (let k = i - 1; k >= Math.max(0, i - 2); k--) {
      const w = a.tokens[k]!.surface;
      if (a.seg.clause[k] !== a.seg.clause[i]) break;
      if (w === 'no' || w === 'without' || w === 'never' || w === 'zero') { weight *= NEGATED_FACTOR; break; } // "no burning today"
      if (w === 'not') { negated = true; break; }                                                            // "can't relax"
    }
    out.push({ canon, negated, weight, pos: i });
  });
  return out;
}

function isQuestion(a: Analysis): boolean {
  if (a.tokens.some((t) => t.surface === '?')) return true;
  const first = a.tokens.find((t) => t.kind === 'word')?.surface ?? '';
  return /^(what|why|how|when|where|which|who|is|are|do|does|did|can|could|should|would|will|am|any|anything|whats|tips|advice|help)$/.test(first);
}

export function matchTopic(a: Analysis, index: TopicIndex): TopicResult {
  const ws = topicWords(a, index);
  if (ws.length === 0 || index.ids.length === 0) return { candidates: [] };
  const scores = new Array<number>(index.ids.length).fill(0);
  const explained = new Array<number>(index.ids.length).fill(0);
  const seen = new Map<string, { weight: number; negated: boolean; canon: string }>();
  for (const w of ws) {
    const key = w.negated ? `-${w.canon}` : w.canon;
    if ((seen.get(key)?.weight ?? 0) < w.weight) seen.set(key, { weight: w.weight, negated: w.negated, canon: w.canon });
  }
  let mass = 0;
  for (const { weight, negated, canon } of seen.values()) {
    const idf = index.idf.get(canon) ?? 0.5;
    mass += weight * idf;
    const same = index.postings.get(negated ? `-${canon}` : canon) ?? [];
    const other = index.postings.get(negated ? canon : `-${canon}`) ?? [];
    const best = new Map<number, number>();
    for (const [ti, tw] of same) best.set(ti, Math.max(best.get(ti) ?? 0, tw));
    for (const [ti, tw] of other) best.set(ti, Math.max(best.get(ti) ?? 0, tw * OPPOSITE_POLARITY));
    for (const [ti, tw] of best) { scores[ti]! += weight * idf * tw; explained[ti]! += weight * idf; }
  }
  for (let k = 0; k + 1 < ws.length; k++) {
    const x = ws[k]!, y = ws[k + 1]!;
    if (y.pos - x.pos > 3) continue;
    const key = `${x.canon} ${y.canon}`;
    const bonus = BIGRAM_BONUS * Math.min(index.idf.get(x.canon) ?? 0, index.idf.get(y.canon) ?? 0);
    index.bigrams.forEach((pairs, ti) => { if (pairs.has(key)) scores[ti]! += bonus; });
  }
  const question = isQuestion(a);
  const ranked = scores.map((s, i) => ({ s: question ? s * QUESTION_BONUS : s, i, cover: mass > 0 ? explained[i]! / mass : 0 }))
    .filter((x) => x.s >= WEAK).sort((p, q) => q.s - p.s);
  const best = ranked[0];
  if (!best) return { candidates: [] };
  const second = ranked[1]?.s ?? 0;
  const clearlyAhead = best.s >= second * AHEAD_RATIO;
  // confident: a strong match, or a short question that is entirely about this topic
  if (clearlyAhead && (best.s >= CONFIDENT || question && best.cover >= 0.8 && best.s >= WEAK && second <= best.s / 2)) {
    return { topic: index.ids[best.i], candidates: [] };
  }
  const candidates = ranked.filter((x) => x.s >= best.s * 0.6).slice(0, 3).map((x) => index.ids[x.i]!);
  return { candidates };
}
