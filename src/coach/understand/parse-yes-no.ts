// Yes / no answers: "yes", "yeah sure", "👍", "sounds good", "I agree"; "nope", "not really",
// "I'd rather not", "no thanks". A message that starts with a negation ("no bleeding", "none") is a
// `no` to the question the bot asked; "ok so I tried..." is not a yes.
import type { Analysis } from './analyze.js';

export type YesNo = 'yes' | 'no';

const STRONG_YES = new Set(['yes', 'yeah', 'yea', 'yep', 'yup', 'yh', 'ye', 'yeh', 'yas', 'yass', 'yess', 'yesss', 'yesh', 'ya', 'yah', 'ja',
  'absolutely', 'definitely', 'certainly', 'affirmative', 'aye', 'indeed', 'totally', 'ofc', 'yessir', 'yurp', 'si', 'oui', 'y']);
const WEAK_YES = new Set(['ok', 'sure', 'alright', 'fine', 'right', 'correct', 'true', 'agreed', 'agree', 'exactly', 'great', 'good',
  'perfect', 'cool', 'deal', 'gladly', 'please', 'surely', 'yay']);
const YES_PHRASES = ['of course', 'i agree', 'i do agree', 'sounds good', 'sounds great', 'sounds fine', 'sounds ok', 'that works',
  'works for me', 'fine by me', 'go ahead', 'please do', 'let us do it', 'why not', 'for sure', 'yes please', 'all right', 'that is right',
  'that is correct', 'you bet', 'i am in', 'count me in', 'no problem', 'no worries', 'no prob', 'no probs', 'i think so', 'i guess so',
  'i would like that', 'i would love that', 'i do', 'i did', 'i have', 'i am', 'i will', 'i can', 'it is', 'it did', 'it was', 'there is',
  'there was', 'i would', 'yes i do', 'i consent', 'i accept', 'i understand'];
const STRONG_NO = new Set(['no', 'nope', 'nah', 'naw', 'nay', 'negative', 'nein', 'non', 'nop', 'noo', 'nooo', 'noooo', 'nada', 'n', 'never']);
const NO_PHRASES = ['not really', 'rather not', 'i would rather not', 'no thanks', 'no thank you', 'not now', 'not yet', 'not at all',
  'not today', 'i disagree', 'i do not agree', 'do not', 'i do not', 'i did not', 'i have not', 'i am not', 'i will not', 'i can not',
  'it is not', 'it did not', 'it was not', 'there is not', 'there was not', 'not for me', 'no way', 'hell no', 'none', 'nothing',
  'i do not consent', 'i decline', 'not really no', 'no not really', 'not this time', 'i would not', 'never mind', 'forget it'];
const NOT_AN_ANSWER = ['no idea', 'no clue', 'not sure', 'not certain', 'no one', 'nobody', 'not 100', 'no more than',
  'i do not know', 'do not know', 'i am not sure', 'i am unsure', 'i can not tell', 'i do not remember', 'i can not remember', 'i can not say'];
/** After "I do" / "it is" style answers only these may follow. */
const PRONOUN_TAIL = new Set(['please', 'thanks', 'thank', 'you', 'lol', 'haha', 'yes', 'yeah', 'yep', 'so', 'too', 'now', 'today', 'ok']);
const UNSURE = new Set(['maybe', 'perhaps', 'idk', 'dunno', 'unsure', 'possibly']);
const YES_EMOJI = new Set(['👍', '👌', '✅', '✔', '☑', '🙆', '💯', '🆗', '👏']);
const NO_EMOJI = new Set(['👎', '❌', '🙅', '✖', '⛔', '🚫']);
const TRAILING_OK = new Set(['please', 'thanks', 'thank', 'you', 'then', 'lol', 'haha', 'ok', 'sure', 'yes', 'yeah', 'yep', 'absolutely',
  'definitely', 'of', 'course', 'go', 'ahead', 'let', 'us', 'do', 'it', 'sounds', 'good', 'great', 'i', 'am', 'ready', 'fine', 'cool',
  'alright', 'will', 'can', 'so', 'too', 'again', 'now', 'buddy', 'coach', 'mate', 'dear', 'x', 'xx']);
const LEAD_FILLER = new Set(['um', 'uh', 'erm', 'hmm', 'hm', 'well', 'oh', 'ah', 'honestly', 'tbh', 'ngl', 'lol', 'haha', 'hey', 'hi', 'actually', 'so', 'uhh', 'umm']);

const phraseWords = new Map<string, string[]>();

