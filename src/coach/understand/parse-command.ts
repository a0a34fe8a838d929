// Commands. A command is an instruction, so it must BE a clause of the message, not a word inside
// one: after dropping polite lead-ins ("can we", "I want to", "please", "let's") a clause has to
// start with the command phrase and continue with at most a few light words ("stop for today",
// "skip this one"). "I didn't stop when it hurt" is a report, not a command. `evaluated` is the
// exception: it is a statement ("my doctor cleared me") and is found anywhere, negation-aware.
import type { Analysis } from './analyze.js';
import type { Command } from './understand.js';
import { withinOneEdit } from './edit-distance.js';

interface Spec {
  command: Command;
  /** Phrases (expanded form: "let us go", "i am done"). */
  phrases: string[];
  /** When set, the phrase must be followed by one of these within 4 words ("delete ... data"). */
  objects?: string[];
  /** With objects: may the verb also stand alone ("delete")? */
  alone?: boolean;
}

const SPECS: Spec[] = [
  { command: 'export', phrases: ['export', 'download', 'send', 'email', 'give', 'get', 'copy', 'show', 'see', 'view', 'access'],
    objects: ['data', 'info', 'information', 'records', 'record', 'everything', 'logs', 'log', 'copy', 'export', 'history'], alone: false },
  { command: 'export', phrases: ['export', 'data export', 'export data', 'download data'] },
  { command: 'delete', phrases: ['delete', 'erase', 'wipe', 'remove', 'clear', 'destroy', 'forget', 'purge', 'reset'],
    objects: ['data', 'account', 'info', 'information', 'history', 'everything', 'me', 'profile', 'records', 'all', 'messages', 'chats', 'details'], alone: false },
  { command: 'delete', phrases: ['delete', 'delete account', 'forget me', 'forget about me', 'erase me', 'right to be forgotten'] },
  { command: 'stop', phrases: ['stop', 'quit', 'end', 'exit', 'cancel session', 'end session', 'stop session', 'enough', 'that is enough', 'i am out',
    'i quit', 'unsubscribe', 'leave me alone', 'stop messaging me', 'stop texting me', 'i give up', 'give up', 'no more', 'stop it', 'stop now',
    'stopping', 'quitting', 'i am stopping', 'stopping now', 'calling it', 'calling it a day', 'call it a day'] },
  { command: 'pause', phrases: ['pause', 'take a break', 'break', 'a break', 'later', 'maybe later', 'not now', 'talk later', 'remind me later',
    'some other time', 'another time', 'hold on', 'wait', 'one sec', 'one second', 'one moment', 'one minute', 'give me a minute', 'brb',
    'be right back', 'got to go', 'i have to go', 'have to go', 'need to go', 'gotta go', 'later please', 'not right now', 'another day',
    'tomorrow', 'rain check', 'pause it', 'breather', 'take five', 'pausing', 'hang on', 'hang on a sec', 'pause for a sec'] },
  { command: 'continue', phrases: ['continue', 'resume', 'go on', 'carry on', 'keep going', 'where were we', 'back to it', 'pick up where we left off',
    'pick up where i left off', 'where did we leave off', 'where was i', 'unpause', 'let us continue', 'on we go', 'proceed', 'go ahead and continue',
    'back to where we were', 'lets keep going', 'i am back', 'ok i am back', 'i am back now'] },
  { command: 'start', phrases: ['start', 'begin', 'let us go', 'let us do it', 'let us do this', 'let us start', 'let us begin', 'go', 'ready',
    'i am ready', 'check in', 'checkin', 'daily check in', 'start check in', 'start session', 'start practice', 'start today', 'start my session',
    'begin session', 'let us get started', 'get started', 'start the session', 'start exercises', 'start practicing', 'practice', 'let us practice',
    'i am ready to start', 'ready to start', 'ready to go', 'start over', 'go time', 'lets go'] },
  { command: 'help', phrases: ['help', 'help me', 'what can i say', 'what can i do', 'what can you do', 'commands', 'options', 'menu',
    'how does this work', 'how do i use this', 'i am confused', 'i am lost', 'what now', 'what do i do', 'what do i do now', 'instructions',
    'how does this bot work', 'what are my options', 'info'] },
  { command: 'progress', phrases: ['progress', 'my progress', 'show progress', 'show my progress', 'check my progress', 'stats', 'my stats',
    'statistics', 'how am i doing', 'how am i going', 'how is my progress', 'how far am i', 'how far have i come', 'where am i at', 'where am i',
    'my streak', 'streak', 'summary', 'my summary', 'results', 'my results', 'how am i progressing', 'am i improving', 'am i making progress',
    'show me my stats', 'show stats', 'report', 'my report', 'history of my ratings'] },
  { command: 'done', phrases: ['done', 'finished', 'finish', 'complete', 'completed', 'did it', 'i did it', 'all done', 'i am done', 'i am finished',
    'that is it', 'next', 'ok done', 'done with it', 'done with that', 'finished that', 'finished it', 'i finished', 'i completed it', 'did that',
    'i did that', 'over', 'that is done', 'all finished', 'next one', 'next please', 'i have finished', 'i have done it', 'managed it', 'nailed it'] },
  { command: 'skip', phrases: ['skip', 'skip it', 'skip this', 'pass', 'i will pass', 'skip that', 'skip this one', 'not this one', 'skip exercise',
    'skip for today', 'move on', 'let us move on', 'let us skip', 'can we skip'] },
  { command: 'repeat', phrases: ['again', 'repeat', 'one more time', 'once more', 'repeat that', 'say that again', 'come again', 'do it again',
    'say again', 'repeat please', 'again please', 'what was that', 'can you repeat', 'repeat it', 'start again', 'do that again', 'redo', 'do over'] },
  { command: 'back', phrases: ['back', 'go back', 'previous', 'previous step', 'back up', 'undo', 'last step', 'step back', 'back one', 'previous one',
    'go to previous', 'take me back', 'the previous one'] },
  { command: 'disclaimer', phrases: ['disclaimer', 'show disclaimer', 'the disclaimer', 'medical disclaimer', 'is this medical advice',
    'medical advice', 'are you a doctor', 'are you a real doctor', 'are you a medical professional', 'are you a human', 'are you human',
    'are you a bot', 'are you an ai', 'is this legit', 'terms', 'terms of use', 'legal'] },
];

