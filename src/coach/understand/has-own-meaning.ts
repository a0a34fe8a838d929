// Does a message say anything beyond its rating, yes/no or command? "3", "yes", "stop for today"
// and "no pain" do not; "no, but it burns at the entrance" does. Topic matching runs only when it does.
import type { Analysis } from './analyze.js';
import type { Understanding } from './understand.js';
import { STOP_WORDS, GLUE_WORDS, NEGATION_WORDS } from './stopwords.js';

const ANSWER_WORDS = new Set(['yes', 'yeah', 'yep', 'yup', 'yh', 'nope', 'nah', 'sure', 'ok', 'fine', 'pain', 'pains', 'painful', 'hurt',
  'hurts', 'hurting', 'mild', 'bad', 'terrible', 'awful', 'slight', 'free', 'painless', 'rating', 'rate', 'scale', 'during', 'after',
  'afterwards', 'out', 'stop', 'pause', 'later', 'continue', 'resume', 'help', 'progress', 'done', 'finished', 'skip', 'repeat', 'again',
  'back', 'previous', 'ready', 'start', 'begin', 'quit', 'exit', 'end', 'thanks', 'thank', 'please', 'agree', 'sounds', 'good', 'great',
  'rather', 'really', 'at', 'all', 'zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'none', 'break',
  'take', 'carry', 'on', 'go', 'let', 'us', 'solid', 'about', 'maybe', 'honestly', 'tbh', 'like']);

export function hasOwnMeaning(a: Analysis, u: Understanding): boolean {
  const words = a.tokens.filter((t) => t.kind === 'word');
  if (words.length === 0) return false;
  const nothingElse = !words.some((t) => !ANSWER_WORDS.has(t.surface) && !STOP_WORDS.has(t.surface) && !GLUE_WORDS.has(t.surface)
    && !NEGATION_WORDS.has(t.surface));
  if (nothingElse && (u.rating !== undefined || u.yesNo !== undefined || u.command !== undefined || u.ratingUnclear)) return false;
  if (u.command && u.command !== 'help' && words.length <= 4) return false;
  return true;
}
