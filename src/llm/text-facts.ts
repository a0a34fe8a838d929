// Deterministic reading of a text for the rephrase verifier: its words, their rough stems, and the
// numeric facts it states (numbers, ranges, ratings, units, times, and whether each is a limit).
// Pure functions; no I/O.

/** Unicode-normalises and unifies quotes and dashes, so "30–60" and "30-60" read the same. */
export function normalizeText(text: string): string {
  return text.normalize('NFKC')
    .replace(/[\u2018\u2019\u201B\u02BC\u0060\u00B4]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F]/g, '"')
    .replace(/[\u00A0\u2007\u202F]/g, ' ')
    .replace(/(\d)\s*[\u2010-\u2015\u2212]\s*(\d)/g, '$1-$2')
    .replace(/\u2264/g, '<=').replace(/\u2265/g, '>=').replace(/\u00D7/g, 'x');
}

const PLACEHOLDER = /\{(\w+)\}/g;

/** The {placeholders} of a template, in order. */
export function placeholders(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[0]);
}

/** Words of a text, lower-case, without placeholders; contractions kept whole ("don't"). */
export function words(text: string): string[] {
  const plain = normalizeText(text).toLowerCase().replace(PLACEHOLDER, ' ');
  return plain.match(/[\p{L}]+(?:'[\p{L}]+)*/gu) ?? [];
}

/**
 * Rough base forms of a word: the word itself and what is left after taking off common English
 * endings. Two words are "the same word" when their candidate sets meet (gently ~ gentle, breathing ~ breathe).
 */
export function stems(word: string): string[] {
  const known = stemCache.get(word);
  if (known) return known;
  const result = computeStems(word);
  if (stemCache.size > 50_000) stemCache.clear();
  stemCache.set(word, result);
  return result;
}

const stemCache = new Map<string, string[]>();

function computeStems(word: string): string[] {
  const w = word.toLowerCase().replace(/'s$/, '').replace(/'$/, '');
  const out = new Set<string>([w]);
  const add = (s: string) => { if (s.length >= 2) { out.add(s); if (s.endsWith('e') && s.length > 3) out.add(s.slice(0, -1)); } };
  const undouble = (s: string) => (/([bdfgklmnprstz])\1$/.test(s) ? s.slice(0, -1) : s);
  add(w);
  if (w.length > 3) {
    if (w.endsWith('ies')) add(`${w.slice(0, -3)}y`);
    if (/(sh|ch|x|z|ss|s|o)es$/.test(w)) add(w.slice(0, -2));
    if (w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is')) add(w.slice(0, -1));
    if (w.endsWith('ied')) add(`${w.slice(0, -3)}y`);
    if (w.endsWith('ed') && w.length > 4) { const b = w.slice(0, -2); add(b); add(`${b}e`); add(undouble(b)); }
    if (w.endsWith('ing') && w.length > 5) { const b = w.slice(0, -3); add(b); add(`${b}e`); add(undouble(b)); }
    if (w.endsWith('ly') && w.length > 4) {
      const b = w.slice(0, -2);
      add(b); add(w.slice(0, -1));
      if (b.endsWith('i')) add(`${b.slice(0, -1)}y`);
      if (b.endsWith('al')) add(b.slice(0, -2));
    }
    if (w.endsWith('ier') || w.endsWith('iest')) add(`${w.replace(/iest$|ier$/, '')}y`);
    if (w.endsWith('er') && w.length > 4) { const b = w.slice(0, -2); add(b); add(`${b}e`); add(undouble(b)); }
    if (w.endsWith('est') && w.length > 5) { const b = w.slice(0, -3); add(b); add(`${b}e`); add(undouble(b)); }
    if (w.endsWith('ness') && w.length > 6) add(w.slice(0, -4));
    if (/[^aeiou]en$/.test(w) && w.length >= 5) add(w.slice(0, -2)); // soften ~ soft, widen ~ wide
    for (const c of [...out]) if (/[^aeiou]en$/.test(c) && c.length >= 5 && c !== w) add(c.slice(0, -2)); // softens, widening
    if (w.endsWith('ful') && w.length > 5) add(w.slice(0, -3));
  }
  return [...out];
}

/** Every stem candidate of every word of a text. */
export function stemSet(text: string): Set<string> {
  const set = new Set<string>();
  for (const w of words(text)) for (const s of stems(w)) set.add(s);
  return set;
}

export function sharesStem(word: string, set: ReadonlySet<string>): boolean {
  return stems(word).some((s) => set.has(s));
}

// ---------------------------------------------------------------------------------------------
// Numbers

const SMALL: Record<string, number> = {
  zero: 0, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17,
  eighteen: 18, nineteen: 19,
};
const TENS: Record<string, number> = { twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 };

/** Canonical unit for each spelling. A number's unit is part of the fact: "3 min" is not "3 s". */
const UNITS: Record<string, string> = {};
const unitGroups: Array<[string, string[]]> = [
  ['s', ['s', 'sec', 'secs', 'second', 'seconds']],
  ['min', ['min', 'mins', 'minute', 'minutes']],
  ['h', ['h', 'hr', 'hrs', 'hour', 'hours']],
  ['day', ['day', 'days']],
  ['week', ['week', 'weeks', 'wk', 'wks']],
  ['month', ['month', 'months']],
  ['year', ['year', 'years']],
  ['mm', ['mm', 'millimetre', 'millimetres', 'millimeter', 'millimeters']],
  ['cm', ['cm', 'centimetre', 'centimetres', 'centimeter', 'centimeters']],
  ['m', ['m', 'metre', 'metres', 'meter', 'meters']],
  ['km', ['km', 'kilometre', 'kilometres', 'kilometer', 'kilometers']],
  ['deg', ['°', 'deg', 'degree', 'degrees']],
  ['%', ['%', 'percent', 'per cent']],
  ['x', ['x', 'times']],
  ['set', ['set', 'sets']],
  ['rep', ['rep', 'reps', 'repetition', 'repetitions']],
  ['breath', ['breath', 'breaths']],
  ['lift', ['lift', 'lifts']],
  ['session', ['session', 'sessions']],
  ['mg', ['mg', 'milligram', 'milligrams']],
  ['g', ['g', 'gram', 'grams']],
  ['kg', ['kg', 'kilo', 'kilos', 'kilogram', 'kilograms']],
  ['ml', ['ml', 'millilitre', 'millilitres', 'milliliter', 'milliliters']],
];
for (const [canon, spellings] of unitGroups) for (const s of spellings) UNITS[s] = canon;
const unitAlternation = Object.keys(UNITS).sort((a, b) => b.length - a.length)
  .map((u) => u.replace(/[.*+?^${}()|[\]\\]/g, (c) => `\\${c}`).replace(/ /g, '\\s+')).join('|');

export function isUnitWord(word: string): boolean {
  return word.toLowerCase() in UNITS;
}

/** Words for quantities that are facts even though they are not digits. */
const QUANTITY_WORDS = ['half', 'double', 'triple', 'quarter', 'dozen', 'twice', 'thrice', 'once a', 'hundred', 'thousand'];

const TENS_WORDS = new RegExp(`\\b(${Object.keys(TENS).join('|')})(?:[- ](${['one', ...Object.keys(SMALL).filter((k) => SMALL[k]! < 10)].join('|')}))?\\b`, 'gi');
const SMALL_WORDS = new RegExp(`\\b(${Object.keys(SMALL).join('|')})\\b`, 'gi');
const ONE_AS_NUMBER = new RegExp(`\\bone\\b(?=\\s*-?\\s*(?:${unitAlternation})(?![\\p{L}])|\\s*(?:-|to|or|out of|/)\\s*\\d)`, 'giu');

/** Rewrites number words as digits ("thirty seconds" -> "30 seconds", "one minute" -> "1 minute"). */
export function digitsForNumberWords(text: string): string {
  let out = text.replace(TENS_WORDS, (_m, tens: string, unit?: string) => String(TENS[tens.toLowerCase()]! + (unit ? (unit.toLowerCase() === 'one' ? 1 : SMALL[unit.toLowerCase()]!) : 0)));
  out = out.replace(SMALL_WORDS, (m) => String(SMALL[m.toLowerCase()]));
  // "one" only where it is clearly a number: before a unit, or in a range or rating.
  out = out.replace(ONE_AS_NUMBER, '1');
  out = out.replace(/(\d\s*(?:-|to|or)\s*)one\b/gi, '$11');
  return out;
}

export type Direction = '' | 'max' | 'min';

export interface NumericFact {
  /** e.g. "n:2 min", "r:30-60 s", "f:2/10", "t:20:30", "d:2026-11-25", "w:half". */
  value: string;
  /** Whether the text states it as an upper limit ("2/10 or less"), a lower limit ("above 2/10"), or plainly. */
  direction: Direction;
  /** The words it was read from, for messages. */
  text: string;
}

const MAX_BEFORE = /(?:no more than|not more than|no higher than|not higher than|no greater than|no longer than|not above|not over|not exceeding|at most|up to|under|below|less than|lower than|fewer than|shorter than|<=|<|max(?:imum)?(?: of)?)\s*(?:a |an |the )?$/;
const MIN_BEFORE = /(?:more than|higher than|greater than|longer than|above|over|at least|beyond|past|exceeding|exceeds|>=|>|min(?:imum)?(?: of)?)\s*(?:a |an |the )?$/;
const MAX_AFTER = /^\s*(?:or (?:less|lower|below|under|fewer|shorter)|and (?:below|under|less)|at most|max(?:imum)?|tops)\b/;
const MIN_AFTER = /^\s*(?:(?:or|and) (?:more|higher|above|over|longer|up)|at least|\+|plus)/;

const N = String.raw`\d+(?:[.,]\d+)?`;
/** A date, a clock time, a rating, a range, an ordinal or a plain number, with an optional unit after it. */
const NUMBER_PATTERN = new RegExp([
  String.raw`(?<date>\d{4}-\d{2}-\d{2})`,
  String.raw`(?<clock>\d{1,2}:\d{2})(?:\s*(?<ampm1>am|pm)\b)?`,
  String.raw`(?<hour>\d{1,2})\s*(?<ampm2>am|pm)\b`,
  String.raw`(?<fa>${N})\s*(?:/|out of)\s*(?<fb>${N})`,
  String.raw`between\s+(?<ba>${N})\s+and\s+(?<bb>${N})`,
  String.raw`(?<ra>${N})\s*(?:-|to)\s*(?<rb>${N})(?!\s*(?:/|out of))`,
  String.raw`(?<ord>\d+)(?:st|nd|rd|th)\b`,
  String.raw`(?<n>${N})`,
].map((p) => `(?:${p})`).join('|').replace(/^/, '(?:') + ')' + String.raw`(?:\s*-?\s*(?<unit>${unitAlternation})(?![\p{L}]))?`, 'gu');
const QUANTITY_PATTERNS = QUANTITY_WORDS.map((word) => [word, new RegExp(`\\b${word}\\b`, 'g')] as const);

/** The numeric facts a text states, in order. */
export function numericFacts(raw: string): NumericFact[] {
  const text = digitsForNumberWords(normalizeText(raw).replace(PLACEHOLDER, ' ')).toLowerCase();
  const facts: NumericFact[] = [];
  const pattern = new RegExp(NUMBER_PATTERN.source, NUMBER_PATTERN.flags);
  const seen = new Set<number>();
  for (const m of text.matchAll(pattern)) {
    const start = m.index!;
    // A number glued to letters (a word like "h2o" or an id) is not a quantity we compare, except units ("3x").
    if (start > 0 && /[\p{L}\d_]/u.test(text[start - 1]!)) continue;
    if (seen.has(start)) continue;
    seen.add(start);
    const g = m.groups!;
    const unit = g.unit ? UNITS[g.unit.replace(/\s+/g, ' ')] ?? g.unit : '';
    let value: string;
    if (g.date) value = `d:${g.date}`;
    else if (g.clock) value = `t:${g.clock}${g.ampm1 ?? ''}`;
    else if (g.hour) value = `t:${g.hour}${g.ampm2}`;
    else if (g.fa) value = `f:${num(g.fa)}/${num(g.fb!)}`;
    else if (g.ba) value = `r:${num(g.ba)}-${num(g.bb!)}`;
    else if (g.ra) value = `r:${num(g.ra)}-${num(g.rb!)}`;
    else if (g.ord) value = `o:${g.ord}`;
    else value = `n:${num(g.n!)}`;
    if (unit && !value.startsWith('t:') && !value.startsWith('d:')) value += ` ${unit}`;
    const before = text.slice(Math.max(0, start - 30), start).split(/[.!?;:\n]/).at(-1) ?? '';
    const after = text.slice(start + m[0].length, start + m[0].length + 24).split(/[.!?;:\n]/)[0] ?? '';
    const direction: Direction = MAX_BEFORE.test(before) || MAX_AFTER.test(after) ? 'max' : MIN_BEFORE.test(before) || MIN_AFTER.test(after) ? 'min' : '';
    facts.push({ value, direction, text: m[0].trim() });
  }
  for (const [word, re] of QUANTITY_PATTERNS) {
    for (const _ of text.matchAll(re)) facts.push({ value: `w:${word}`, direction: '', text: word });
  }
  return facts;
}

function num(s: string): string {
  return String(Number(s.replace(',', '.')));
}

/** A fact's identity for comparison: its value and whether it is a limit. */
export function factKey(fact: NumericFact): string {
  return fact.direction ? `${fact.value} (${fact.direction})` : fact.value;
}
