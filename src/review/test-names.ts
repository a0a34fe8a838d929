// The names of the tests in a test file, read from its source: the string given to it(...) / test(...),
// including it.each(...)(...), it.skipIf(...)(...) and the like. Transcript files (test/transcripts/*.yaml)
// are tests named by their file name. Used to check that the hazard log only cites tests that exist.
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

const TEST_CALL = /(?<=^|[\s;{}(),])(?:it|test)(?:\.(?:only|skip|concurrent|fails|sequential|todo)|\.(?:each|skipIf|runIf|for)\((?:[^()]|\([^()]*\))*\))*\(\s*(['"`])((?:\\.|(?!\1)[^\\])*)\1/gm;

export function testNames(root: string, file: string): string[] | null {
  const path = join(root, file);
  if (!existsSync(path)) return null;
  if (/^test\/transcripts\/[^/]+\.yaml$/.test(file)) return [basename(file, '.yaml')];
  const source = readFileSync(path, 'utf8');
  return [...source.matchAll(TEST_CALL)].map((m) => m[2]!.replace(/\\(['"`\\])/g, '$1'));
}
