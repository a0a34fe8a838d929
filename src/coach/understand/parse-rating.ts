// Pain ratings 0-10 in the forms people use: "3", "3/10", "3 out of 10", "two", "about a 2", "2-3"
// (the higher one: safety), "no pain" (0), "10/10". Numbers that are clearly something else ("for 5
// minutes", "size 3 dilator", "day 2", "at 8pm") are not ratings; a clear rating phrase wins over
// other numbers. Words about pain without a number we can trust give `unclear`.
import type { Analysis } from './analyze.js';
import { numberValue, AMBIGUOUS_NUMBER_WORDS } from './number-words.js';

export interface RatingResult {
  rating?: number;
  unclear: boolean;
}

const UNITS = new Set(['minute', 'minutes', 'min', 'mins', 'm', 'second', 'seconds', 'sec', 'secs', 's', 'hour', 'hours', 'hr', 'hrs', 'h',
  'day', 'days', 'week', 'weeks', 'wk', 'wks', 'month', 'months', 'year', 'years', 'yrs', 'times', 'time', 'x', 'cm', 'mm', 'inch', 'inches',
  'breaths', 'breath', 'reps', 'rep', 'sets', 'set', 'rounds', 'round', 'am', 'pm', 'a', 'p', 'oclock', "o'clock", '%', 'percent',
  'th', 'st', 'nd', 'rd', 'kg', 'lbs', 'lb', 'people', 'dilators', 'dilator', 'sizes', 'size', 'steps', 'step', 'exercises', 'exercise',
  'sessions', 'session', 'more', 'tonight', 'morning', 'evening', 'afternoon', 'night', 'nights', 'mornings', 'evenings', 'ml',
  'pillows', 'pillow', 'kids', 'children', 'babies', 'positions', 'position', 'fingers', 'finger', 'tries', 'attempts', 'go', 'goes',
  'of', 'weeks', 'cycles', 'seconds', 'moments', 'pages', 'messages', 'things', 'ways', 'options', 'dollars', 'euros', 'pounds', 'mg',
  'hip', 'openers', 'stretches', 'poses', 'pose', 'weekly', 'daily', 'hourly']);
const BEFORE_NOT_RATING = new Set(['size', 'sizes', 'step', 'steps', 'day', 'days', 'week', 'weeks', 'number', 'no', '#', 'dilator', 'x', 'round',
  'set', 'rep', 'position', 'option', 'exercise', 'version', 'page', 'minute', 'hour', 'for', 'by', 'top', 'until', 'till', 'since', 'from',
  'stage', 'chapter', 'lesson', 'part', 'phase', 'session', 'module', 'month', 'year', 'age', 'aged', 'tried', 'did', 'do', 'only',
  'every', 'each', 'than', 'after', 'before', 'within', 'last', 'first', 'next', 'the', 'these', 'those', 'all',
  'minus', 'negative', 'plus', 'over', 'under', 'above', 'below', 'least', 'most', 'me', 'us', 'them', 'figure', 'have', 'had', 'got']);
/** Words right before a number that make it a rating ("about a 2", "pain was 3", "I'd say 4"). */
const RATING_LEAD = new Set(['a', 'about', 'around', 'maybe', 'like', 'say', 'prob', 'probably', 'approx', 'approximately', 'roughly', 'solid',
  '~', 'rate', 'rated', 'rating', 'score', 'level', 'pain', 'was', 'is', "'s", 'be', 'call', 'honestly', 'felt', 'feels', 'stayed', 'stays',
  'hovering', 'hovered', 'remained', 'only', 'just', 'still', 'mostly', 'give', 'gave', 'its', 'tbh', 'ngl', 'at', 'hit',
  'reached', 'peaked', 'between', 'around', 'barely', 'nearly', 'almost', 'generous', 'strong', 'low', 'high', 'soft', 'hard', 'definite',
  'definitely', 'max', 'maximum', 'min', 'minimum', 'average', 'consistent', 'steady', 'comfortable', 'easy', 'ok', 'okay', 'an',
  // "maybe a 2? or 3?": a second number offered as an alternative counts too (and the higher one wins)
  'or']);
/** Words right after a number that make it a rating ("4 during", "3ish", "2 today"). */
const RATING_TAIL = new Set(['during', 'after', 'afterwards', 'afterward', 'today', 'now', 'ish', 'then', 'tops', 'max', 'maybe', 'probably',
  'prob', 'pain', 'out', 'overall', 'throughout', 'honestly', 'tbh', 'i', 'lol', 'haha', 'yesterday', 'discomfort', 'burning', 'at', 'though']);
