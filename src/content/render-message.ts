// Looks up a scripted message by id and fills its {placeholders}.
import type { Content } from './schema.js';
import { messageIds, type MessageId } from './message-ids.js';

export interface RenderedText {
  /** Content id, so a reply can be traced to the reviewed item (and the LLM knows what it may rephrase). */
  id: string;
  text: string;
  rephrasable: boolean;
}

export type Vars = Record<string, string | number>;

const messageIndex = new WeakMap<Content, Map<string, Content['messages'][number]>>();

export function renderMessage(content: Content, id: MessageId, vars: Vars = {}): RenderedText {
  let index = messageIndex.get(content);
  if (!index) {
    index = new Map(content.messages.map((m) => [m.id, m]));
    messageIndex.set(content, index);
  }
  const item = index.get(id);
  if (!item) throw new Error(`message ${id} is missing from flows/ (the loader should have caught this)`);
  return { id, text: fill(item.text, vars), rephrasable: item.rephrasable };
}

export function fill(text: string, vars: Vars): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole)).trim();
}

/** Problems with flows/ messages against the list the code uses: missing ids and unknown placeholders. */
export function checkMessages(content: Content): string[] {
  const problems: string[] = [];
  for (const [id, allowed] of Object.entries(messageIds)) {
    const item = content.messages.find((m) => m.id === id);
    if (!item) { problems.push(`message "${id}" is missing`); continue; }
    for (const [, name] of item.text.matchAll(/\{(\w+)\}/g)) {
      if (!(allowed as readonly string[]).includes(name!)) problems.push(`message "${id}" uses {${name}}, which the code does not fill (allowed: ${allowed.join(', ') || 'none'})`);
    }
  }
  return problems;
}
