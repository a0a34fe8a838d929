// Synonym canonicalisation: every word or phrase in a synonym group counts as the group's first
// entry. Groups come from the content (flows/ `synonyms`, the clinician-reviewed source) and from a
// small built-in list of everyday equivalents; groups that share a word are merged.
import type { Token } from './tokenize.js';
import { foldText } from './normalize-text.js';
import { expandShorthand } from './expand-shorthand.js';
import { tokenize } from './tokenize.js';
import { COMMON_WORDS } from './common-words.js';
import { SMALL_NUMBERS } from './number-words.js';

/** Everyday equivalents the content should not have to spell out. */
export const BASE_SYNONYMS: readonly (readonly string[])[] = [
  ['bleed', 'blood', 'bloody', 'bleeding', 'bled'],
  // not the neutral "smell": "the lube smells nice" is not an odour complaint
  ['smelly', 'stink', 'stinky', 'stinks', 'odor', 'odour', 'reek', 'reeks'],
  ['doctor', 'doc', 'dr', 'gp', 'physician', 'gyno', 'gynecologist', 'gynaecologist', 'obgyn', 'midwife', 'nurse'],
  ['physio', 'physiotherapist', 'physical therapist'],
  ['scared', 'afraid', 'frightened', 'terrified', 'fearful'],
  ['anxious', 'anxiety', 'nervous'],
  ['partner', 'boyfriend', 'girlfriend', 'husband', 'wife', 'bf', 'gf', 'fiance', 'spouse', 'hubby'],
  ['lube', 'lubricant', 'lubrication'],
  ['sex', 'intercourse'],
  ['vagina', 'vaginal'],
  ['tampon', 'tampons'],
];

interface SingleEntry { canon: string; inflOnly: boolean }
interface MultiEntry { stems: string[]; canon: string }

export interface Synonyms {
  bySurface: Map<string, string>;
  byStem: Map<string, SingleEntry>;
  /** First stem -> phrases starting with it, longest first. */
  multi: Map<string, MultiEntry[]>;
}

function wordsOf(phrase: string): Token[] {
  return tokenize(expandShorthand(foldText(phrase))).filter((t) => t.kind === 'word' || t.kind === 'number');
}

/** Merge groups that share a word (content groups first, so their first word is canonical). */
export function buildSynonyms(contentGroups: readonly (readonly string[])[]): Synonyms {
  const groups = [...contentGroups, ...BASE_SYNONYMS].map((g) => g.map((w) => wordsOf(w)).filter((ws) => ws.length > 0));
  const key = (ws: Token[]) => ws.map((t) => t.stem).join(' ');
  // union-find over groups by shared keys
  const parent = groups.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const owner = new Map<string, number>();
  groups.forEach((g, gi) => {
    for (const ws of g) {
      const k = key(ws);
      const o = owner.get(k);
      if (o === undefined) owner.set(k, gi);
      else { const a = find(o), b = find(gi); if (a !== b) parent[Math.max(a, b)] = Math.min(a, b); }
    }
  });
  const canonOf = (gi: number): string => {
    const first = groups[find(gi)]?.[0];
    return first ? first.map((t) => t.stem).join('_') : '';
  };
  const bySurface = new Map<string, string>();
  const byStem = new Map<string, SingleEntry>();
  const multi = new Map<string, MultiEntry[]>();
  groups.forEach((g, gi) => {
    const canon = canonOf(gi);
    if (!canon) return;
    const bare = new Set(g.filter((ws) => ws.length === 1).map((ws) => ws[0]!.surface));
    for (const ws of g) {
      if (ws.length === 1) {
        const t = ws[0]!;
        if (!bySurface.has(t.surface)) bySurface.set(t.surface, canon);
        // "spotting" must not make the everyday word "spot" mean bleeding: a listed inflected form
        // only claims its bare stem when that stem is not an everyday word (or is listed itself).
        const inflOnly = t.surface !== t.stem && COMMON_WORDS.has(t.stem) && !bare.has(t.stem);
        const prev = byStem.get(t.stem);
        if (!prev || prev.inflOnly && !inflOnly) byStem.set(t.stem, { canon, inflOnly });
      } else {
        const first = ws[0]!.stem;
        const list = multi.get(first) ?? [];
        list.push({ stems: ws.map((t) => t.stem), canon });
        list.sort((a, b) => b.stems.length - a.stems.length);
        multi.set(first, list);
      }
    }
  });
  return { bySurface, byStem, multi };
}

/** Words before a bare stem that make it a verb ("to spot", "I spot", "might spot"), not a noun ("a sore spot"). */
const VERB_BEFORE = new Set(['to', 'i', 'you', 'we', 'they', 'she', 'will', 'would', 'might', 'may', 'can', 'could', 'do', 'does', 'did',
  'not', 'also', 'still', 'usually', 'sometimes', 'often', 'always', 'should', 'never', 'ever', 'and', 'or']);

export function verbContext(tokens: readonly Token[], i: number): boolean {
  return VERB_BEFORE.has(tokens[i - 1]?.surface ?? '');
}

/** Canonical key per token: the group's canonical stem(s), '' for words absorbed by a phrase. */
export function canonicalize(tokens: readonly Token[], syn: Synonyms): string[] {
  const out = new Array<string>(tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (out[i] !== undefined) continue;
    if (t.kind !== 'word') { out[i] = t.stem; continue; }
    const n = SMALL_NUMBERS.get(t.surface);
    if (n !== undefined && t.surface !== 'nil') { out[i] = String(n); continue; }   // "two days" = "2 days"
    const phrases = syn.multi.get(t.stem);
    let matched = false;
    if (phrases) {
      for (const p of phrases) {
        if (p.stems.every((s, k) => tokens[i + k]?.kind !== 'punct' && tokens[i + k]?.stem === s)) {
          out[i] = p.canon;
          for (let k = 1; k < p.stems.length; k++) out[i + k] = '';
          matched = true;
          break;
        }
      }
    }
    if (matched) continue;
    const bySurface = syn.bySurface.get(t.surface);
    if (bySurface !== undefined) { out[i] = bySurface; continue; }
    const byStem = syn.byStem.get(t.stem);
    out[i] = byStem && !(byStem.inflOnly && t.surface === t.stem && !verbContext(tokens, i)) ? byStem.canon : t.stem;
  }
  return out;
}
