// Times of day for reminders, to 24 h: "8pm", "20:00", "8.30 in the evening", "half past 7 pm",
// "quarter to 10 at night", "noon", "7am", "around 9 tonight", "19h30", "half 7". A bare number is
// only a time after "at" ("at 8" is 08:00, as written) or with a part of the day ("9 tonight").
// With several times, "from 8pm to 9pm" / "actually 9pm" take the later one; otherwise the first.
import type { Analysis } from './analyze.js';
import { SMALL_NUMBERS } from './number-words.js';

export interface TimeOfDay { hour: number; minute: number }

const SPELLED = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen',
  'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty', 'thirty', 'forty', 'fourty', 'fifty'];
const WORD_NUMBER = new RegExp(`\\b(${SPELLED.join('|')})\\b`, 'g');

function numberize(s: string): string {
  return s
    .replace(/\b(twenty|thirty|forty|fourty|fifty)[\s-](one|two|three|four|five|six|seven|eight|nine)\b/g, (_, tens: string, ones: string) =>
      String((SMALL_NUMBERS.get(tens) ?? 0) + (SMALL_NUMBERS.get(ones) ?? 0)))
    .replace(WORD_NUMBER, (w) => String(SMALL_NUMBERS.get(w) ?? w))
    .replace(/\bo'?clock\b/g, 'oclock')
    .replace(/\b([ap])\.\s?m\b\.?/g, '$1m');
}

type Part = 'am' | 'pm' | 'night' | undefined;

function dayPart(after: string, before: string): Part {
  if (/^\s*(am|in the morning|this morning|tomorrow morning|mornings?|before work)\b/.test(after)) return 'am';
  if (/^\s*(pm|in the (evening|afternoon)|this (evening|afternoon)|tonight|evenings?|afternoons?|after work|after dinner|every evening|every night)\b/.test(after)) return 'pm';
  if (/^\s*(at night|in the night|at nite|at nighttime)\b/.test(after)) return 'night';
  if (/\b(tonight|this evening|in the evening|evenings?|afternoons?|after dinner|after work|at night)[,]? (at|around|about|by|like)( like)?\s*$/.test(before)) return 'pm';
  if (/\b(morning|mornings)[,]? (at|around|about|by|like)( like)?\s*$/.test(before)) return 'am';
  return undefined;
}

function to24(hour: number, minute: number, part: Part): TimeOfDay | undefined {
  if (!Number.isInteger(hour) || !Number.isInteger(minute) || minute < 0 || minute > 59 || hour < 0 || hour > 23) return undefined;
  let h = hour;
  if (part === 'am' || part === 'pm') {
    if (h > 12) return part === 'pm' ? { hour: h, minute } : undefined;   // "20:00 pm": already 24 h
    if (h === 0) return part === 'am' ? { hour: 0, minute } : undefined;
    h = part === 'am' ? (h === 12 ? 0 : h) : (h === 12 ? 12 : h + 12);
  } else if (part === 'night') {
    if (h === 12) h = 0;
    else if (h >= 6 && h < 12) h += 12;
  }
  return { hour: h, minute };
}

interface Found { at: number; end: number; time: TimeOfDay }

const UNIT_AFTER = /^\s*(min|mins|minutes?|hours?|hrs?|h\b|days?|weeks?|times|x\b|\/|out of|of\b|cm|mm|sec|secs|seconds?|breaths|reps|sets)/;

export function parseTime(a: Analysis): TimeOfDay | undefined {
  const s = numberize(a.folded);
  const found: Found[] = [];
  const taken = (at: number, end: number) => found.some((f) => at < f.end && end > f.at);
  const push = (at: number, end: number, t: TimeOfDay | undefined) => { if (t && !taken(at, end)) found.push({ at, end, time: t }); };
  const scan = (re: RegExp, fn: (m: RegExpExecArray, before: string, after: string) => TimeOfDay | undefined) => {
    for (const m of s.matchAll(re)) {
      const at = m.index, end = at + m[0].length;
      if (taken(at, end)) continue;
      push(at, end, fn(m as RegExpExecArray, s.slice(0, at), s.slice(end)));
    }
  };

  scan(/\b(noon|midday|lunchtime|lunch time)\b/g, () => ({ hour: 12, minute: 0 }));
  scan(/\bmidnight\b/g, () => ({ hour: 0, minute: 0 }));
  // "half past 7", "quarter to 10", "20 past 6", "10 minutes to 9"
  scan(/\b(half|quarter|\d{1,2})\s*(minutes?\s*)?(past|after|to|til|till)\s*(\d{1,2})\b(?!\s*(min|minutes|mins|hours|days|\/|-))/g, (m, before, after) => {
    const [, amount, minutesWord, dir, hourText] = m;
    const numeric = /^\d+$/.test(amount!);
    if (numeric && !minutesWord && dir !== 'past') return undefined;          // "8 to 9", "2 to 3": ranges
    const mins = amount === 'half' ? 30 : amount === 'quarter' ? 15 : Number(amount);
    if (mins >= 60) return undefined;
    const part = dayPart(after, before);
    if (dir === 'past' || dir === 'after') return to24(Number(hourText), mins, part);
    const t = to24(Number(hourText), 0, part);
    if (!t) return undefined;
    const total = (t.hour * 60 - mins + 1440) % 1440;
    return { hour: Math.floor(total / 60), minute: total % 60 };
  });
  // British "half 7" = 7:30
  scan(/\bhalf\s+(\d{1,2})\b(?!\s*(min|minutes|hours|an?\b|\/|of))/g, (m, before, after) => to24(Number(m[1]), 30, dayPart(after, before)));
  // "20:00", "8:30pm", "8.30 in the evening", "19h30", "8 30 pm"
  scan(/(?<![\d.:/-])(\d{1,2})(?:\s?[:h]\s?|\.)(\d{2})(?![\d.:/])\s*(am|pm)?/g, (m, before, after) => {
    if (UNIT_AFTER.test(after)) return undefined;
    return to24(Number(m[1]), Number(m[2]), (m[3] as Part) ?? dayPart(after, before));
  });
  scan(/(?<![\d.:])(\d{1,2})\s(\d{2})\s?(am|pm)\b/g, (m) => to24(Number(m[1]), Number(m[2]), m[3] as Part));
  // "8pm", "8 pm", "9 oclock", "9 in the evening", "9 tonight", "at 8"
  scan(/(?<![\d.:/-])(\d{1,2})(?![\d:./])\s*(am|pm|oclock)?(?![a-z])/g, (m, before, after) => {
    const marker = m[2];
    if (!marker && /^\s*(-|to\b|or\b)\s*\d/.test(after)) return undefined;   // a range of numbers
    if ((marker === 'am' || marker === 'pm') && Number(m[1]) > 12) return undefined; // "13pm"
    if (UNIT_AFTER.test(after)) return undefined;
    const part: Part = marker === 'am' || marker === 'pm' ? marker : dayPart(after, before);
    const atWord = /\b(at|@)\s*(like\s*)?(~\s*)?$/.test(before) && !/\b(pain|stayed|stays|was|is|'s|remained|hovering|still|level)\s+at\s*$/.test(before);
    const approx = /\b(around|about|by|before|after|from|until|til|till)\s*(like\s*)?(~\s*)?$/.test(before);
    if (marker || part !== undefined && (atWord || approx || /^\s*(tonight|in the|this|at night)/.test(after)) || atWord) {
      return to24(Number(m[1]), 0, part);
    }
    return undefined;
  });

  if (found.length === 0) return undefined;
  found.sort((x, y) => x.at - y.at);
  if (found.length > 1) {
    const between = s.slice(found[0]!.end, found[found.length - 1]!.at);
    if (/\b(to|instead|actually|rather|no wait|change|changed|make it|move it|switch|later)\b/.test(between)) return found[found.length - 1]!.time;
  }
  return found[0]!.time;
}