/** Dropped from the front of a clause before the command phrase. Longest first. */
const LEAD_INS = [
  'i would like to', 'i would love to', 'i want to', 'i wanna', 'i need to', 'i have to', 'i would rather', 'i think i will', 'i think i want to',
  'i am going to', 'i will', 'i am gonna', 'we can', 'can we please', 'can we', 'could we', 'can i please', 'can i', 'could i', 'can you please',
  'can you', 'could you please', 'could you', 'would you', 'will you', 'let me', 'let us', 'please', 'pls', 'ok', 'okay', 'alright', 'um', 'uh',
  'hey', 'hi', 'hello', 'so', 'well', 'yes', 'yeah', 'yep', 'right', 'actually', 'just', 'maybe', 'ugh', 'hmm', 'oh', 'bot', 'coach',
  'lol', 'now', 'time to', 'i need', 'i want', 'i need a', 'i want a', 'how about we', 'how about', 'we should', 'i should', 'i am', 'i',
  'show me', 'tell me', 'give me', 'i think', 'then', 'and', 'but', 'honestly', 'please just', 'sorry', 'thanks', 'thank you', 'think i will',
  'hang on', 'hold on', 'wait', 'ready to', 'i am ready to', 'oh', 'ah', 'right then', 'ok so', 'so yeah',
];
/** Words allowed after a command phrase ("stop for today", "skip this one please"). */
const LIGHT = new Set(['the', 'a', 'an', 'my', 'this', 'that', 'it', 'one', 'all', 'for', 'now', 'today', 'tonight', 'please', 'pls', 'here',
  'then', 'session', 'exercise', 'exercises', 'practice', 'program', 'plan', 'step', 'bit', 'while', 'moment', 'minute', 'min', 'sec',
  'second', 'thanks', 'thank', 'you', 'me', 'us', 'everything', 'right', 'away', 'stuff', 'real', 'quick', 'quickly', 'lol', 'ok', 'okay',
  'just', 'too', 'also', 'with', 'of', 'again', 'bot', 'coach', 'already', 'haha', 'x', 'xx', 'sorry', 'mate', 'babe', 'thing', 'part',
  'up', 'yet', 'so', 'far', 'out', 'there', 'folks', 'friend', 'hun', 'over', 'day', 'week', 'dear', 'anyway', 'anyways', 'guys', 'data', 'to']);
