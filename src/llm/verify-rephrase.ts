// The deterministic gate every LLM rephrase passes before it may be sent instead of the scripted text.
// It compares the rephrase with its source (the scripted text) and fails closed: anything it cannot
// vouch for is a failure, and a failure means the scripted text goes out. Pure: no I/O, no clock, no model.
import {
  digitsForNumberWords, factKey, isUnitWord, normalizeText, numericFacts, placeholders, sharesStem, stemSet, stems, words,
} from './text-facts.js';
import { MEDICAL_TERMS_TEXT, UNSAFE_PHRASES_TEXT } from './words/medical-terms.js';
import { FUNCTION_WORDS_TEXT, STYLE_WORDS_TEXT } from './words/style-words.js';

/** Why a rephrase was refused, in the order the checks run. */
export const REPHRASE_FAILURES = [
  'empty', 'hidden_characters', 'link', 'email', 'phone', 'markup', 'unexpected_characters', 'language',
  'meta_text', 'placeholder_changed', 'number_changed', 'number_dropped', 'number_added',
  'required_term_missing', 'new_medical_term', 'unsafe_advice', 'new_instruction', 'negation_flipped',
  'unknown_word', 'too_short', 'too_long',
] as const;
export type RephraseFailure = (typeof REPHRASE_FAILURES)[number];

export interface Finding { reason: RephraseFailure; detail: string }

export type Verdict =
  | { ok: true }
  | { ok: false; reason: RephraseFailure; findings: Finding[] };

export interface VerifyOptions {
  /** Terms of the content item a rephrase must keep (flows/ `required_terms`). Terms the source lacks are ignored. */
  requiredTerms?: readonly string[];
  /** Allowed rephrase length as a share of the source's length. */
  minRatio?: number;
  maxRatio?: number;
}

// ---------------------------------------------------------------------------------------------
// Word lists, built once.

const listWords = (text: string): string[] => text.split('\n').filter((l) => !l.trim().startsWith('#')).join(' ')
  .toLowerCase().split(/\s+/).filter(Boolean);
const phraseLines = (text: string): string[] => text.split('\n').map((l) => l.trim().toLowerCase()).filter((l) => l && !l.startsWith('#'));

/** Medical/product terms: single words (matched by stem) and phrases (written with _ or -). */
const MEDICAL_SINGLE = new Set<string>();
const MEDICAL_PHRASES: string[] = [];
for (const token of listWords(MEDICAL_TERMS_TEXT)) {
  if (/[-_&]/.test(token)) MEDICAL_PHRASES.push(token.replace(/_/g, ' '));
  else MEDICAL_SINGLE.add(token);
}
/** A word is a medical term when one of its stems is the term itself ("creams" -> cream, "numbing" -> numb). */
const MEDICAL_STEMS = new Map<string, string>([...MEDICAL_SINGLE].map((t) => [t, t]));

const UNSAFE_PHRASES = phraseLines(UNSAFE_PHRASES_TEXT);

const FUNCTION_WORDS = new Set(listWords(FUNCTION_WORDS_TEXT));
/** Stems of words a rephrase may add: general English minus every medical/product term. */
const STYLE_STEMS = new Set<string>();
for (const w of [...FUNCTION_WORDS, ...listWords(STYLE_WORDS_TEXT)]) {
  if (MEDICAL_SINGLE.has(w)) continue;
  for (const s of stems(w)) if (!MEDICAL_STEMS.has(s)) STYLE_STEMS.add(s);
}

/** Verbs that, at the start of a sentence, tell the reader to do something. */
const IMPERATIVE_VERBS = new Set(listWords(`
  take use apply try ask see call contact visit consult book buy get go push insert add put increase decrease
  reduce double drink eat avoid skip stop start keep hold repeat move stretch squeeze clench tighten press rub
  massage touch breathe inhale exhale relax rest sleep lie sit stand walk run exercise practise practice continue
  change switch wait ignore tell write text email read search google watch listen check remember consider make
  give do be pick choose spend aim agree begin open kneel fold place lower raise lift slide tilt rock hum sigh
  picture imagine focus notice count drop release soften warm cool heat ice shower bathe soak wear remove clean
  wash increase extend lengthen shorten speed slow pause let
`));
/** Words after "you can/should/..." that tell nothing new (you can say, you can stop, you can choose). */
const HARMLESS_AFTER_MODAL = new Set(['be', 'feel', 'say', 'tell', 'come', 'go', 'choose', 'decide', 'stop', 'pause', 'always', 'ask']);
const SKIP_BEFORE_VERB = new Set(['so', 'and', 'then', 'now', 'just', 'please', 'gently', 'slowly', 'also', 'next', 'first', 'simply', 'finally', 'but', 'or', 'okay', 'ok', 'today', 'again', 'softly', 'calmly']);
/** Harmless fixed phrases that start like an instruction. */
const HARMLESS_IMPERATIVES = [/^take (?:care|your time|it easy)\b/, /^(?:go|take it) at your own pace\b/, /^be (?:kind|gentle|patient) (?:to|with) yourself\b/];

