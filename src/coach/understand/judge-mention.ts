// Deciding what a mention of a symptom means in its sentence: reported now ("spotting after
// practice"), denied ("no bleeding", "fever's gone", "never had a fever"), or unclear and worth a
// question ("what if I bleed?", "maybe a little blood?", "I used to get thrush years ago").
import type { Analysis } from './analyze.js';
import type { TermHit } from './term-match.js';
import { GLUE_WORDS } from './stopwords.js';

export type Verdict = 'clear' | 'unclear' | 'negated';

export interface Judgement {
  verdict: Verdict;
  /** Short reason, for tests and debugging ("negated by 'no'", "question", "hedge 'maybe'"). */
  why: string;
}

const NEGATION_CUES = new Set(['no', 'not', 'never', 'without', 'none', 'nor', 'neither', 'zero', 'non', 'nothing', 'nope', 'nah']);
/** "not sure", "don't think", "don't know if": uncertainty, not denial. */
const HEDGE_AFTER_NOT = new Set(['sure', 'certain', 'know', 'think', 'believe', 'positive', 'convinced', '100', 'clear']);
/** "no more than", "not only", "not just", "no idea": not a denial of what follows. */
const NOT_DENIAL_AFTER = new Set(['more', 'only', 'just', 'even', 'idea', 'clue', 'matter', 'wonder', 'doubt', 'one']);
/** "not much", "not a lot", "not that much": some is present. */
const MINIMIZER_AFTER_NOT = new Set(['much', 'many', 'lot', 'lots', 'tons', 'loads', 'terribly', 'heavy', 'heavily', 'big']);
/** Verbs that end a symptom: a negation in front of them means it continues ("hasn't stopped bleeding"). */
const RESOLVE_STEMS = new Set(['stop', 'end', 'eas', 'settl', 'subsid', 'clear', 'heal', 'disappear', 'ceas', 'quit', 'finish', 'resolv', 'vanish', 'fad', 'calm', 'pass', 'lift', 'dri']);
/** Stems that look like an ending but are not ("quite" stems to "quit"). */
const NOT_RESOLVE_SURFACES = new Set(['quite', 'passage', 'passing', 'lifted', 'finished', 'dried', 'calmer', 'calming']);
const RESOLVE_SURFACES = new Set(['gone', 'over', 'done', 'finished', 'free', 'resolved', 'cleared', 'stopped', 'ended']);
const IMPROVING = new Set(['better', 'improv', 'improving', 'improved', 'less', 'lighter', 'easing', 'subsiding', 'fading']);
const POST_ANSWER_NO = new Set(['no', 'none', 'nope', 'nah', 'negative', 'zero', 'nil', 'gone', 'nothing', '0', 'n', 'x']);
const POST_NOT_DENIAL = new Set(['there', 'present', 'issue', 'problem', 'happening', 'anymore', 'really', 'at', 'any', 'a']);
const QUESTION_AUX = new Set(['is', 'are', 'am', 'do', 'does', 'can', 'could', 'should', 'would', 'will', 'shall', 'may', 'might', 'must']);
const QUESTION_AUX_NEEDS_SUBJECT = new Set(['was', 'were', 'did', 'have', 'has', 'had']);
const WH = new Set(['what', 'why', 'how', 'when', 'where', 'which', 'who']);
const SUBJECT_AFTER_AUX = new Set(['i', 'it', 'you', 'this', 'that', 'there', 'we', 'she', 'he', 'they', 'my', 'the', 'a', 'an', 'any', 'anyone', 'anybody', 'some', 'those', 'these', 'your']);
const LEADING_FILLER = new Set(['so', 'and', 'but', 'ok', 'also', 'um', 'uh', 'well', 'hey', 'hi', 'oh', 'then', 'hmm', 'or', 'like', 'just', 'quick', 'question', 'sorry', 'please', 'honestly', 'btw', 'anyway', 'anyways']);
const HYPOTHETICAL = new Set(['if', 'whether', 'might', 'may', 'could', 'would', 'should', 'supposed', 'afraid', 'scared', 'worried', 'worry',
  'worrying', 'fear', 'feared', 'fearing', 'scary', 'concern', 'concerned', 'concerning', 'risk', 'risks', 'risky', 'chance', 'chances',
  'prevent', 'preventing', 'avoid', 'avoiding', 'normal', 'expect', 'expected', 'possible', 'likely', 'unlikely', 'eventually', 'future',
  'will', 'sign', 'signs', 'symptom', 'symptoms', 'cause', 'causes', 'causing', 'nervous', 'terrified', 'paranoid',
  'unless', 'incase', 'imagine', 'hypothetically', 'ok', 'okay', 'safe']);