const NEGATORS = new Set(['not', 'no', 'never', 'nor', 'dont']);

const CLAUSE_BREAK = new Set(['.', '!', '?', ';', ',', ':', '(', ')', '-', '"']);

/** Clauses as word lists: split at punctuation and emoji and at "but"/"because"/"so". */
function clauses(a: Analysis): string[][] {
  const out: string[][] = [];
  let cur: string[] = [];
  for (const t of a.tokens) {
    if (t.kind === 'punct' && CLAUSE_BREAK.has(t.surface) || t.kind === 'emoji' || t.surface === 'but' || t.surface === 'because') {
      if (cur.length) out.push(cur);
      cur = [];
      continue;
    }
    if (t.kind === 'word' || t.kind === 'number') cur.push(t.surface === "'s" ? 'is' : t.surface);
  }
  if (cur.length) out.push(cur);
  return out;
}

function startsWith(words: readonly string[], at: number, phrase: readonly string[]): boolean {
  return phrase.every((w, k) => words[at + k] === w);
}

const compiled = SPECS.map((s) => ({ ...s, split: s.phrases.map((p) => p.split(' ')).sort((x, y) => y.length - x.length) }));
const leadIns = LEAD_INS.map((p) => p.split(' ')).sort((x, y) => y.length - x.length);

/** Command stated by one clause, if any: tried at the start and after each polite lead-in. */
function clauseCommand(words: string[]): Command | undefined {
  const starts = [0];
  let at = 0;
  for (let guard = 0; guard < 8; guard++) {
    const lead = leadIns.find((l) => startsWith(words, at, l) && at + l.length < words.length);
    if (!lead) break;
    at += lead.length;
    starts.push(at);
  }
  while (at < words.length - 1 && ['the', 'a', 'my', 'to'].includes(words[at]!)) at++;
  if (at !== starts[starts.length - 1]) starts.push(at);
  for (const start of starts) {
    const c = commandAt(words, start);
    if (c) return c;
  }
  return undefined;
}

function commandAt(words: string[], at: number): Command | undefined {
  if (at >= words.length) return undefined;
  let best: { command: Command; len: number } | undefined;
  for (const spec of compiled) {
    for (const phrase of spec.split) {
      if (!startsWith(words, at, phrase)) continue;
      const rest = words.slice(at + phrase.length);
      let ok: boolean;
      if (spec.objects) {
        const objAt = rest.slice(0, 4).findIndex((w) => spec.objects!.includes(w));
        // "delete everything you know about me", "can I see all the data you have on me": a short tail is fine
        ok = objAt >= 0 && rest.slice(0, objAt).every((w) => LIGHT.has(w)) && rest.length - objAt - 1 <= 5
          || spec.alone === true && rest.every((w) => LIGHT.has(w));
      } else {
        ok = rest.length <= 4 && rest.every((w) => LIGHT.has(w));
      }
      if (ok && (!best || phrase.length > best.len)) best = { command: spec.command, len: phrase.length };
    }
  }
  return best?.command;
}

const CLINICIAN = new Set(['doctor', 'doc', 'dr', 'gp', 'gyno', 'gynecologist', 'gynaecologist', 'obgyn', 'physio', 'physiotherapist', 'pt',
  'therapist', 'clinician', 'nurse', 'midwife', 'specialist', 'physician', 'urologist', 'consultant', 'provider', 'she', 'he', 'they',
  'practitioner', 'dermatologist', 'hospital', 'clinic', 'urgent', 'er', 'surgeon', 'obstetrician']);
const NOT_YET = new Set(['not', 'never', 'yet', 'need', 'needs', 'going', 'will', 'should', 'have', 'has', 'want', 'plan', 'planning', 'until',
  'if', 'when', 'tomorrow', 'next', 'appointment', 'booked', 'book', 'waiting', 'wait', 'hope', 'hoping', 'must', 'might', 'may', 'could', 'would',
  'soon', 'gonna', 'later', 'supposed', 'try', 'trying', 'can', 'whether', 'do', 'does', 'did', 'how', 'what', 'who', 'where', 'why']);

