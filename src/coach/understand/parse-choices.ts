// Picking options from a list the bot just showed: "1 and 3", "first and last", "child's pose and
// figure 4", "happy baby, figure four", "not happy baby" (everything else). Names are matched by
// their words (stems, one typo allowed), so "childs pose" and "the baby one" work.
import type { Analysis } from './analyze.js';
import { foldText } from './normalize-text.js';
import { expandShorthand } from './expand-shorthand.js';
import { tokenize } from './tokenize.js';
import { numberValue, ORDINALS } from './number-words.js';
import { GLUE_WORDS, STOP_WORDS } from './stopwords.js';
import { withinOneEdit } from './edit-distance.js';

const EXCLUDERS = new Set(['not', 'no', 'except', 'without', 'skip', 'nor', 'hate', 'dislike', 'but']);
const NUMBERISH = /^\d+$/;
const SEPARATORS = new Set(['and', 'or', ',', '&', '+', 'option', 'number', 'no', 'nr', '#', 'then', 'plus', 'also', 'just', 'only', 'maybe', 'pick', 'choose', 'do', 'want', 'take', 'go', 'with', 'ok', 'okay', 'um', 'like', 'prefer', 'both', 'try', 'please']);

function key(surface: string, stem: string): string {
  const n = numberValue(surface);
  return n !== undefined ? String(n) : stem;
}

interface NameWords { keys: string[]; surfaces: string[] }

function nameWords(name: string): NameWords {
  const toks = tokenize(expandShorthand(foldText(name))).filter((t) => (t.kind === 'word' || t.kind === 'number')
    && !GLUE_WORDS.has(t.surface) && t.surface !== "'s");
  return { keys: toks.map((t) => key(t.surface, t.stem)), surfaces: toks.map((t) => t.surface) };
}

export function parseChoices(a: Analysis, choiceNames: readonly string[] | undefined): number[] {
  if (!choiceNames || choiceNames.length === 0) return [];
  const n = choiceNames.length;
  const names = choiceNames.map((c) => nameWords(String(c)));
  // how many names each word appears in (a word in every name says nothing)
  const spread = new Map<string, number>();
  for (const nm of names) for (const k of new Set(nm.keys)) spread.set(k, (spread.get(k) ?? 0) + 1);

  const toks = a.tokens;
  const used = new Set<number>();
  const picks: Array<{ index: number; pos: number; excluded: boolean }> = [];
  const excludedAt = (pos: number): boolean => {
    for (let j = pos - 1, seen = 0; j >= 0 && seen < 3; j--) {
      const t = toks[j]!;
      if (t.kind === 'punct' && t.surface !== "'") return false;
      if (EXCLUDERS.has(t.surface)) return !(t.surface === 'but' && toks[j - 1]?.surface !== 'anything');
      if (t.surface === 'and' || t.surface === 'or') return false;
      seen++;
    }
    return false;
  };

  // 1. names, by their distinctive words
  names.forEach((nm, idx) => {
    let weight = 0, got = 0, first = -1, wordHit = false;
    const positions: number[] = [];
    const total = nm.keys.reduce((s, k) => s + 1 / (spread.get(k) ?? 1), 0);
    nm.keys.forEach((k, w) => {
      const surface = nm.surfaces[w]!;
      const at = toks.findIndex((t, i) => !used.has(i) && (t.kind === 'word' || t.kind === 'number') && !STOP_WORDS.has(t.surface) && (
        key(t.surface, t.stem) === k
        || !NUMBERISH.test(k) && k.length >= 4 && t.surface.length >= 4 && (withinOneEdit(t.stem, k) || withinOneEdit(t.surface, surface))));
      if (at < 0) return;
      const isNumber = NUMBERISH.test(k);
      if (isNumber && !positions.some((p) => Math.abs(p - at) <= 2)) return; // a lone "4" is an option number, not "figure 4"
      weight += 1 / (spread.get(k) ?? 1);
      got++;
      positions.push(at);
      if (!isNumber) wordHit = true;
      if (first < 0 || at < first) first = at;
    });
    const unique = nm.keys.some((k) => spread.get(k) === 1 && !NUMBERISH.test(k) && positions.some((p) => key(toks[p]!.surface, toks[p]!.stem) === k));
    if (wordHit && (weight >= total / 2 || unique && got >= 1)) {
      positions.forEach((p) => used.add(p));
      picks.push({ index: idx + 1, pos: first, excluded: excludedAt(first) });
    }
  });

  // 2. numbers, ordinals, "last", "both", "all"
  toks.forEach((t, i) => {
    if (used.has(i)) return;
    const prev = toks[i - 1]?.surface ?? '', next = toks[i + 1]?.surface ?? '';
    let index: number | undefined;
    if (t.kind === 'number' && /^\d+(,\d+)+$/.test(t.surface)) {              // "1,3" (one token: it also reads as a decimal)
      for (const part of t.surface.split(',')) {
        const k = Number(part);
        if (k >= 1 && k <= n) picks.push({ index: k, pos: i, excluded: excludedAt(i) });
      }
      return;
    }
    if (t.kind === 'number' && NUMBERISH.test(t.surface)) {
      if (next === '/' || next === 'out' || prev === '/' || ['min', 'mins', 'minutes', 'seconds', 'times', 'x'].includes(next)) return;
      index = Number(t.surface);
    } else if (t.kind === 'word') {
      const ord = ORDINALS.get(t.surface);
      if (ord !== undefined) index = ord;
      else if (t.surface === 'last' || t.surface === 'final') index = n;
      else if (t.surface === 'middle' && n % 2 === 1) index = (n + 1) / 2;
      // "one and three", "option two" -- but not "the baby one", "this one", "one of them"
      else if (['one', 'two', 'three', 'four', 'five', 'six'].includes(t.surface) && (i === 0 || SEPARATORS.has(prev))
        && next !== 'of' && next !== 'more') {
        index = numberValue(t.surface);
      } else if ((t.surface === 'both' && n === 2) || t.surface === 'all' && (next === '' || next === 'of' || next === 'three' || next === 'them')) {
        for (let k = 1; k <= n; k++) picks.push({ index: k, pos: i, excluded: false });
        return;
      }
    }
    if (index === undefined || index < 1 || index > n) return;
    picks.push({ index, pos: i, excluded: excludedAt(i) });
  });

  picks.sort((p, q) => p.pos - q.pos);
  const excluded = new Set(picks.filter((p) => p.excluded).map((p) => p.index));
  const chosen: number[] = [];
  for (const p of picks) if (!p.excluded && !excluded.has(p.index) && !chosen.includes(p.index)) chosen.push(p.index);
  if (chosen.length === 0 && excluded.size > 0) {
    for (let k = 1; k <= n; k++) if (!excluded.has(k)) chosen.push(k);
  }
  return chosen;
}