const HEDGES = new Set(['maybe', 'perhaps', 'possibly', 'unsure', 'guess', 'wonder', 'wondering', 'uncertain', 'unclear', 'dunno', 'idk', 'suppose', 'apparently', 'seemingly', 'somewhat']);
const HEDGE_BIGRAMS = new Set(['kind of', 'sort of', 'could be', 'might be', 'may be', 'hard to', 'can not', 'not sure', 'not certain', 'no idea', 'i think?']);
const MINIMIZERS = new Set(['hardly', 'barely', 'scarcely']);
const PRESENT_MARKERS = new Set(['now', 'again', 'still', 'currently', 'today', 'tonight', 'since', 'lately', 'recently', 'morning', 'yesterday', 'anymore']);
const OTHER_PEOPLE = new Set(['friend', 'friends', 'sister', 'sisters', 'mom', 'mum', 'mother', 'cousin', 'aunt', 'someone', 'somebody', 'people', 'women', 'others', 'anyone', 'everyone', 'girls', 'daughter', 'grandma', 'colleague', 'coworker', 'roommate']);

interface Ctx { a: Analysis; clauseStart: number; clauseEnd: number }

function surf(a: Analysis, i: number): string { return a.tokens[i]?.surface ?? ''; }
function stemAt(a: Analysis, i: number): string { return a.tokens[i]?.stem ?? ''; }
function isWord(a: Analysis, i: number): boolean { const k = a.tokens[i]?.kind; return k === 'word' || k === 'number'; }

function bounds(a: Analysis, i: number, by: number[]): [number, number] {
  const c = by[i];
  let s = i, e = i;
  while (s > 0 && by[s - 1] === c) s--;
  while (e < a.tokens.length - 1 && by[e + 1] === c) e++;
  return [s, e];
}

/** Is token j a word that ends a symptom ("stopped", "gone", "went away", "cleared up")? */
function isResolution(a: Analysis, j: number): boolean {
  const w = surf(a, j), st = stemAt(a, j);
  if (RESOLVE_SURFACES.has(w)) return true;
  if (RESOLVE_STEMS.has(st) && !NOT_RESOLVE_SURFACES.has(w)) return true;
  if (st === 'go' || st === 'went') return surf(a, j + 1) === 'away' || w === 'gone';
  return false;
}

/** A negation word within `span` words before j (inside [from, j)). */
function negatedBefore(a: Analysis, j: number, from: number, span = 3): boolean {
  for (let k = j - 1, seen = 0; k >= from && seen < span; k--) {
    if (!isWord(a, k)) continue;
    if (NEGATION_CUES.has(surf(a, k))) return true;
    seen++;
  }
  return false;
}

function nextWord(a: Analysis, i: number, skipGlue = false): number {
  for (let k = i + 1; k < a.tokens.length; k++) {
    if (!isWord(a, k)) continue;
    if (skipGlue && GLUE_WORDS.has(surf(a, k))) continue;
    return k;
  }
  return -1;
}

export function judgeMention(a: Analysis, hit: TermHit): Judgement {
  const [clauseStart, clauseEnd] = bounds(a, hit.start, a.seg.clause);
  const ctx: Ctx = { a, clauseStart, clauseEnd };

  const answered = postAnswer(ctx, hit);
  if (answered) return answered;

  // "there was no blood" against the term "there was blood": a negation inside the matched span
  const inside = new Set(hit.positions);
  for (let j = hit.start + 1; j < hit.end; j++) {
    if (!inside.has(j) && NEGATION_CUES.has(surf(a, j)) && !HEDGE_AFTER_NOT.has(surf(a, nextWord(a, j)))) {
      return { verdict: 'negated', why: `negated inside by '${surf(a, j)}'` };
    }
  }

  const before = negationBefore(ctx, hit);
  if (before.verdict !== 'clear') return before;
  const continuing = before.why === 'continuing';

  if (!continuing) {
    const after = resolutionAfter(ctx, hit);
    if (after) return after;
  }

  const q = question(ctx, hit);
  if (q) return q;

  const marker = clauseMarkers(ctx, hit);
  if (marker) return marker;

  if (hit.fuzzy) return { verdict: 'unclear', why: 'typo-level match' };
  return { verdict: 'clear', why: continuing ? 'continuing' : 'stated' };
}

