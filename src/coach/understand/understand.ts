// Entry point of message understanding: text in, everything the coach needs to decide out.
// Deterministic, never throws, well under a millisecond for a chat message (per-Content work is
// cached in content-index.ts).
import type { Content } from '../../content/schema.js';
import { cleanText } from './normalize-text.js';
import { analyzeMessage, type Analysis } from './analyze.js';
import { indexContent, type ContentIndex } from './content-index.js';
import { parseLabelledRatings, parseRating, type LabelledRatings } from './parse-rating.js';
import { parseRepair, type Repair } from './parse-repair.js';
import { detectFeeling, detectSmallTalk } from './detect-feeling.js';
import { parseYesNo } from './parse-yes-no.js';
import { parseCommand } from './parse-command.js';
import { parseChoices } from './parse-choices.js';
import { parseTime } from './parse-time.js';
import { parseTimeZone } from './parse-time-zone.js';
import { assessSafety, SURE as NET_SURE } from './safety/assess-safety.js';
import { explainedByEvaluation } from './explained-by-evaluation.js';
import { matchTopic } from './match-topic.js';
import { hasOwnMeaning } from './has-own-meaning.js';

/** Commands that are plain requests about the session or the data (not "done" or "continue", which can be a feeling). */
const REQUESTS: ReadonlySet<Command> = new Set(['start', 'stop', 'pause', 'help', 'progress', 'skip', 'repeat', 'export', 'delete', 'disclaimer', 'back']);

export type Command = 'start' | 'stop' | 'pause' | 'continue' | 'help' | 'progress' | 'done' | 'skip' | 'repeat'
  | 'export' | 'delete' | 'disclaimer' | 'evaluated' | 'back';

export interface Understanding {
  text: string;               // cleaned text: invisible/control Unicode stripped, whitespace folded, capped at 2000 chars
  crisis: boolean;            // clearly not safe now: suicidal thoughts, self-harm, someone hurting or coercing them (the crisis reply)
  maybeCrisis?: 'self' | 'others';  // might be crisis: ask one kind, direct question (about thoughts of ending their life, or about being safe)
  redFlags: string[];         // red_flags ids clearly reported now (not negated, not hypothetical)
  maybeRedFlags: string[];    // possibly reported (hedged "a tiny bit of blood", unclear, "is this blood normal?"): the bot ASKS using the item's `confirm`
  askedRedFlags: string[];    // asked about in general ("how much bleeding is too much?"): answered, not treated as a report
  safetyFailed?: boolean;     // the safety check itself failed: treated as a possible crisis (ask), never as "nothing found"
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
  const out: Understanding = { text, crisis: false, redFlags: [], maybeRedFlags: [], askedRedFlags: [], topicCandidates: [], choices: [], labelled: {}, repair: {} };
  if (text === '') return out;
  const failClosed = () => { out.maybeCrisis = 'self'; out.safetyFailed = true; return out; };
  const index = safely<ContentIndex | undefined>(() => indexContent(content), undefined);
  if (!index) return failClosed();
  const a = safely<Analysis | undefined>(() => analyzeMessage(raw, text, index.synonyms, index.vocabulary), undefined);
  if (!a) return failClosed();

  // Safety first: crisis and red flags, on concepts (./safety/), failing closed.
  const safety = assessSafety(a, index.safety, index.net);
  if (safety.failed) out.safetyFailed = true;
  if (safety.crisis?.grade === 'clear') out.crisis = true;
  const command = safely(() => parseCommand(a), undefined);
  // a plain request ("ok please delete my data, all of it", "cant do this rn, stopping") wins over a question only the
  // learned net would ask, unless the net is quite sure; the rules' own questions always come first
  const netGivesWay = safety.crisis?.netOnly !== undefined && safety.crisis.netOnly < NET_SURE && command !== undefined && REQUESTS.has(command);
  if (safety.crisis && safety.crisis.grade !== 'clear' && !netGivesWay) out.maybeCrisis = safety.crisis.about;
  if (command) out.command = command;
  const ids = (kinds: readonly string[]) => content.red_flags.filter((f) => f.detects.some((k) => kinds.includes(`red.${k}`))).map((f) => f.id);
  // symptoms named inside a report of a clinician's evaluation are explained by it, not new
  const explained = command === 'evaluated' && safely(() => explainedByEvaluation(a), false);
  if (!explained) {
    out.redFlags = ids(safety.redFlags);
    out.maybeRedFlags = ids(safety.maybeRedFlags).filter((id) => !out.redFlags.includes(id));
  }
  out.askedRedFlags = ids(safety.askedRedFlags).filter((id) => !out.redFlags.includes(id) && !out.maybeRedFlags.includes(id));

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
