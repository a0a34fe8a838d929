// Red flags (program rules section 4) with negation scope: each mention of each content term is
// judged in its clause; a flag is reported when some mention is clear, asked about when the best
// mention is unclear (hedged, a question, long ago, a typo), and dropped only when every mention is
// denied ("no bleeding or fever", "fever's gone").
import type { Analysis } from './analyze.js';
import { meaningful } from './analyze.js';
import type { Synonyms } from './synonyms.js';
import { canonicalize } from './synonyms.js';
import { tokenize } from './tokenize.js';
import { compileTerm, findTerm, type Term, type TermHit } from './term-match.js';
import { judgeMention, type Verdict } from './judge-mention.js';
import type { RedFlag } from '../../content/schema.js';

export interface CompiledFlag {
  id: string;
  terms: Term[];
  /** Terms about bleeding: a period in the same sentence makes them unclear rather than clear. */
  bleeding: boolean;
}

export interface RedFlagResult {
  redFlags: string[];
  maybeRedFlags: string[];
}

const PERIOD_WORDS = new Set(['period', 'periods', 'menstruation', 'menstrual', 'menses', 'menstruating']);
const RETURN_WORDS = new Set(['back', 'again', 'returned', 'return', 'returning', 'restarted', 'recurring', 'recurred']);
const PRONOUNS = new Set(['it', 'that', 'this', 'which', 'they', 'those']);

export function compileRedFlags(flags: readonly RedFlag[], syn: Synonyms): CompiledFlag[] {
  const bleed = new Set(canonicalize(tokenize('bleed blood bleeding'), syn));
  return flags.map((f) => {
    const terms = f.terms.map((t) => compileTerm(t, syn)).filter((t): t is Term => t !== undefined);
    return { id: f.id, terms, bleeding: terms.some((t) => t.words.some((w) => bleed.has(w.canon))) };
  });
}

const RANK: Record<Verdict, number> = { negated: 0, unclear: 1, clear: 2 };

/**
 * `explained`: a mention the caller knows is accounted for (the message reports a clinician's evaluation
 * of it, "my midwife examined me, it's a mild prolapse, I've been cleared") is not raised again.
 */
export function detectRedFlags(a: Analysis, flags: readonly CompiledFlag[], explained?: (a: Analysis, hit: TermHit) => boolean): RedFlagResult {
  const content = meaningful(a);
  const redFlags: string[] = [];
  const maybeRedFlags: string[] = [];
  for (const flag of flags) {
    let best: Verdict | undefined;
    for (const term of flag.terms) {
      for (const hit of findTerm(term, a, content)) {
        let v = judgeMention(a, hit).verdict;
        if (v === 'clear' && flag.bleeding && sentenceHas(a, hit, PERIOD_WORDS)) v = 'unclear';
        if (v === 'clear' && laterSays(a, hit, isResolvedLater)) v = 'unclear';   // "I bled yesterday but it stopped"
        if (v === 'negated' && laterSays(a, hit, isReturnLater)) v = 'unclear';   // "the bleeding stopped but it's back"
        if (v !== 'negated' && explained?.(a, hit)) v = 'negated';
        if (best === undefined || RANK[v] > RANK[best]) best = v;
        if (best === 'clear') break;
      }
      if (best === 'clear') break;
    }
    if (best === 'clear') redFlags.push(flag.id);
    else if (best === 'unclear') maybeRedFlags.push(flag.id);
  }
  return { redFlags, maybeRedFlags };
}

/** The sentence names one of the words, not denied ("it's not my period", "outside my period" do not count). */
const EVALUATION = new Set(['examined', 'checked', 'evaluated', 'assessed', 'diagnosed', 'cleared', 'said', 'told', 'referred', 'confirmed',
  'doctor', 'gp', 'gyno', 'midwife', 'nurse', 'physio', 'clinician', 'specialist', 'physician', 'gynecologist', 'gynaecologist']);
const NEW_NOW = new Set(['now', 'again', 'new', 'since', 'still', 'started', 'starting', 'worse', 'more', 'today', 'tonight', 'back']);

/** The mention sits in a sentence about a clinician's evaluation, with nothing saying it is new or ongoing. */
export function explainedByEvaluation(a: Analysis, hit: TermHit): boolean {
  const s = a.seg.sentence[hit.start];
  const words = a.tokens.filter((_, i) => a.seg.sentence[i] === s).map((t) => t.surface);
  return words.some((w) => EVALUATION.has(w)) && !words.some((w) => NEW_NOW.has(w));
}

function sentenceHas(a: Analysis, hit: TermHit, words: ReadonlySet<string>): boolean {
  const s = a.seg.sentence[hit.start];
  return a.tokens.some((t, i) => a.seg.sentence[i] === s && words.has(t.surface)
    && !a.tokens.slice(Math.max(0, i - 3), i).some((p) => ['not', 'no', 'never', 'outside', 'between', 'without', 'nothing'].includes(p.surface)));
}

/** Does a later clause (this sentence or the next) say "it ..." with the given predicate? */
function laterSays(a: Analysis, hit: TermHit, pred: (a: Analysis, j: number) => boolean): boolean {
  const s = a.seg.sentence[hit.end]!, c = a.seg.clause[hit.end]!;
  for (let j = hit.end + 1; j < a.tokens.length; j++) {
    if (a.seg.sentence[j]! > s + 1) break;
    if (a.seg.clause[j] === c) continue;
    if (!PRONOUNS.has(a.tokens[j]!.surface)) continue;
    for (let k = j + 1; k < Math.min(a.tokens.length, j + 5); k++) {
      if (a.seg.clause[k] !== a.seg.clause[j]) break;
      if (pred(a, k)) return true;
    }
  }
  return false;
}

function isResolvedLater(a: Analysis, k: number): boolean {
  const t = a.tokens[k]!;
  const resolved = ['stopped', 'gone', 'over', 'cleared', 'resolved', 'settled', 'ended', 'finished', 'disappeared', 'subsided', 'stop']
    .includes(t.surface) || t.stem === 'go' && a.tokens[k + 1]?.surface === 'away';
  if (!resolved) return false;
  for (let p = k - 1; p >= Math.max(0, k - 3); p--) if (['not', 'never', 'no'].includes(a.tokens[p]!.surface)) return false;
  return true;
}

function isReturnLater(a: Analysis, k: number): boolean {
  const t = a.tokens[k]!;
  return RETURN_WORDS.has(t.surface) || t.stem === 'start' && a.tokens[k + 1]?.surface === 'again';
}
