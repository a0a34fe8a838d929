// flows/ validated once per version: the loader keeps what it validated under a hash of the YAML files and
// of the code that reads and checks them (this folder), and a later start with the same hash takes it from
// there instead of parsing and validating again. Any trouble with the cache means a full load, never an error.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { projectRoot } from '../project-root.js';
import type { Content } from './schema.js';

const cacheDir = join(projectRoot, 'node_modules', '.cache', 'gentlepath');
const codeDir = dirname(fileURLToPath(import.meta.url));

/** The YAML files' names and texts, and the hash that names their validated form. */
export function readFlows(dir: string, files: readonly string[]): { texts: string[]; hash: string } {
  const h = createHash('sha256');
  for (const file of readdirSync(codeDir).sort()) h.update(file).update('\0').update(readFileSync(join(codeDir, file))).update('\0');
  const texts = files.map((file) => readFileSync(join(dir, file), 'utf8'));
  files.forEach((file, i) => h.update(file).update('\0').update(texts[i]!).update('\0'));
  return { texts, hash: h.digest('hex').slice(0, 32) };
}

export function cachedContent(hash: string): Content | undefined {
  try {
    return JSON.parse(readFileSync(join(cacheDir, `content-${hash}.json`), 'utf8')) as Content;
  } catch {
    return undefined;
  }
}

export function keepContent(hash: string, content: Content): void {
  try {
    mkdirSync(cacheDir, { recursive: true });
    const file = join(cacheDir, `content-${hash}.json`);
    const partial = `${file}.${process.pid}.tmp`;
    writeFileSync(partial, JSON.stringify(content));
    renameSync(partial, file);
  } catch {
    // A read-only install simply validates on every start.
  }
}
