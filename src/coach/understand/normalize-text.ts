// Cleaning user text at ingest, and folding it into one canonical form for matching.

/** The cleaned text is capped at this many UTF-16 code units. */
export const MAX_TEXT_LENGTH = 2000;
/** Raw input beyond this is never looked at (keeps a 100 KB paste cheap). */
const MAX_RAW_LENGTH = 16_000;

// Invisible and control characters: C0/C1 controls, format characters (zero-width space/joiners, bidi
// embeddings/overrides/isolates, BOM, soft hyphen, tags), lone surrogates, private use, variation
// selectors, the combining grapheme joiner and the "blank" fillers people paste to look empty.
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\u034F\u115F\u1160\u17B4\u17B5\u180B-\u180F\u2800\u3164\uFE00-\uFE0F\uFFA0\u{E0100}-\u{E01EF}]/gu;
const SPACES = /[\s\u0085\p{Z}]+/gu;

/**
 * The text we keep and show: NFC, whitespace folded to single spaces, invisible/control characters
 * removed, trimmed, at most MAX_TEXT_LENGTH code units (never cutting a surrogate pair).
 */
export function cleanText(raw: unknown): string {
  if (typeof raw !== 'string' || raw.length === 0) return '';
  let s = raw.length > MAX_RAW_LENGTH ? raw.slice(0, MAX_RAW_LENGTH) : raw;
  s = s.replace(SPACES, ' ');          // tabs/newlines/odd spaces first, so words stay apart
  s = s.replace(INVISIBLE, '');
  s = s.normalize('NFC').replace(SPACES, ' ').trim();
  if (s.length > MAX_TEXT_LENGTH) {
    let end = MAX_TEXT_LENGTH;
    const last = s.charCodeAt(end - 1);
    if (last >= 0xd800 && last <= 0xdbff) end -= 1; // do not keep half of a surrogate pair
    s = s.slice(0, end).trimEnd();
  }
  return s;
}

const QUOTES = /[\u2018\u2019\u201A\u201B\u2032\u0060\u00B4\u02BC]/g;
const DOUBLE_QUOTES = /[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g;
const DASHES = /[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g;
const MARKS = /\p{M}/gu;                        // accents, the emoji keycap, combining marks
const SKIN_TONES = /[\u{1F3FB}-\u{1F3FF}]/gu;
/** Text emoticons (":)", ":-(", ";D", "<3", "xD") act like emoji: they end a thought and are not punctuation. */
const EMOTICON = /(?<![\w:])(?:[:;=]-?[)(DPpO3/\\|\][]|<3|\bxD\b|\^\^|\^_\^)(?![\w])/gi;

/**
 * Lower-case matching form of cleaned text: NFKC (full-width digits, ligatures), accents removed,
 * typographic quotes and dashes made ASCII, emoji skin tones dropped.
 */
export function foldText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .normalize('NFD')
    .replace(MARKS, '')
    .replace(SKIN_TONES, '')
    .replace(QUOTES, "'")
    .replace(DOUBLE_QUOTES, '"')
    .replace(DASHES, '-')
    .replace(/\u2044/g, '/')                       // fraction slash (NFKC turns ½ into 1⁄2)
    .replace(EMOTICON, (m) => (/[(\[<\/|]/.test(m.slice(-1)) && !m.startsWith('<') ? ' 🙁 ' : ' 🙂 '))
    .replace(/\s+/g, ' ')
    .trim();
}

/** A line break ends a sentence ("no\ni want to ..."): the "no" must not reach across it. */
export function linesAsSentences(raw: string): string {
  return raw.replace(/([^.!?;,:\s])[ \t]*\r?\n\s*/g, '$1. ');
}
