// flows/ validated once per version: the loader keeps what it validated under a hash of the YAML files and
// of the code that reads and checks them (this folder), and a later start with the same hash takes it from
// there instead of parsing and validating again. Any trouble with the cache means a full load, never an error.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { projectRoot } from '../project-root.js';
import type { Content } from './schema.js';

const cacheDir = join(projectRoot, 'node_modules', '.cache', 'gentlepath');

/** Adds the files of the folder holding `moduleUrl` (the code that computes what is kept) to a hash. */
function hashCode(h: ReturnType<typeof createHash>, moduleUrl: string): void {
  const dir = dirname(fileURLToPath(moduleUrl));
  for (const entry of readdirSync(dir, { withFileTypes: true }).filter((e) => e.isFile()).sort((a, b) => a.name.localeCompare(b.name))) {
    h.update(entry.name).update('\0').update(readFileSync(join(dir, entry.name))).update('\0');
  }
}

/** The YAML files' names and texts, and the hash that names their validated form. */
export function readFlows(dir: string, files: readonly string[]): { texts: string[]; hash: string } {
  const h = createHash('sha256');
  hashCode(h, import.meta.url);
  const texts = files.map((file) => readFileSync(join(dir, file), 'utf8'));
  files.forEach((file, i) => h.update(file).update('\0').update(texts[i]!).update('\0'));
  return { texts, hash: h.digest('hex').slice(0, 32) };
}

/** The hash each loaded program came from, so what is derived from it can be kept beside it. */
const hashes = new WeakMap<Content, string>();

function read<T>(name: string): T | undefined {
  try {
    const file = join(cacheDir, name);
    const value = JSON.parse(readFileSync(file, 'utf8')) as T;
    // Marked as used, so pruning keeps the files that are being read.
    try { const now = new Date(); utimesSync(file, now, now); } catch { /* a read-only install */ }
    return value;
  } catch {
    return undefined;
  }
}

function write(name: string, value: unknown): void {
  try {
    mkdirSync(cacheDir, { recursive: true });
    const file = join(cacheDir, name);
    const partial = `${file}.${process.pid}.tmp`;
    writeFileSync(partial, JSON.stringify(value));
    renameSync(partial, file);
    pruneBeside(cacheDir, name);
  } catch {
    // A read-only install simply validates (and derives) on every start.
  }
}

/** A write left behind by a process that died mid-write is removed after this long. */
const STALE_PARTIAL_MS = 10 * 60_000;
/**
 * Files kept of each kind. More than one: the built code (dist/) and the source (tsx) hash differently and
 * share this folder, and so do a test's edited copy of flows/ and flows/ itself; keeping one made them
 * push each other out, and every start validated again.
 */
export const KEPT_PER_KIND = 4;

/**
 * Keeps the most recently used files of each kind (`content-…`, `vocabulary-…`, a read marks a file used):
 * once `kept` is written, the older files of its kind beyond KEPT_PER_KIND are from older versions of flows/
 * or of the code and are removed, as are old partial writes. A file another process is reading when it goes
 * only means that process validates again.
 */
export function pruneBeside(dir: string, kept: string, now = Date.now()): void {
  const kind = `${kept.slice(0, kept.indexOf('-'))}-`;
  const used = (path: string) => { try { return statSync(path).mtimeMs; } catch { return 0; } };
  const entries = readdirSync(dir);
  const remove = (path: string) => { try { unlinkSync(path); } catch { /* gone already (another process pruned it) */ } };
  for (const entry of entries.filter((e) => e.endsWith('.tmp'))) {
    const path = join(dir, entry);
    if (now - used(path) > STALE_PARTIAL_MS) remove(path);
  }
  const older = entries.filter((e) => e.startsWith(kind) && e.endsWith('.json') && e !== kept)
    .map((e) => ({ path: join(dir, e), at: used(join(dir, e)) })).sort((a, b) => b.at - a.at);
  for (const { path } of older.slice(KEPT_PER_KIND - 1)) remove(path);
}

export function cachedContent(hash: string): Content | undefined {
  const content = read<Content>(`content-${hash}.json`);
  if (content) hashes.set(content, hash);
  return content;
}

export function keepContent(hash: string, content: Content): void {
  hashes.set(content, hash);
  write(`content-${hash}.json`, content);
}

/**
 * Something computed from a loaded program alone by the code in the folder of `codeUrl`, kept beside its
 * validated form: computed on the first start with these files and this code, read back on the next ones.
 * A program not loaded from flows/ (a test's own) is simply computed.
 */
export function derivedOnce<T, J>(content: Content, name: string, codeUrl: string, compute: () => T, toJson: (value: T) => J, fromJson: (json: J) => T): T {
  const contentHash = hashes.get(content);
  if (!contentHash) return compute();
  const h = createHash('sha256').update(contentHash);
  hashCode(h, codeUrl);
  const file = `${name}-${h.digest('hex').slice(0, 32)}.json`;
  const kept = read<J>(file);
  if (kept !== undefined) return fromJson(kept);
  const value = compute();
  write(file, toJson(value));
  return value;
}
