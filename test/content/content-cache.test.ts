// flows/ is validated once per version of its files: a start with unchanged files takes the validated
// program from the cache, and any edit (good or broken) is read and checked again.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultFlowsDir, loadContent } from '../../src/content/load-content.js';
import { KEPT_PER_KIND, pruneBeside } from '../../src/content/content-cache.js';
import { indexContent } from '../../src/coach/understand/content-index.js';

describe('flows/ validated once per version', () => {
  const dirs: string[] = [];
  afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });
  const copy = () => {
    const dir = mkdtempSync(join(tmpdir(), 'gentlepath-flows-'));
    dirs.push(dir);
    cpSync(defaultFlowsDir, dir, { recursive: true });
    return dir;
  };

  it('gives the very same program from the cache as from a fresh validation', () => {
    const dir = copy();
    const first = loadContent(dir);
    const again = loadContent(dir);
    expect(isDeepStrictEqual(again, first)).toBe(true);
  });

  it('keeps the vocabulary derived from flows/ beside it, the same as one computed afresh', () => {
    const dir = copy();
    const kept = [indexContent(loadContent(dir)).vocabulary, indexContent(loadContent(dir)).vocabulary];
    // A copy not loaded from files has no hash to keep anything under: its vocabulary is computed.
    const computed = indexContent(structuredClone(loadContent(dir))).vocabulary;
    for (const v of kept) expect(isDeepStrictEqual(v, computed)).toBe(true);
    expect(computed.words.has('dilator')).toBe(true);
  });

  it('reads an edit made after a cached start, and still stops on a broken one with its file named', () => {
    const dir = copy();
    expect(loadContent(dir).version).toBe(loadContent(dir).version);
    const program = join(dir, 'program.yaml');
    writeFileSync(program, readFileSync(program, 'utf8').replace(/^version: .*$/m, 'version: "edited-after-cache"'));
    expect(loadContent(dir).version).toBe('edited-after-cache');
    writeFileSync(program, `${readFileSync(program, 'utf8')}\n  : : not yaml [\n`);
    expect(() => loadContent(dir)).toThrow(/flows\/program\.yaml: not valid YAML/);
  });

  it('keeps the most recently used files of each kind, and removes partial writes a dead process left long ago', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gentlepath-cache-'));
    dirs.push(dir);
    const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000);
    const write = (name: string, minutesAgo: number) => { writeFileSync(join(dir, name), '{}'); utimesSync(join(dir, name), at(minutesAgo), at(minutesAgo)); };
    // Older content files, used 1 to KEPT_PER_KIND + 1 minutes ago; the newest is written now.
    for (let i = 1; i <= KEPT_PER_KIND + 1; i += 1) write(`content-used-${i}-min-ago.json`, i);
    write('content-new.json', 0);
    write('vocabulary-v1.json', 600);
    write('content-new.json.123.tmp', 0);
    write('content-old.json.456.tmp', 60);
    pruneBeside(dir, 'content-new.json');
    const kept = Array.from({ length: KEPT_PER_KIND - 1 }, (_, i) => `content-used-${i + 1}-min-ago.json`);
    expect(readdirSync(dir).sort()).toEqual(['content-new.json', 'content-new.json.123.tmp', ...kept, 'vocabulary-v1.json'].sort());
  });
});