/** Words after a number that opens the message and still leave it the answer ("2 but...", "3 tho"). */
const OPENING_TAIL = new Set(['but', 'and', 'though', 'tho', 'although', 'because', 'cause', 'cos', 'so', 'with', 'just', 'then', 'maybe',
  'i', 'it', 'its', "'s", 'ish', 'probably', 'honestly', 'not', 'no', 'yesterday', 'today']);
/** Words that may share a short message with a bare number ("ok 3", "hmm 2 i think"). */
const FILLER = new Set(['ok', 'um', 'uh', 'hmm', 'hm', 'erm', 'i', 'think', 'guess', 'maybe', 'probably', 'prob', 'like', 'about', 'around',
  'honestly', 'tbh', 'ngl', 'ish', 'yeah', 'yes', 'so', 'well', 'a', 'its', 'it', "'s", 'was', 'is', 'would', 'say', 'd', 'just', 'only',
  'lol', 'haha', 'oh', 'hey', 'today', 'now', 'then', 'pain', 'rating', 'level', 'my', 'answer', 'solid', 'maybe', 'the', 'rate']);
const PAIN_WORDS = new Set(['pain', 'pains', 'hurt', 'hurts', 'hurting', 'discomfort', 'soreness', 'sore', 'ache', 'aching', 'achy', 'painful', 'uncomfortable', 'burning', 'stinging']);
const NEGATION = new Set(['no', 'not', 'never', 'zero', 'without', 'nil', '0']);
const NEG_GAP = new Set(['have', 'had', 'has', 'feel', 'felt', 'any', 'really', 'get', 'got', 'experience', 'experienced', 'notice', 'noticed',
  'do', 'did', 'does', 'was', 'were', 'is', 'be', 'been', 'a', 'the', 'much', 'at', 'all', 'even', 'real', 'it', 'there', "'s"]);
const MORE_THAN_NONE = new Set(['much', 'lot', 'lots', 'too', 'that', 'very', 'as', 'so', 'many', 'terribly', 'super', 'hugely', 'badly', 'more', 'extremely']);
const UNCLEAR_WORDS = new Set(['mild', 'mildly', 'moderate', 'moderately', 'severe', 'bad', 'terrible', 'awful', 'horrible', 'unbearable',
  'excruciating', 'intense', 'agony', 'agonizing', 'agonising', 'painful', 'hurt', 'hurts', 'hurting', 'hurted', 'sore', 'uncomfortable',
  'discomfort', 'slight', 'slightly', 'manageable', 'tolerable', 'bearable', 'meh', 'okayish', 'unpleasant', 'ache', 'achy', 'aching',
  'pain', 'painful', 'worse', 'worst', 'stings', 'stung', 'burned', 'burnt', 'burning', 'tender', 'sharp', 'killing', 'hell', 'brutal',
  'rough', 'tough', 'ouch', 'ow', 'owie']);

interface Candidate { value: number; strong: boolean; index: number; wide?: boolean }

function surf(a: Analysis, i: number): string { return a.tokens[i]?.surface ?? ''; }

