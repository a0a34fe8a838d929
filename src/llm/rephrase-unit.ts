// What of a reply may go to the LLM: only the reviewed text of its content item, as written in flows/.
// A reply's text is that item's text with its {placeholders} filled (a time, a zone, a date) and sometimes
// a frame around it (an exercise's "1/5: name (about 3 min)" header, a topic's title). The unit is the item's
// own text with placeholders left as they are; the filled values and the frame never leave the process,
// and are put back around the verified rephrase. A reply whose text cannot be explained this way is not
// rephrased at all.
import type { Content } from '../content/schema.js';

export interface ContentItem {
  id: string;
  text: string;
  rephrasable: boolean;
  required_terms: string[];
}

export interface RephraseUnit {
  contentId: string;
  /** The item's text as written in flows/ (with {placeholders}): the only text sent to the LLM. */
  template: string;
  requiredTerms: string[];
  /** Kept verbatim around the rephrased part. */
  prefix: string;
  suffix: string;
  /** Placeholder values as rendered in this reply (never sent). */
  values: Record<string, string>;
}

/** Every content item that has a text, by id. */
export function contentItems(content: Content): Map<string, ContentItem> {
  const all = [
    ...content.messages, ...content.circuit, ...content.circuit.flatMap((e) => e.options ?? []), ...content.steps,
    ...content.reset_schedule, ...content.strength, ...content.guidance, ...content.troubleshooting, ...content.faq,
    ...content.red_flags, ...content.history_flags,
  ];
  const map = new Map<string, ContentItem>();
  for (const item of all) {
    const text = (item as { text?: unknown }).text;
    if (typeof text === 'string') map.set(item.id, { id: item.id, text, rephrasable: item.rephrasable, required_terms: item.required_terms });
  }
  return map;
}

export type UnitProblem = 'unknown_item' | 'not_rephrasable' | 'not_from_content';

export function findUnit(items: ReadonlyMap<string, ContentItem>, reply: { text: string; contentIds: string[] }): RephraseUnit | UnitProblem {
  const id = reply.contentIds[0];
  const item = id ? items.get(id) : undefined;
  if (!item) return 'unknown_item';
  if (!item.rephrasable) return 'not_rephrasable';
  const template = item.text.trim();
  const names = [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  if (names.length === 0) {
    const at = reply.text.indexOf(template);
    if (at < 0) return 'not_from_content';
    return { contentId: item.id, template, requiredTerms: item.required_terms, prefix: reply.text.slice(0, at), suffix: reply.text.slice(at + template.length), values: {} };
  }
  const seen = new Set<string>();
  const body = template.split(/(\{\w+\})/).map((part) => {
    const m = /^\{(\w+)\}$/.exec(part);
    if (!m) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    if (seen.has(m[1]!)) return `\\k<${m[1]}>`;
    seen.add(m[1]!);
    return `(?<${m[1]}>[\\s\\S]+?)`;
  }).join('');
  const match = new RegExp(`^(?<__prefix>[\\s\\S]*?)${body}(?<__suffix>[\\s\\S]*)$`).exec(reply.text);
  if (!match?.groups) return 'not_from_content';
  const { __prefix: prefix = '', __suffix: suffix = '', ...values } = match.groups;
  return { contentId: item.id, template, requiredTerms: item.required_terms, prefix, suffix, values: values as Record<string, string> };
}

/** The reply text with the verified rephrase of the unit in place of the item's text. */
export function assemble(unit: RephraseUnit, rephrasedTemplate: string): string {
  const filled = rephrasedTemplate.trim().replace(/\{(\w+)\}/g, (whole, name: string) => unit.values[name] ?? whole);
  return `${unit.prefix}${filled}${unit.suffix}`;
}
