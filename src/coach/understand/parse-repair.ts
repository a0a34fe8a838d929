// Conversation repair in the user's words: a correction of the last answer ("no wait, I meant 1", "undo",
// "I pressed yes by mistake"), "neither" to a clarifying question, and "never mind, keep it as it is".
import { foldText } from './normalize-text.js';
import { numberValue } from './number-words.js';

export interface Repair {
  /** The user takes back (or changes) the answer they just gave; `value` is the number they meant, if they said one. */
  correction?: { value?: number };
  /** None of the options offered. */
  neither?: true;
  /** Change nothing: leave things as they were. */
  cancel?: true;
}

const MEANT = /\b(i meant|meant to (say|type|press|put)|i mean|typo|mistyped|misclicked|mis-?tapped|by (mistake|accident)|accidentally|wrong (button|number|one)|didn'?t mean|did not mean|not what i meant|correction|scratch that|let me (correct|change) (that|it)|change (that|it|my answer) to|make (that|it) an?)\b/;
const UNDO = /^(undo|undo that|undo please|go back|take that back|oops|oh no wrong one|wait no|no wait)[.!]*$/;
const NEITHER = /^(neither|neither of (those|them|these)|none|none of (those|them|these|the above)|nope neither|no neither|not those|not really either|something else|neither one)\b/;
const CANCEL = /\b(never ?mind|nevermind|nvm|forget (it|that|about it)|keep it (as it is|the same|as is)|leave it( as it is| as is| alone)?|no change|don'?t change (it|anything)|cancel( that)?|as you were)\b/;

export function parseRepair(text: string): Repair {
  const t = foldText(text).toLowerCase().replace(/\s+/g, ' ').trim();
  const out: Repair = {};
  if (NEITHER.test(t)) out.neither = true;
  if (CANCEL.test(t)) out.cancel = true;
  if (MEANT.test(t) || UNDO.test(t)) {
    // "I meant 1", "meant to press 2", "change it to three": the number after the correction words.
    const after = /(?:meant|mean|typo|change (?:that|it|my answer) to|make (?:that|it) an?|should be|was)\D{0,20}?\b(\d{1,2}|zero|one|two|three|four|five|six|seven|eight|nine|ten)\b/.exec(t);
    const value = after ? numberValue(after[1]!) : undefined;
    out.correction = value !== undefined && value <= 10 ? { value } : {};
  }
  return out;
}