export function parseRating(a: Analysis): RatingResult {
  const t = a.tokens;
  const words = t.filter((x) => x.kind === 'word' || x.kind === 'number').length;
  const cands: Candidate[] = [];
  let overScale = false;
  const consumed = new Set<number>();

  for (let i = 0; i < t.length; i++) {
    if (consumed.has(i)) continue;
    const tok = t[i]!;
    let value: number | undefined;
    const fromWord = tok.kind === 'word';
    if (tok.kind === 'number') {
      const s = tok.surface.replace(',', '.');
      if (/^\d+$/.test(s)) value = Number(s);
      else if (/^\d+\.5$/.test(s)) value = Math.ceil(Number(s));
      else if (/^\d+\.0$/.test(s)) value = Number(s);
      else continue; // times ("8:30", "8.30") and other decimals
    } else if (tok.kind === 'word') {
      value = numberValue(tok.surface);
    }
    if (value === undefined) continue;

    const prev = surf(a, i - 1), prev2 = surf(a, i - 2), next = surf(a, i + 1), next2 = surf(a, i + 2), next3 = surf(a, i + 3);
    if (prev === '/') continue;                                   // a denominator ("x/10") or a date ("3/4")
    // negative numbers: "-2", "minus 2"
    if (prev === '-' && t[i - 1]!.end === tok.start && (i === 1 || t[i - 2]!.end < t[i - 1]!.start || t[i - 2]!.kind !== 'number')) continue;

    // "0 to 10", "1-10", "scale of 1 to 10": the scale, not a rating
    if ((value === 0 || value === 1) && (next === 'to' || next === '-') && numberValue(next2) === 10) {
      consumed.add(i + 2); continue;
    }
    // scale forms "N/10", "N out of 10", "N of 10"
    const slash10 = next === '/' && numberValue(next2) === 10;
    const outOf10 = next === 'out' && next2 === 'of' && numberValue(next3) === 10 || next === 'of' && numberValue(next2) === 10 && prev !== 'step';
    if (slash10 || outOf10) {
      consumed.add(slash10 ? i + 2 : next === 'out' ? i + 3 : i + 2);
      if (value > 10) { overScale = true; continue; }
      cands.push({ value, strong: true, index: i });
      continue;
    }
    if (value > 10) continue;

    // ranges: "2-3", "2 to 3", "2 or 3", "between 2 and 4" -> the higher number (safety)
    const high = numberValue(next2);
    if (high !== undefined && high <= 10 && high > value && (next === '-' || next === 'to' || next === 'or' || next === 'and' && prev === 'between')
      && !UNITS.has(surf(a, i + 3)) && (!BEFORE_NOT_RATING.has(prev) || prev === 'from')) {
      const scaleAfter = surf(a, i + 3) === '/' && numberValue(surf(a, i + 4)) === 10;
      if (scaleAfter) consumed.add(i + 4);
      consumed.add(i + 2);
      const strong = scaleAfter || RATING_LEAD.has(prev) || wholeSentence(a, i, i + 2) || words <= 6;
      if (next === '-' && t[i + 1]!.start === tok.end && surf(a, i + 3) === '' && words > 6 && !strong) continue;
      cands.push({ value: high, strong, index: i, wide: high - value > 3 });
      continue;
    }

    // not a rating: units after, or a label before
    if (UNITS.has(next) && !(next === 'out' || next === 'of' && numberValue(next2) === 10)) continue;
    if (next === ':' && /^\d/.test(next2) || next === '.' && /^\d{2}$/.test(next2)) continue;
    if ((prev === 'past' || prev === 'to') && ['quarter', 'half', 'twenty', 'ten', 'five'].includes(prev2)) continue;
    if (next === 'at' && ['night', 'noon', 'midnight'].includes(next2)) continue;
    if (BEFORE_NOT_RATING.has(prev) && !(prev === 'only' || prev === 'just')) continue;
    if (prev === 'at' && !['pain', 'stayed', 'stay', 'was', 'is', "'s", 'it', 'remained', 'been', 'hovering', 'still'].includes(prev2)) continue;
    if ((prev === 'is' || prev === 'was' || prev === "'s") && BEFORE_NOT_RATING.has(prev2)) continue;
    if (fromWord && (next === 'of' || next === 'more' || prev === 'no' || prev === 'this' || prev === 'that' || prev === 'which' || prev === 'other' || prev === 'any' || prev === 'each')) continue;

    // "2 but there was a little blood": a number opening the message, then a conjunction, is the answer
    const opening = t.findIndex((x) => x.kind === 'word' || x.kind === 'number') === i
      && OPENING_TAIL.has(next) && numberValue(next2) === undefined;
    const whole = wholeSentence(a, i, i) || opening;
    const strong = whole || RATING_LEAD.has(prev) && !(fromWord && prev === 'a' && value === 1 && next !== '' && !RATING_TAIL.has(next))
      || RATING_TAIL.has(next) && !fromWord || next === 'ish';
    if (fromWord && (!strong || AMBIGUOUS_NUMBER_WORDS.has(tok.surface) && !whole && !RATING_LEAD.has(prev))) continue;
    cands.push({ value, strong, index: i });
  }

  // "no pain", "didn't hurt", "pain free", "painless", "none"
  const zero = zeroPain(a);
  if (zero === 'zero') cands.push({ value: 0, strong: true, index: -1 });

  const strong = cands.filter((c) => c.strong);
  let chosen: Candidate | undefined;
  if (strong.length > 0) chosen = strong.reduce((m, c) => (c.value > m.value ? c : m));
  else if (cands.length === 1 && words <= 6) chosen = cands[0];

  if (chosen && !chosen.wide) return { rating: chosen.value, unclear: false };
  const unclear = chosen?.wide === true || overScale || zero === 'some' || t.some((x) => UNCLEAR_WORDS.has(x.surface));
  return { unclear };
}

