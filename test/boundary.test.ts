// The core never imports a channel: nothing under src/coach, src/content or src/store may import a
// channel SDK (botbuilder, @slack/*, botframework-*, ws) or anything under src/channels or src/server.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const CORE = ['src/coach', 'src/content', 'src/store'];
const FORBIDDEN_PACKAGES = [/^botbuilder(-.*)?(\/|$)/, /^@slack\//, /^botframework-/, /^ws(\/|$)/];
const FORBIDDEN_DIRS = ['src/channels', 'src/server'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(c|m)?[jt]sx?$/.test(name) ? [path] : [];
  });
}

/** Every module specifier a file names: static and type imports, re-exports, dynamic import() and require(). */
function specifiers(source: string): string[] {
  const found: string[] = [];
  const patterns = [
    /\b(?:import|export)\s+(?:type\s+)?[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"`]([^'"`]+)['"`]\s*\)/g,
    /\brequire\s*\(\s*['"`]([^'"`]+)['"`]\s*\)/g,
  ];
  for (const pattern of patterns) for (const match of source.matchAll(pattern)) found.push(match[1]!);
  return found;
}

function violations(file: string): string[] {
  const out: string[] = [];
  for (const spec of specifiers(readFileSync(file, 'utf8'))) {
    if (FORBIDDEN_PACKAGES.some((p) => p.test(spec))) out.push(`${relative(ROOT, file)} imports ${spec}`);
    if (spec.startsWith('.')) {
      const target = relative(ROOT, resolve(dirname(file), spec));
      if (FORBIDDEN_DIRS.some((d) => target === d || target.startsWith(`${d}/`))) out.push(`${relative(ROOT, file)} imports ${spec}`);
    }
  }
  return out;
}

describe('core boundary', () => {
  it('finds the core files to check', () => {
    expect(CORE.flatMap((d) => sourceFiles(join(ROOT, d))).length).toBeGreaterThan(20);
  });

  it('keeps channel SDKs, channels and the server out of src/coach, src/content and src/store', () => {
    expect(CORE.flatMap((d) => sourceFiles(join(ROOT, d))).flatMap(violations)).toEqual([]);
  });

  it('recognises the ways a file can import', () => {
    const sample = [
      "import { CloudAdapter } from 'botbuilder';",
      "import type { App } from '@slack/bolt';",
      "export { x } from '../channels/slack/parse.js';",
      "const ws = await import('ws');",
      "const wc = require('botframework-webchat');",
      "import '../server/start.js';",
      "import {\n  a,\n  b,\n} from 'botbuilder-core';",
    ].join('\n');
    expect(specifiers(sample)).toEqual(expect.arrayContaining(['botbuilder', '@slack/bolt', '../channels/slack/parse.js', 'ws', 'botframework-webchat', '../server/start.js', 'botbuilder-core']));
  });
});