const NEGATION = new Set(['no', 'not', 'never', 'without', 'avoid', 'nor', 'none', 'cannot', 'instead']);

const MARKUP: Array<[RegExp, string]> = [
  [/\*\*|__/, 'bold'], [/`/, 'code'], [/^\s{0,3}#{1,6}\s/m, 'heading'], [/\[[^\]\n]*\]\([^)\n]*\)/, 'link markup'],
  [/!\[/, 'image'], [/<\/?[a-z!][^>]*>/i, 'HTML'], [/^\s{0,3}>\s/m, 'quote block'], [/^\s*\|.*\|\s*$/m, 'table'],
  [/^\s*[*+]\s/m, 'bullet'], [/~~/, 'strike-through'], [/(?:^|[\s(])[*_][^*_\n]+[*_](?=$|[\s).,!?;:])/m, 'emphasis'],
  [/&[a-z]+;|&#\d+;/i, 'HTML entity'],
];

const META: RegExp[] = [
  /\b(?:ignore|disregard|forget|override|bypass)\b[^.!?\n]{0,40}\b(?:instructions?|prompts?|rules?|guidelines?|above|previous|prior|earlier)\b/,
  /\b(?:system prompt|developer message|as an ai|as a language model|language model|i am an ai|i'm an ai|chatgpt|openai|jailbreak|new instructions?)\b/,
  /^\s*(?:assistant|user|system|rephrased?(?: text| version)?|here(?:'s| is)[^:\n]{0,40})\s*:/im,
  /\b(?:rephras\w*|reword\w*|paraphras\w*|rewrit\w*)\b/,
  /\bi (?:can't|cannot|won't|am unable to|'m unable to) (?:help|assist|do|comply|rephrase)\b/,
];

const HIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180E\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0\uFFF9-\uFFFB]|[\u{E0000}-\u{E007F}]/u;
const ALLOWED_PUNCT = new Set([...` .,;:!?'"()-/%°+=~&\n\t\u2019\u2018\u201C\u201D\u2013\u2014\u2026`]);

// ---------------------------------------------------------------------------------------------

/** Checks a rephrase against its scripted source. `ok: true` only when every check passes. */
export function verifyRephrase(source: string, rephrase: string, options: VerifyOptions = {}): Verdict {
  const findings: Finding[] = [];
  const fail = (reason: RephraseFailure, detail: string) => { findings.push({ reason, detail }); };

  if (rephrase.trim() === '') return { ok: false, reason: 'empty', findings: [{ reason: 'empty', detail: 'no text' }] };

  const hidden = HIDDEN.exec(rephrase);
  if (hidden && !source.includes(hidden[0])) fail('hidden_characters', `U+${hidden[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`);

  // Placeholders ({time}) are compared on their own; every other check reads the text around them.
  const src = normalizeText(source).replace(/\{\w+\}/g, ' ');
  const out = normalizeText(rephrase).replace(/\{\w+\}/g, ' ');
  const srcLower = src.toLowerCase();
  const outLower = out.toLowerCase();

  checkContacts(srcLower, outLower, fail);
  for (const [pattern, name] of MARKUP) if (pattern.test(out) && !pattern.test(src)) fail('markup', name);
  checkCharacters(src, out, fail);
  checkLanguage(src, out, fail);
  for (const pattern of META) {
    const m = pattern.exec(outLower);
    if (m && !pattern.test(srcLower)) fail('meta_text', m[0].trim());
  }
  checkPlaceholders(source, rephrase, fail);
  checkNumbers(source, rephrase, fail);
  checkRequiredTerms(srcLower, outLower, options.requiredTerms ?? [], fail);

  const srcStems = stemSet(src);
  checkMedicalTerms(srcLower, outLower, srcStems, fail);
  for (const [phrase, re] of unsafePatterns()) {
    if (re.test(outLower) && !re.test(srcLower)) fail('unsafe_advice', phrase);
  }
  checkInstructions(srcLower, outLower, srcStems, fail);
  checkNegations(srcLower, outLower, fail);
  checkVocabulary(out, srcStems, fail);
  checkLength(src, out, options, fail);

  if (findings.length === 0) return { ok: true };
  return { ok: false, reason: findings[0]!.reason, findings: sortFindings(findings) };
}

function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort((a, b) => REPHRASE_FAILURES.indexOf(a.reason) - REPHRASE_FAILURES.indexOf(b.reason));
}

type Fail = (reason: RephraseFailure, detail: string) => void;

function checkContacts(src: string, out: string, fail: Fail): void {
  const link = /(?:https?:\/\/|ftp:\/\/|www\.)\S+|\b[a-z0-9-]+\.(?:com|org|net|io|co|uk|de|info|health|app|ly|me|gov|edu|ai|us|ca|au|nz|eu|fr|es|nl|ie)\b/;
  const email = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/;
  const m1 = link.exec(out);
  if (m1 && !link.test(src)) fail('link', m1[0]);
  const m2 = email.exec(out);
  if (m2 && !email.test(src)) fail('email', m2[0]);
  if (/(?:^|\s)@\w{2,}/.test(out) && !/(?:^|\s)@\w{2,}/.test(src)) fail('email', 'a handle');
  for (const m of out.matchAll(/\+?\(?\d[\d\s().-]{5,}\d/g)) {
    const digits = m[0].replace(/\D/g, '');
    if (digits.length >= 7 && !/^\d{4}-\d{2}-\d{2}$/.test(m[0].trim()) && !src.includes(m[0])) { fail('phone', m[0].trim()); break; }
  }
  if (/\b(?:tel|phone|call|text|whatsapp|dial|hotline|helpline)\b[^.\n]{0,20}\b\d{3,}\b/.test(out) && !/\b(?:tel|phone|call|dial|hotline|helpline)\b/.test(src)) fail('phone', 'a number to call');
}

function checkCharacters(src: string, out: string, fail: Fail): void {
  const seen = new Set<string>();
  for (const ch of out) {
    if (seen.has(ch)) continue;
    seen.add(ch);
    if (/[0-9 ]/.test(ch) || /\p{L}/u.test(ch)) continue; // letters are the language check's business
    if (ALLOWED_PUNCT.has(ch) || src.includes(ch)) continue;
    if (/\p{M}/u.test(ch)) continue; // combining marks: judged with their letters
    fail('unexpected_characters', `"${ch}" (U+${ch.codePointAt(0)!.toString(16).toUpperCase()})`);
    return;
  }
}

function checkLanguage(src: string, out: string, fail: Fail): void {
  const foreign = [...out].find((ch) => /\p{L}/u.test(ch) && !/[A-Za-z]/.test(ch) && !src.includes(ch));
  if (foreign) { fail('language', `letter "${foreign}" the source does not use`); return; }
  const outWords = words(out);
  if (outWords.length < 6) return;
  const share = (list: string[]) => list.filter((w) => FUNCTION_WORDS.has(w)).length / Math.max(1, list.length);
  const srcShare = share(words(src));
  const outShare = share(outWords);
  if (outShare < 0.15 || outShare < srcShare * 0.5) fail('language', `only ${Math.round(outShare * 100)}% common English words (source ${Math.round(srcShare * 100)}%)`);
}

function checkPlaceholders(source: string, rephrase: string, fail: Fail): void {
  const a = placeholders(source).sort().join(' ');
  const b = placeholders(rephrase).sort().join(' ');
  if (a !== b) fail('placeholder_changed', `expected [${a}], got [${b}]`);
}

function checkNumbers(source: string, rephrase: string, fail: Fail): void {
  const count = (text: string) => {
    const map = new Map<string, number>();
    for (const f of numericFacts(text)) map.set(factKey(f), (map.get(factKey(f)) ?? 0) + 1);
    return map;
  };
  const want = count(source);
  const got = count(rephrase);
  const missing = [...want].filter(([k, n]) => (got.get(k) ?? 0) < n).map(([k]) => k);
  const extra = [...got].filter(([k, n]) => (want.get(k) ?? 0) < n).map(([k]) => k);
  if (missing.length > 0 && extra.length > 0) fail('number_changed', `${missing.join(', ')} became ${extra.join(', ')}`);
  else if (missing.length > 0) fail('number_dropped', missing.join(', '));
  else if (extra.length > 0) fail('number_added', extra.join(', '));
}

const NUMBER_WORD_DIGITS: Record<string, string> = {
  one: '1', two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', eight: '8', nine: '9', ten: '10',
};

/** A term as a pattern: case-insensitive, flexible spaces and hyphens, plural or possessive endings allowed. */
function phraseRegex(term: string): RegExp {
  const parts = term.toLowerCase().trim().split(/[\s-]+/).map((p) => {
    const escaped = p.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    const digit = NUMBER_WORD_DIGITS[p];
    const word = Object.entries(NUMBER_WORD_DIGITS).find(([, d]) => d === p)?.[0];
    if (digit) return `(?:${escaped}|${digit})`;
    if (word) return `(?:${escaped}|${word})`;
    // Inflections of a word: squeeze ~ squeezes, squeezing; stop ~ stopped, stopping.
    if (/^[a-z]{3,}$/.test(p)) return p.endsWith('e') ? `${p.slice(0, -1)}(?:e|es|ed|ing)?` : `${p}(?:${p.at(-1)}?(?:ed|ing))?`;
    return escaped;
  });
  const starts = /^[\p{L}\d]/u.test(term) ? '(?<![\\p{L}\\d])' : '';
  const ends = /[\p{L}\d]$/u.test(term) ? "(?:s|es|'s)?(?![\\p{L}\\d])" : '';
  return new RegExp(`${starts}${parts.join('[\\s-]+')}${ends}`, 'u');
}

// Phrase patterns of the fixed lists, compiled once on first use.
let medicalCompiled: Array<[string, RegExp]> | undefined;
let unsafeCompiled: Array<[string, RegExp]> | undefined;
const medicalPatterns = () => (medicalCompiled ??= MEDICAL_PHRASES.map((p) => [p, phraseRegex(p)]));
const unsafePatterns = () => (unsafeCompiled ??= UNSAFE_PHRASES.map((p) => [p, phraseRegex(p)]));

function checkRequiredTerms(src: string, out: string, terms: readonly string[], fail: Fail): void {
  const outFacts = new Set(numericFacts(out).map((f) => f.value));
  const outStems = stemSet(out);
  for (const term of terms) {
    const re = phraseRegex(normalizeText(term));
    if (!re.test(src) || re.test(out)) continue;
    // A term with a number ("30-60 seconds", "step 2") is kept when its numbers are, however they are written
    // ("30 to 60 seconds"), and so are its other words.
    const facts = numericFacts(term);
    if (facts.length > 0 && facts.every((f) => outFacts.has(f.value))) {
      const rest = words(digitsForNumberWords(term)).filter((w) => !FUNCTION_WORDS.has(w) && !isUnitWord(w));
      if (rest.every((w) => sharesStem(w, outStems))) continue;
    }
    fail('required_term_missing', term);
  }
}

function checkMedicalTerms(src: string, out: string, srcStems: ReadonlySet<string>, fail: Fail): void {
  const reported = new Set<string>();
  for (const w of words(out)) {
    const term = stems(w).map((s) => MEDICAL_STEMS.get(s)).find(Boolean);
    if (!term || reported.has(term)) continue;
    // Present in the source as the term itself or as this very word (not merely a word sharing a short stem).
    if (srcStems.has(term) || srcStems.has(w)) continue;
    reported.add(term);
    fail('new_medical_term', w);
  }
  for (const [phrase, re] of medicalPatterns()) {
    if (re.test(out) && !re.test(src) && !reported.has(phrase)) fail('new_medical_term', phrase);
  }
}

function sentences(text: string): string[] {
  return text.split(/(?<=[.!?;:])\s+|\n+|\s+-\s+|(?<=,)\s*(?:then|and then)\s+/).map((s) => s.replace(/^[\s\-•*"'(]+/, '').trim()).filter(Boolean);
}

function checkInstructions(src: string, out: string, srcStems: ReadonlySet<string>, fail: Fail): void {
  const known = (word: string) => sharesStem(word, srcStems);
  for (const sentence of sentences(out)) {
    const tokens = sentence.match(/[\p{L}]+(?:'[\p{L}]+)*/gu) ?? [];
    let i = 0;
    while (i < tokens.length && SKIP_BEFORE_VERB.has(tokens[i]!)) i += 1;
    let first = tokens[i];
    if (!first) continue;
    const rest = tokens.slice(i).join(' ');
    if (HARMLESS_IMPERATIVES.some((re) => re.test(rest))) continue;
    // "Let's ..." proposes doing something together; its words still face the vocabulary and term checks.
    if (first === "don't" || first === 'never' || (first === 'do' && tokens[i + 1] === 'not')) first = tokens[first === 'do' ? i + 2 : i + 1];
    if (first && IMPERATIVE_VERBS.has(first) && !known(first)) fail('new_instruction', `"${tokens.slice(i, i + 4).join(' ')}"`);
  }
  const modal = /\byou(?:'ll| will| would|'d)? (?:can|could|might|may|should|must|need to|have to|ought to|want to|might want to|may want to)\s+((?:(?:also|always|just|still|even|gently|simply|now|then|really|definitely|absolutely)\s+)*)([\p{L}']+)/gu;
  for (const m of out.matchAll(modal)) {
    const verb = m[2]!;
    if (HARMLESS_AFTER_MODAL.has(verb) || known(verb) || FUNCTION_WORDS.has(verb)) continue;
    fail('new_instruction', `"${m[0]}"`);
  }
  const advice: Array<[RegExp, string]> = [
    [/\btry\b/, 'try'], [/\b(?:recommend|suggest|advise|encourage)\w*\b/, 'recommend'], [/\bmake sure\b/, 'make sure'],
    [/\bbe sure to\b/, 'be sure to'], [/\bdon't forget\b/, "don't forget"], [/\bremember to\b/, 'remember to'],
    [/\bconsider\w*\b/, 'consider'], [/\bask (?:your|a|an|the)\b/, 'ask'], [/\bhow about\b/, 'how about'], [/\bwhy not\b/, 'why not'],
    [/\b(?:it's|it is|it'd be|it would be) (?:a good idea|best|wise|important|worth|helpful|better) to\b/, "it's a good idea to"],
  ];
  for (const [pattern, key] of advice) {
    const m = pattern.exec(out);
    if (!m || pattern.test(src)) continue;
    if (/^[a-z]+$/.test(key) && known(key)) continue;
    fail('new_instruction', `"${m[0]}"`);
  }
}

/** Canonical key of a word for the negation check: its shortest plausible stem. */
function wordKey(word: string): string {
  return stems(word).filter((s) => s.length >= 3).sort((a, b) => a.length - b.length)[0] ?? word;
}

/** For each content word: was it said under a negation ("no pushing"), plainly, or both? */
function polarity(text: string): Map<string, Set<'neg' | 'pos'>> {
  const result = new Map<string, Set<'neg' | 'pos'>>();
  for (const clause of text.split(/[.!?;:,()\n]|\s-\s|\bbut\b|\bthen\b/)) {
    const tokens = clause.match(/[\p{L}]+(?:'[\p{L}]+)*/gu) ?? [];
    tokens.forEach((t, i) => {
      if (FUNCTION_WORDS.has(t) || NEGATION.has(t) || t.length < 4) return;
      const negated = tokens.slice(Math.max(0, i - 3), i).some((p) => NEGATION.has(p) || p.endsWith("n't"));
      const key = wordKey(t);
      if (!result.has(key)) result.set(key, new Set());
      result.get(key)!.add(negated ? 'neg' : 'pos');
    });
  }
  return result;
}

function checkNegations(src: string, out: string, fail: Fail): void {
  const before = polarity(src);
  const after = polarity(out);
  for (const [key, was] of before) {
    const now = after.get(key);
    if (now && was.size === 1 && was.has('neg') && now.has('pos')) fail('negation_flipped', `"${key}" is no longer negated`);
  }
}

/** Number words and the limit words of a number ("no higher than 2/10") are judged by the numbers check. */
function withoutNumberPhrases(text: string): string {
  return digitsForNumberWords(text.toLowerCase())
    .replace(/\b(?:no|not)?\s*(?:higher|lower|more|less|greater|fewer|longer|shorter)\s+than\s+(?:a\s+|an\s+)?(?=\d)/g, ' ')
    .replace(/\bat\s+(?:least|most)\s+(?:a\s+)?(?=\d)|(?<=\d[^.!?\n]{0,12})\bat\s+(?:least|most)\b/g, ' ')
    .replace(/(?<=\d[^.!?\n]{0,12})\b(?:or|and)\s+(?:less|lower|below|under|fewer|more|higher|above|over)\b/g, ' ');
}

function checkVocabulary(out: string, srcStems: ReadonlySet<string>, fail: Fail): void {
  const unknown = new Set<string>();
  for (const w of words(withoutNumberPhrases(out))) {
    if (sharesStem(w, srcStems) || sharesStem(w, STYLE_STEMS)) continue;
    if (stems(w).some((s) => MEDICAL_STEMS.has(s))) continue; // reported as a medical term
    unknown.add(w);
  }
  if (unknown.size > 0) fail('unknown_word', [...unknown].slice(0, 6).join(', '));
}

function checkLength(src: string, out: string, options: VerifyOptions, fail: Fail): void {
  const a = src.trim().length;
  const b = out.trim().length;
  const min = Math.min(a * (options.minRatio ?? 0.6), a - 15);
  const max = Math.max(a * (options.maxRatio ?? 1.6), a + 25);
  if (b < min) fail('too_short', `${b} characters for a source of ${a}`);
  if (b > max) fail('too_long', `${b} characters for a source of ${a}`);
}