/** The number (tokens from..to) is all its sentence -- or its first clause ("zero, feel fine") -- says, apart from filler. */
function wholeSentence(a: Analysis, from: number, to: number): boolean {
  const s = a.seg.sentence[from];
  const firstClause = a.tokens.findIndex((_, j) => a.seg.sentence[j] === s && a.tokens[j]!.kind !== 'punct' && a.tokens[j]!.kind !== 'emoji');
  const byClause = a.seg.punctClause[firstClause] === a.seg.punctClause[from];
  const same = (j: number) => (byClause ? a.seg.punctClause[j] === a.seg.punctClause[from] : a.seg.sentence[j] === s);
  for (let j = 0; j < a.tokens.length; j++) {
    if (!same(j) || (j >= from && j <= to)) continue;
    const x = a.tokens[j]!;
    if (x.kind === 'punct' || x.kind === 'emoji') continue;
    if (!FILLER.has(x.surface)) return false;
  }
  return true;
}

/** 'zero' for a clear "no pain", 'some' for "not much pain", undefined when not said. */
function zeroPain(a: Analysis): 'zero' | 'some' | undefined {
  const t = a.tokens;
  const words = t.filter((x) => x.kind === 'word');
  if (words.length <= 3 && words.length > 0 && ['none', 'nothing', 'nil', 'nada', 'zilch', 'painless', 'zip'].includes(words[0]!.surface)
    && words.every((w, k) => k === 0 || ['at', 'all', 'really', 'whatsoever', 'today', 'thanks', 'honestly', 'tbh', 'lol', 'pain'].includes(w.surface))) {
    return 'zero';
  }
  let result: 'zero' | 'some' | undefined;
  for (let i = 0; i < t.length; i++) {
    const w = t[i]!.surface;
    if (w === 'painless' || (w === 'pain' || w === 'hurt') && t[i + 1]?.surface === 'free') { result ??= 'zero'; continue; }
    if (!PAIN_WORDS.has(w)) continue;
    for (let j = i - 1, gap = 0; j >= 0 && gap <= 3; j--) {
      const p = t[j]!.surface;
      if (a.seg.clause[j] !== a.seg.clause[i] && t[j]!.kind !== 'punct') break;
      if (NEGATION.has(p)) {
        const between = t.slice(j + 1, i).map((x) => x.surface);
        const after = t[i + 1]?.surface ?? '';
        if (between.some((x) => MORE_THAN_NONE.has(x)) || MORE_THAN_NONE.has(after) || after === 'a' && t[i + 2]?.surface === 'lot') {
          result = 'some';
        } else if (!(p === 'not' && (t[j + 1]?.surface === 'sure' || between.includes('sure')))) {
          result ??= 'zero';
        }
        break;
      }
      if (!NEG_GAP.has(p)) break;
      gap++;
    }
  }
  return result;
}

export interface LabelledRatings { during?: number; after?: number }

const NUM = '(\\d{1,2}|zero|one|two|three|four|five|six|seven|eight|nine|ten)';
const DURING = '(?:during|while|in the moment|at the time)';
const AFTER = '(?:after|afterwards|afterward|now)';
const SCALE = '(?:\\s*(?:/|out of)\\s*10)?';

/** Ratings named for their moment in one message: "during 1 after 3", "1 during, 3 afterwards", "during was 2 and now 1". */
export function parseLabelledRatings(text: string): LabelledRatings {
  const t = text.toLowerCase();
  const value = (re: RegExp): number | undefined => {
    const m = re.exec(t);
    const v = m ? numberValue(m[1]!) : undefined;
    return v !== undefined && v <= 10 ? v : undefined;
  };
  const labelFirst = (label: string) => new RegExp(`\\b${label}\\b(?:\\s*(?:it\\s+)?(?:was|is|it's|its|about|around|maybe|like|a|an|pain|:|-|=))*\\s*${NUM}\\b${SCALE}`);
  const numberFirst = (label: string) => new RegExp(`\\b${NUM}${SCALE}\\s*(?:,\\s*)?\\b${label}\\b`);
  const out: LabelledRatings = {};
  const during = value(labelFirst(DURING)) ?? value(numberFirst(DURING));
  const after = value(labelFirst(AFTER)) ?? value(numberFirst(AFTER));
  if (during !== undefined) out.during = during;
  if (after !== undefined) out.after = after;
  return out;
}
