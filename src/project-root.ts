// The folder that holds package.json, flows/ and prompts/, whether running from src/ (tsx) or dist/ (built).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'flows'))) return dir;
    if (dirname(dir) === dir) return start;
  }
}

export const projectRoot = findRoot(dirname(fileURLToPath(import.meta.url)));
