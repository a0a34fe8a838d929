// Reads every YAML file in flows/, merges them and validates the whole program at start-up.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../project-root.js';
import { createRequire } from 'node:module';
import { contentSchema, type Content } from './schema.js';
import { CoachError } from '../errors.js';
import { checkMessages } from './render-message.js';
import { checkSteps } from './check-steps.js';
import { reviewItems } from './review-items.js';
import { cachedContent, keepContent, readFlows } from './content-cache.js';

export const defaultFlowsDir = join(projectRoot, 'flows');
export const SAFETY_NET_FILE = 'safety-net.json';

/**
 * Loads and validates flows/. A broken file stops start-up with the file, the path inside it and the reason.
 * What passed is kept by the hash of the files (content-cache.ts), so an unchanged flows/ is validated once.
 */
export function loadContent(dir: string = defaultFlowsDir): Content {
  const files = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();
  if (files.length === 0) throw new CoachError('content_invalid', `no .yaml files in ${dir}`);
  // the learned safety net's weights are data, not prose: JSON beside the YAML, part of what is hashed
  const inputs = existsSync(join(dir, SAFETY_NET_FILE)) ? [...files, SAFETY_NET_FILE] : files;
  const { texts, hash } = readFlows(dir, inputs);
  const cached = cachedContent(hash);
  if (cached) return cached;
  const content = validate(files, texts.slice(0, files.length), texts[files.length]);
  keepContent(hash, content);
  return content;
}

/** The YAML parser, loaded only when flows/ has to be validated (not on a start with unchanged files). */
const yaml = () => createRequire(import.meta.url)('yaml') as typeof import('yaml');

function validate(files: readonly string[], texts: readonly string[], netText: string | undefined): Content {
  const { parse } = yaml();
  const merged: Record<string, unknown> = {};
  const origin = new Map<string, string>(); // top-level key -> files that contributed, for error messages
  for (const [i, file] of files.entries()) {
    let doc: unknown;
    try {
      doc = parse(texts[i]!);
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
  if (netText !== undefined) {
    try {
      merged.safety_net = JSON.parse(netText);
    } catch (cause) {
      throw new CoachError('content_invalid', `flows/${SAFETY_NET_FILE}: not valid JSON: ${(cause as Error).message}`, cause);
    }
    origin.set('safety_net', SAFETY_NET_FILE);
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
  const stepProblems = checkSteps(content);
  if (stepProblems.length > 0) {
    throw new CoachError('content_invalid', stepProblems.map((p) => `flows/${origin.get(p.section) ?? '?'}: ${p.text}`).join('; '));
  }
  assertUniqueIds(content);
  assertReviewsRecordedOnce(content);
  const problems = checkMessages(content);
  if (problems.length > 0) throw new CoachError('content_invalid', `flows/: ${problems.join('; ')}`);
  return content;
}

function assertUniqueIds(content: Content): void {
  const seen = new Set<string>();
  for (const item of reviewItems(content)) {
    if (seen.has(item.id)) throw new CoachError('content_invalid', `flows/: id "${item.id}" is used twice`);
    seen.add(item.id);
  }
}

/** Sign-off lives in flows/reviews.yaml only (with the hash of what was approved), never typed into an item. */
function assertReviewsRecordedOnce(content: Content): void {
  for (const item of reviewItems(content)) {
    const raw = findRaw(content, item.id);
    if (raw?.reviewed_by !== undefined && raw.reviewed_by !== PENDING) {
      throw new CoachError('content_invalid', `flows/: item "${item.id}" says reviewed_by "${raw.reviewed_by}"; keep "${PENDING}" and record sign-off with npm run review -- import`);
    }
  }
}

export const PENDING = 'pending clinical review';

function findRaw(content: Content, id: string): { reviewed_by?: string } | undefined {
  for (const [section, value] of Object.entries(content)) {
    if (section === 'reviews') continue;
    const list = Array.isArray(value) ? value : (value as { regions?: unknown[] } | undefined)?.regions;
    if (!Array.isArray(list)) continue;
    for (const raw of list as Array<{ id?: string; reviewed_by?: string; options?: Array<{ id: string; reviewed_by?: string }> }>) {
      if (raw?.id === id) return raw;
      const option = raw?.options?.find((o) => o.id === id);
      if (option) return option;
    }
  }
  return undefined;
}
