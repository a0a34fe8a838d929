// Entry point of message understanding: text in, everything the coach needs to decide out.
// Deterministic, never throws, well under a millisecond for a chat message (per-Content work is
// cached in content-index.ts).
import type { Content } from '../../content/schema.js';
import { cleanText } from './normalize-text.js';
import { analyze, type Analysis } from './analyze.js';
import { indexContent, type ContentIndex } from './content-index.js';
import { parseLabelledRatings, parseRating, type LabelledRatings } from './parse-rating.js';
import { parseRepair, type Repair } from './parse-repair.js';
import { detectFeeling, detectSmallTalk } from './detect-feeling.js';
import { parseYesNo } from './parse-yes-no.js';
import { parseCommand } from './parse-command.js';
import { parseChoices } from './parse-choices.js';
import { parseTime } from './parse-time.js';
import { parseTimeZone } from './parse-time-zone.js';
import { detectRedFlags, explainedByEvaluation } from './detect-red-flags.js';
import { detectCrisis } from './detect-crisis.js';
import { matchTopic } from './match-topic.js';
import { hasOwnMeaning } from './has-own-meaning.js';

export type Command = 'start' | 'stop' | 'pause' | 'continue' | 'help' | 'progress' | 'done' | 'skip' | 'repeat'
  | 'export' | 'delete' | 'disclaimer' | 'evaluated' | 'back';

export interface Understanding {
  text: string;               // cleaned text: invisible/control Unicode stripped, whitespace folded, capped at 2000 chars
  crisis: boolean;            // self-harm, suicide, abuse, danger, emergency
  redFlags: string[];         // red_flags ids clearly reported now (not negated, not hypothetical)
  maybeRedFlags: string[];    // mentioned but unclear: hedged ("maybe a little blood?"), a question ("is bleeding normal?"), past/resolved-ambiguous, or typo-level fuzzy match; the bot will ASK using the item's `confirm`
  rating?: number;            // integer 0-10 when the message states one rating
  ratingUnclear?: boolean;    // mentions pain level in words without a number we can trust ("mild", "bad") or a range we cannot reduce
  yesNo?: 'yes' | 'no';
  command?: Command;
  topic?: string;             // troubleshooting/faq id when confident
  topicCandidates: string[];  // when unsure between 2-3 topics (or weakly matching one): their ids, best first; empty otherwise
  choices: number[];          // 1-based option numbers picked, when options were given (see below)
  time?: { hour: number; minute: number };  // "8pm", "20:00", "8.30 in the evening", "half past 7 pm", "noon"
  timeZone?: string;          // IANA id: "Europe/Berlin", "berlin", "I live in New York", "UTC", "London time"
  labelled: LabelledRatings;  // ratings named for their moment: "during 1 after 3"
  repair: Repair;             // a correction ("I meant 1", "undo"), "neither", "never mind"
  feeling?: string;           // feelings id (flows/feelings.yaml) when the message says how they feel
  smallTalk?: string;         // small_talk id when the message is thanks, bye, hello, ...
}

export interface UnderstandOptions { choiceNames?: string[] } // option names, for "1 and 3" or "child's pose and happy baby"

/** Run one part; a bug in one detector must not take the others (or the coach) down. */
function safely<T>(fn: () => T, fallback: T): T {
  try { return fn(); } catch { return fallback; }
}

export function understand(raw: string, content: Content, options?: UnderstandOptions): Understanding {
  const text = safely(() => cleanText(raw), '');
  const out: Understanding = { text, crisis: false, redFlags: [], maybeRedFlags: [], topicCandidates: [], choices: [], labelled: {}, repair: {} };
  if (text === '') return out;
  const index = safely<ContentIndex | undefined>(() => indexContent(content), undefined);
  if (!index) return out;
  const a = safely<Analysis | undefined>(() => analyze(text, index.synonyms, index.vocabulary), undefined);
  if (!a) return out;

  out.crisis = safely(() => detectCrisis(a, index.crisis), false);
  const command = safely(() => parseCommand(a), undefined);
  if (command) out.command = command;
  // symptoms named inside a report of a clinician's evaluation are explained by it, not new
  const explained = command === 'evaluated' ? explainedByEvaluation : undefined;
  const flags = safely(() => detectRedFlags(a, index.redFlags, explained), { redFlags: [], maybeRedFlags: [] });
  out.redFlags = flags.redFlags;
  out.maybeRedFlags = flags.maybeRedFlags;

  const rating = safely(() => parseRating(a), { unclear: false });
  if (rating.rating !== undefined) out.rating = rating.rating;
  else if (rating.unclear) out.ratingUnclear = true;

  out.labelled = safely(() => parseLabelledRatings(a.folded), {});
  out.repair = safely(() => parseRepair(text), {});
  const feeling = safely(() => detectFeeling(text, content.feelings ?? []), undefined);
  if (feeling) out.feeling = feeling;
  const smallTalk = safely(() => detectSmallTalk(text, content.small_talk ?? []), undefined);
  if (smallTalk) out.smallTalk = smallTalk;

  const yesNo = safely(() => parseYesNo(a), undefined);
  if (yesNo) out.yesNo = yesNo;

  const choiceNames = Array.isArray(options?.choiceNames) ? options.choiceNames : undefined;
  out.choices = safely(() => parseChoices(a, choiceNames), []);

  const time = safely(() => parseTime(a), undefined);
  if (time) out.time = time;
  const timeZone = safely(() => parseTimeZone(a), undefined);
  if (timeZone) out.timeZone = timeZone;

  // a message that is only a rating / yes / no / command has no topic
  if (safely(() => hasOwnMeaning(a, out), true)) {
    const topic = safely(() => matchTopic(a, index.topics), { candidates: [] as string[] });
    if (topic.topic) out.topic = topic.topic;
    out.topicCandidates = topic.candidates;
    // "it burns at the entrance, what do I do": the answer to the question is more help than the help list
    if (out.command === 'help' && out.topic) delete out.command;
  }
  return out;
}