/** Does the message start with this phrase, word for word? (Phrases are split once and kept: this runs on every message.) */
function startsWith(words: string[], phrase: string): boolean {
  let p = phraseWords.get(phrase);
  if (!p) { p = phrase.split(' '); phraseWords.set(phrase, p); }
  if (p.length > words.length || words[0] !== p[0]) return false;
  for (let k = 1; k < p.length; k += 1) if (words[k] !== p[k]) return false;
  return true;
}

export function parseYesNo(a: Analysis): YesNo | undefined {
  const tokens = a.tokens;
  const emoji = tokens.filter((t) => t.kind === 'emoji').map((t) => t.surface);
  let words = tokens.filter((t) => t.kind === 'word' || t.kind === 'number').map((t) => t.surface);
  // "oh no", "uh oh", "oh god": exclamations, not answers
  while (words.length > 1 && (['oh', 'uh', 'ah'].includes(words[0]!) && ['no', 'oh', 'god', 'dear', 'man', 'boy', 'wow', 'damn', 'gosh'].includes(words[1]!))) {
    words = words.slice(2);
  }
  while (words.length > 0 && LEAD_FILLER.has(words[0]!)) words = words.slice(1);
  // "ok yes", "alright no": a weak opener followed by the real answer
  if (words.length > 1 && WEAK_YES.has(words[0]!) && (STRONG_YES.has(words[1]!) || STRONG_NO.has(words[1]!))) words = words.slice(1);

  if (words.length === 0) {
    const yes = emoji.some((e) => YES_EMOJI.has(e)), no = emoji.some((e) => NO_EMOJI.has(e));
    return yes === no ? undefined : yes ? 'yes' : 'no';
  }
  const joined = words.join(' ');
  if (/\byes\b.*\bno\b|\bno\b.*\byes\b/.test(joined) && words.length <= 4) return undefined; // "yes and no"
  if (NOT_AN_ANSWER.some((p) => startsWith(words, p))) return undefined;
  if (UNSURE.has(words[0]!) && words.length <= 3 && !STRONG_YES.has(words[1] ?? '') && !STRONG_NO.has(words[1] ?? '')) return undefined;

  const first = words[0]!;
  const firstIndex = tokens.findIndex((t) => t.surface === first);
  const afterFirst = tokens[firstIndex + 1];
  const short = words.length <= 5;

  // "no worries", "no problem" are yeses
  const yesPhrase = YES_PHRASES.find((p) => startsWith(words, p));
  const noPhrase = NO_PHRASES.find((p) => startsWith(words, p));
  if (yesPhrase && (!noPhrase || yesPhrase.length > noPhrase.length)) {
    const rest = words.slice(yesPhrase.split(' ').length);
    // "I am" / "it is" answers only count when they are the whole message ("I do", "it did")
    const pronounAnswer = /^(i|it|there) /.test(yesPhrase) && !['i agree', 'i do agree', 'i think so', 'i guess so', 'i consent', 'i accept', 'i understand', 'i am in', 'i would like that', 'i would love that'].includes(yesPhrase);
    if (pronounAnswer ? rest.every((w) => PRONOUN_TAIL.has(w)) : rest.every((w) => TRAILING_OK.has(w)) || !/^(i|it|there) /.test(yesPhrase)) return 'yes';
  }
  if (noPhrase) {
    const pronounAnswer = /^(i|it|there) /.test(noPhrase);
    if (!pronounAnswer || words.length <= 6) return 'no';
  }
  if (STRONG_NO.has(first)) return 'no';
  if (first === 'not' && short) return 'no';
  if (STRONG_YES.has(first)) return 'yes';
  if (WEAK_YES.has(first)) {
    // "ok", "sure!", "ok thanks", "fine, let's go" -- but not "ok so I tried...", "right now", "good morning"
    const rest = words.slice(1);
    if (rest.length === 0 || afterFirst?.kind === 'punct' && afterFirst.surface !== "'" || rest.every((w) => TRAILING_OK.has(w))) return 'yes';
  }
  if (joined === 'i agree' || / \bi agree\b/.test(` ${joined}`) && short && !/\bnot agree\b/.test(joined)) return 'yes';
  if (/\brather not\b/.test(joined) && short) return 'no';
  if (emoji.some((e) => YES_EMOJI.has(e)) && short && !emoji.some((e) => NO_EMOJI.has(e))) return 'yes';
  if (emoji.some((e) => NO_EMOJI.has(e)) && short) return 'no';
  return undefined;
}
