// Every piece of flows/ a clinician signs off, one reviewable item each, with a stable hash of what it says.
// Items with an id come from every section (messages, exercises, steps, topics, red flags, crisis help, ...);
// sections without ids (the rule parameters, lexicons) are one item each, named by their section.
import { createHash } from 'node:crypto';
import type { Content } from './schema.js';

export type SafetyClass = 'crisis' | 'red_flag' | 'screening' | 'safety' | 'rule' | 'consent_and_data' | 'program' | 'chat_flow';

export interface ReviewItem {
  id: string;
  /** The flows/ section it lives in (messages, circuit, red_flags, ...). */
  section: string;
  /** The source plan's section it carries, as the item names it. */
  source: string;
  rephrasable: boolean;
  requiredTerms: string[];
  /** What it says, field by field, as the user (or the coach's rules) will see it. */
  fields: Array<{ name: string; value: string }>;
  safetyClass: SafetyClass;
  /** sha256 over everything the item says and how it may be used (not its review fields). */
  hash: string;
}

/** Review bookkeeping and nested items: not part of what a reviewer approves for this item. */
const NOT_HASHED = new Set(['reviewed_by', 'reviewed_on', 'options']);
/** Sections that are not clinical content: the version label, the sign-off records, matching synonyms. */
const NOT_REVIEWED = new Set(['version', 'reviews', 'synonyms']);
const META = new Set(['id', 'source', 'reviewed_by', 'reviewed_on', 'rephrasable', 'required_terms', 'options']);

/** What a section without ids carries, in the words the review packet's fact groups match on. */
const SECTION_SOURCE: Record<string, string> = {
  parameters: 'Rule parameters: the comfort rule, progression, spike and rest, stall, strength unlock',
  safety_lexicon: 'Safety lexicon: the words behind crisis and red-flag concepts (PROGRAM-RULES section 4; GentlePath safety design)',
  crisis_help: 'Crisis help per country (GentlePath crisis response, not from the source plan)',
};

type Raw = Record<string, unknown> & { id: string; source: string; rephrasable: boolean; required_terms?: string[] };

const cache = new WeakMap<Content, ReviewItem[]>();

/** All reviewable items in flows/ order. */
export function reviewItems(content: Content): ReviewItem[] {
  let items = cache.get(content);
  if (items) return items;
  items = [];
  for (const [section, value] of Object.entries(content)) {
    if (NOT_REVIEWED.has(section) || value === undefined) continue;
    if (section === 'crisis_help') {
      const help = value as NonNullable<Content['crisis_help']>;
      for (const region of help.regions) items.push(fromRaw(region as unknown as Raw, section));
      items.push(fromWhole('crisis_help.default_region', section, { default_region: help.default_region }));
    } else if (Array.isArray(value) && value.length > 0 && (value as unknown[]).every(isItem)) {
      for (const raw of value as Raw[]) {
        items.push(fromRaw(raw, section));
        for (const option of (raw.options as Raw[] | undefined) ?? []) items.push(fromRaw(option, section));
      }
    } else {
      items.push(fromWhole(section, section, value));
    }
  }
  cache.set(content, items);
  return items;
}

function isItem(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && typeof (value as Raw).id === 'string' && typeof (value as Raw).source === 'string';
}

function fromRaw(raw: Raw, section: string): ReviewItem {
  const fields = Object.entries(raw).filter(([name]) => !META.has(name)).map(([name, value]) => ({ name, value: show(value) }));
  const hashed = Object.fromEntries(Object.entries(raw).filter(([name]) => !NOT_HASHED.has(name)));
  return {
    id: raw.id, section, source: raw.source, rephrasable: raw.rephrasable, requiredTerms: raw.required_terms ?? [],
    fields, safetyClass: classify(raw.id, section, raw.source, raw.rephrasable), hash: hashOf(hashed),
  };
}

/** A section without ids (parameters, crisis terms): reviewed as one item. */
function fromWhole(id: string, section: string, value: unknown): ReviewItem {
  const fields = typeof value === 'object' && value !== null && !Array.isArray(value)
    ? Object.entries(value).map(([name, v]) => ({ name, value: show(v) }))
    : [{ name: section, value: show(value) }];
  return {
    id, section, source: SECTION_SOURCE[section] ?? 'GentlePath rules and lexicons (not from the source plan)', rephrasable: false, requiredTerms: [], fields,
    safetyClass: classify(id, section, '', false), hash: hashOf({ id, value }),
  };
}

function classify(id: string, section: string, source: string, rephrasable: boolean): SafetyClass {
  if (id.startsWith('crisis') || id.startsWith('safety.crisis') || section.startsWith('crisis') || section === 'safety_lexicon') return 'crisis';
  if (section === 'red_flags') return 'red_flag';
  if (section === 'history_flags') return 'screening';
  if (id.startsWith('safety.')) return 'safety';
  if (section === 'parameters') return 'rule';
  if (id.startsWith('disclaimer') || id.startsWith('onboarding.consent') || id.startsWith('data.') || id.startsWith('about.')) return 'consent_and_data';
  if (!rephrasable && /safety|red flag/i.test(source)) return 'safety';
  return /not from the source plan/.test(source) ? 'chat_flow' : 'program';
}

function show(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  if (Array.isArray(value)) return value.map(show).join('; ');
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 2 && 'min' in (value as object) && 'max' in (value as object)) {
    const { min, max } = value as { min: unknown; max: unknown };
    return min === max ? String(min) : `${String(min)}-${String(max)}`;
  }
  return entries.map(([k, v]) => `${k}: ${show(v)}`).join(', ');
}

/** sha256 of a value's JSON with keys sorted, so formatting and key order in the YAML never matter. */
export function hashOf(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(sortKeys(value))).digest('hex');
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]));
  }
  return value;
}