/** "Bleeding: no", "fever? none", "bleeding - gone". */
function postAnswer({ a }: Ctx, hit: TermHit): Judgement | undefined {
  let k = hit.end + 1, puncts = 0;
  while (k < a.tokens.length && a.tokens[k]!.kind === 'punct' && puncts < 2 && /^[:?=,.!-]$/.test(surf(a, k))) { k++; puncts++; }
  if (k >= a.tokens.length || !POST_ANSWER_NO.has(surf(a, k))) return undefined;
  if (puncts === 0 && !['none', 'nil', 'gone', 'zero', 'nope', 'nah'].includes(surf(a, k))) return undefined;
  const after = a.tokens[k + 1];
  if (after && after.kind === 'word' && !['and', 'or', 'at', 'thanks', 'thank', 'though'].includes(after.surface)) return undefined;
  return { verdict: 'negated', why: `answered '${surf(a, k)}'` };
}

function negationBefore({ a, clauseStart }: Ctx, hit: TermHit): Judgement {
  let content = 0;
  for (let j = hit.start - 1; j >= clauseStart; j--) {
    if (!isWord(a, j)) continue;
    const w = surf(a, j);
    if (NEGATION_CUES.has(w)) {
      const n1 = nextWord(a, j);
      const n1w = surf(a, n1);
      const n1g = nextWord(a, j, true);
      if (w === 'nothing' && content > 0) { content++; continue; }
      if (n1 >= 0 && n1 < hit.start && HEDGE_AFTER_NOT.has(n1w)) return { verdict: 'unclear', why: `hedge 'not ${n1w}'` };
      if (n1 >= 0 && n1 < hit.start && NOT_DENIAL_AFTER.has(n1w) && !(n1w === 'more' && nextWord(a, n1) === hit.start)) {
        content++; continue;
      }
      if (n1g >= 0 && n1g < hit.start && MINIMIZER_AFTER_NOT.has(surf(a, n1g))) {
        return { verdict: 'unclear', why: `minimised '${w} ${surf(a, n1g)}'` };
      }
      for (let k = j + 1; k < hit.start; k++) {
        if (isResolution(a, k)) return { verdict: 'clear', why: 'continuing' };
      }
      return { verdict: 'negated', why: `negated by '${w}'` };
    }
    // "stopped bleeding", "finished spotting": ended before the mention
    if (content < 2 && RESOLVE_SURFACES.has(w) && w !== 'free' && w !== 'over' && w !== 'done') {
      if (negatedBefore(a, j, clauseStart)) return { verdict: 'clear', why: 'continuing' };  // "hasn't stopped bleeding"
      return { verdict: 'negated', why: `resolved '${w}'` };
    }
    if (!GLUE_WORDS.has(w)) content++;
    if (content > 8) break;
  }
  return { verdict: 'clear', why: '' };
}

/** "fever's gone", "the bleeding stopped", "fever free", but not "won't go away" / "hasn't stopped". */
function resolutionAfter({ a, clauseEnd }: Ctx, hit: TermHit): Judgement | undefined {
  let content = 0;
  for (let j = hit.end + 1; j <= clauseEnd; j++) {
    if (!isWord(a, j)) continue;
    const w = surf(a, j);
    if (w === 'free' && j > hit.end + 2) { content++; continue; }
    if (isResolution(a, j)) {
      if (negatedBefore(a, j, hit.end + 1)) return { verdict: 'clear', why: 'continuing' };
      return { verdict: 'negated', why: `resolved '${w}'` };
    }
    if (IMPROVING.has(w) || IMPROVING.has(stemAt(a, j))) return { verdict: 'unclear', why: `improving '${w}'` };
    if (w === 'not' && content < 3) {
      const n = surf(a, nextWord(a, j));
      // "a smell that wasn't there before" is new, not denied
      if (POST_NOT_DENIAL.has(n) && !['before', 'until', 'last', 'previously'].includes(surf(a, nextWord(a, nextWord(a, j))))) return { verdict: 'negated', why: `'not ${n}' after` };
      if (MINIMIZER_AFTER_NOT.has(n)) return { verdict: 'unclear', why: `minimised 'not ${n}'` };
    }
    if (w === 'anymore' && negatedBefore(a, j, hit.end + 1, 6)) return { verdict: 'negated', why: 'not anymore' };
    if (!GLUE_WORDS.has(w)) content++;
    if (content > 5) break;
  }
  return undefined;
}