/** "I've been checked", "the doctor cleared me", "got the all clear", "my gyno said everything is fine". */
function evaluated(a: Analysis): boolean {
  const sentences = new Map<number, string[]>();
  a.tokens.forEach((t, i) => {
    if (t.kind !== 'word' && t.kind !== 'number' && t.surface !== '?') return;
    const s = a.seg.sentence[i]!;
    const list = sentences.get(s) ?? [];
    list.push(t.surface);
    sentences.set(s, list);
  });
  for (const words of sentences.values()) {
    if (words.includes('?')) continue;
    const text = ` ${words.join(' ')} `;
    let found = / all clear /.test(text) && / (got|get|gave|given|have|has|had|received|is|it is|its|the) all clear /.test(text)
      || / (been|was|were|got|get|am|is|just|finally|now) (checked|evaluated|examined|seen|cleared|assessed|looked at|tested|approved)\b/.test(text)
        && /\b(i|me|i have|i got|i was|i am)\b/.test(text)
      || / (cleared|examined|evaluated|assessed|checked|approved|okayed|okd) me\b/.test(text)
      || / cleared (for|to) /.test(text)
      || / i am cleared /.test(text)
      || / signed me off /.test(text) || / green light /.test(text);
    if (!found && words.some((w) => CLINICIAN.has(w))) {
      // "my doctor said everything is fine / nothing is wrong / it is normal"
      found = / (said|says|told me|confirmed|thinks|found) .*\b(fine|ok|okay|normal|healthy|nothing wrong|nothing is wrong|all good|good to go|no problem|no issue|clear|cleared)\b/.test(text)
        && !/ (fine|ok|okay) to /.test(text);
    }
    if (!found) continue;
    const negated = words.some((w) => NOT_YET.has(w) && !['have', 'has', 'do', 'did', 'does'].includes(w))
      || /\b(have|has|do|did|does) not\b/.test(text) || / (have|has) to /.test(text);
    if (!negated) return true;
  }
  return false;
}

/** "how's my progress looking?", "can I see my stats so far": a short question about progress. */
function asksForProgress(words: string[]): boolean {
  return words.length <= 7 && words.some((w) => w === 'progress' || w === 'stats' || w === 'statistics' || w === 'streak')
    && !words.some((w) => NEGATORS.has(w)) && /^(how|what|where|can|could|show|see|check|view|let|is|am|my|whats|tell|give)$/.test(words[0] ?? '');
}

/** One-word commands, for typos ("dnoe", "finsihed", "contiune"). */
const ONE_WORD = new Map<string, Command>(compiled.flatMap((s) => s.split.filter((p) => p.length === 1 && p[0]!.length >= 4).map((p) => [p[0]!, s.command] as [string, Command])));

/** A clause that is one unknown word one typo away from a one-word command. */
function typoCommand(a: Analysis): Command | undefined {
  const words = a.tokens.map((t, i) => ({ t, i })).filter(({ t }) => t.kind === 'word');
  const main = words.filter(({ t }) => !LIGHT.has(t.surface) && !LEAD_WORDS.has(t.surface));
  if (main.length !== 1 || words.length > 4 || !a.unknown[main[0]!.i]) return undefined;
  const w = main[0]!.t.surface;
  if (w.length < 4) return undefined;
  for (const [phrase, command] of ONE_WORD) if (withinOneEdit(w, phrase)) return command;
  return undefined;
}
const LEAD_WORDS = new Set(leadIns.filter((l) => l.length === 1).map((l) => l[0]!));

export function parseCommand(a: Analysis): Command | undefined {
  if (evaluated(a)) return 'evaluated';
  const all = clauses(a);
  if (all.length <= 2 && all.some(asksForProgress)) return 'progress';
  // one command per message; with several, the first wins; long messages need the command in a short clause
  const typo = typoCommand(a);
  if (typo) return typo;
  for (const words of all) {
    if (words.some((w) => NEGATORS.has(w))) {
      const c = clauseCommand(words);
      if (!c) continue;
      // "no more", "not now" are themselves phrases; anything else negated ("don't stop") is not a command
      if (!['no more', 'not now', 'not right now', 'not this one'].some((p) => words.join(' ').includes(p))) continue;
      return c;
    }
    const c = clauseCommand(words);
    if (c) return c;
  }
  return undefined;
}
