// Reads every YAML file in flows/, merges them and validates the whole program at start-up.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../project-root.js';
import { parse } from 'yaml';
import { contentSchema, type Content } from './schema.js';
import { CoachError } from '../errors.js';
import { checkMessages } from './render-message.js';

export const defaultFlowsDir = join(projectRoot, 'flows');

/** Loads and validates flows/. A broken file stops start-up with the file, the path inside it and the reason. */
export function loadContent(dir: string = defaultFlowsDir): Content {
  const merged: Record<string, unknown> = {};
  const origin = new Map<string, string>(); // top-level key -> files that contributed, for error messages
  const files = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();
  if (files.length === 0) throw new CoachError('content_invalid', `no .yaml files in ${dir}`);
  for (const file of files) {
    let doc: unknown;
    try {
      doc = parse(readFileSync(join(dir, file), 'utf8'));
    } catch (cause) {
      throw new CoachError('content_invalid', `flows/${file}: not valid YAML: ${(cause as Error).message}`, cause);
    }
    if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
      throw new CoachError('content_invalid', `flows/${file}: expected a mapping of sections at the top level`);
    }
    for (const [key, value] of Object.entries(doc)) {
      const existing = merged[key];
      if (Array.isArray(existing) && Array.isArray(value)) merged[key] = [...existing, ...value];
      else if (existing !== undefined) {
        throw new CoachError('content_invalid', `flows/${file}: section "${key}" is already defined in flows/${origin.get(key)}`);
      } else merged[key] = value;
      origin.set(key, origin.has(key) ? `${origin.get(key)}, ${file}` : file);
    }
  }
  const result = contentSchema.safeParse(merged);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const [section, index] = issue.path;
    const item = typeof index === 'number' ? (merged[section as string] as Array<{ id?: string }>)[index] : undefined;
    const where = `${issue.path.join('.')}${item?.id ? ` (id ${item.id})` : ''}`;
    throw new CoachError('content_invalid', `flows/${origin.get(String(section)) ?? '?'}: ${where}: ${issue.message}`);
  }
  const content = result.data;
  assertUniqueIds(content);
  const problems = checkMessages(content);
  if (problems.length > 0) throw new CoachError('content_invalid', `flows/: ${problems.join('; ')}`);
  return content;
}

function assertUniqueIds(content: Content): void {
  const seen = new Set<string>();
  const all = [
    ...content.messages, ...content.circuit, ...content.steps, ...content.reset_schedule, ...content.strength,
    ...content.guidance, ...content.troubleshooting, ...content.faq, ...content.red_flags, ...content.history_flags,
    ...content.circuit.flatMap((e) => e.options ?? []),
  ];
  for (const item of all) {
    if (seen.has(item.id)) throw new CoachError('content_invalid', `flows/: id "${item.id}" is used twice`);
    seen.add(item.id);
  }
}