function question({ a, clauseStart }: Ctx, hit: TermHit): Judgement | undefined {
  // the clause opens like a question: "is it normal to spot", "should I worry about bleeding"
  let first = clauseStart;
  while (first < hit.start && (!isWord(a, first) || LEADING_FILLER.has(surf(a, first)))) first++;
  const w = surf(a, first);
  const next = surf(a, nextWord(a, first));
  if (first < hit.start) {
    if (QUESTION_AUX.has(w) && next !== 'not') return { verdict: 'unclear', why: `question '${w}'` };
    if (QUESTION_AUX_NEEDS_SUBJECT.has(w) && SUBJECT_AFTER_AUX.has(next)) return { verdict: 'unclear', why: `question '${w} ${next}'` };
    if (WH.has(w) && (QUESTION_AUX.has(next) || QUESTION_AUX_NEEDS_SUBJECT.has(next) || next === 'if' || next === 'about' || next === "'s")) {
      return { verdict: 'unclear', why: `question '${w} ${next}'` };
    }
  }
  // "...bleeding?" with no comma or full stop between the mention and the question mark
  const s = a.seg.sentence[hit.start]!;
  if (a.seg.questionSentence[s]) {
    let q = hit.end;
    while (q < a.tokens.length && a.seg.sentence[q] === s && surf(a, q) !== '?') q++;
    if (q < a.tokens.length && surf(a, q) === '?' && a.seg.punctClause[q] === a.seg.punctClause[hit.end]) {
      return { verdict: 'unclear', why: 'question mark' };
    }
  }
  return undefined;
}

function clauseMarkers({ a, clauseStart, clauseEnd }: Ctx, hit: TermHit): Judgement | undefined {
  const inHit = new Set(hit.positions);
  for (let j = clauseStart; j <= clauseEnd; j++) {
    if (!isWord(a, j) || inHit.has(j)) continue;
    const w = surf(a, j);
    const bigram = `${w} ${surf(a, j + 1)}`;
    // "won't go away", "couldn't get it in": a negated modal states a fact, it is not a hypothetical
    if (HYPOTHETICAL.has(w) && !(w === 'ok' || w === 'okay' || w === 'safe') && surf(a, j + 1) !== 'not') {
      return { verdict: 'unclear', why: `hypothetical '${w}'` };
    }
    if ((w === 'ok' || w === 'okay' || w === 'safe') && j < hit.start && (surf(a, j + 1) === 'to' || surf(a, j + 1) === 'if')) {
      return { verdict: 'unclear', why: `hypothetical '${w}'` };
    }
    if (w === 'what' && surf(a, j + 1) === 'if') return { verdict: 'unclear', why: "hypothetical 'what if'" };
    if (w === 'in' && surf(a, j + 1) === 'case') return { verdict: 'unclear', why: "hypothetical 'in case'" };
    if (HEDGES.has(w) || HEDGE_BIGRAMS.has(bigram) && (bigram !== 'can not' || /^(tell|say|be)$/.test(surf(a, j + 2)))) {
      return { verdict: 'unclear', why: `hedge '${HEDGES.has(w) ? w : bigram}'` };
    }
    if (MINIMIZERS.has(w)) return { verdict: 'unclear', why: `minimised '${w}'` };
    if (OTHER_PEOPLE.has(w) && j < hit.start) return { verdict: 'unclear', why: `someone else '${w}'` };
  }
  // a long-past mention ("I used to get thrush years ago") without anything saying "now"
  const s = a.seg.sentence[hit.start]!;
  let past = '', present = false;
  for (let j = 0; j < a.tokens.length; j++) {
    if (a.seg.sentence[j] !== s || !isWord(a, j) || inHit.has(j)) continue;
    const w = surf(a, j), n = surf(a, j + 1), p = surf(a, j - 1);
    if (PRESENT_MARKERS.has(w) || `${p}_${w}` === 'last_night') { present = true; continue; }
    if (w === 'used' && n === 'to') past = 'used to';
    else if (w === 'ago' && /^(years?|months?|weeks?|while|long|ages)$/.test(p)) past = `${p} ago`;
    else if ((w === 'year' || w === 'month' || w === 'week') && p === 'last') past = `last ${w}`;
    else if (w === 'years' || w === 'history' || w === 'childhood' || w === 'previously' || w === 'formerly') past = w;
    else if (w === 'past' && p === 'the') past = 'in the past';
    else if ((w === 'kid' || w === 'teen' || w === 'teenager' || w === 'child') && p === 'a' && surf(a, j - 2) === 'as') past = `as a ${w}`;
    else if (w === 'when' && n === 'i' && surf(a, j + 2) === 'was') past = 'when I was';
  }
  if (past && !present) return { verdict: 'unclear', why: `long ago '${past}'` };
  return undefined;
}
