// Import directions. The core never imports a channel: nothing under src/coach, src/content or src/store
// may import a channel SDK or anything under src/channels or src/server, and the core owns its store port.
// Channels sit below the server: no channel imports the server or another channel; shared channel helpers
// sit below the channels; only the registry names channel folders.
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

const ts = (dir: string) => sourceFiles(join(ROOT, dir));
const target = (file: string, spec: string) => relative(ROOT, resolve(dirname(file), spec)).replace(/\.js$/, '');
const under = (path: string, dir: string) => path === dir || path.startsWith(`${dir}/`);

/** Relative imports of `files` that land under one of `dirs`, as "file imports spec". */
function importsInto(files: string[], dirs: string[], except: (file: string, to: string) => boolean = () => false): string[] {
  return files.flatMap((file) => specifiers(readFileSync(file, 'utf8'))
    .filter((spec) => spec.startsWith('.'))
    .filter((spec) => { const to = target(file, spec); return dirs.some((d) => under(to, d)) && !except(relative(ROOT, file), to); })
    .map((spec) => `${relative(ROOT, file)} imports ${spec}`));
}

/** Package imports of `files` matching one of `packages`. */
function packageImports(files: string[], packages: RegExp[]): string[] {
  return files.flatMap((file) => specifiers(readFileSync(file, 'utf8'))
    .filter((spec) => packages.some((p) => p.test(spec)))
    .map((spec) => `${relative(ROOT, file)} imports ${spec}`));
}

const CHANNEL_DIRS = readdirSync(join(ROOT, 'src/channels')).filter((n) => statSync(join(ROOT, 'src/channels', n)).isDirectory() && n !== 'shared');

describe('core boundary', () => {
  it('finds the core files to check', () => {
    expect(CORE.flatMap(ts).length).toBeGreaterThan(20);
  });

  it('keeps channel SDKs, channels and the server out of src/coach, src/content and src/store', () => {
    expect(packageImports(CORE.flatMap(ts), FORBIDDEN_PACKAGES)).toEqual([]);
    expect(importsInto(CORE.flatMap(ts), FORBIDDEN_DIRS)).toEqual([]);
  });

  it('the core owns its store port: src/coach and src/content import no store, database driver, scheduler or LLM code', () => {
    const core = ['src/coach', 'src/content'].flatMap(ts);
    expect(importsInto(core, ['src/store', 'src/scheduler', 'src/llm', 'src/config', 'src/index'])).toEqual([]);
    expect(packageImports(core, [/^kysely/, /^better-sqlite3/, /^pg(\/|$)/, /^openai/])).toEqual([]);
  });
});

describe('channel boundary', () => {
  it('finds the channels', () => {
    expect(CHANNEL_DIRS).toEqual(expect.arrayContaining(['botframework', 'slack', 'web', 'terminal']));
  });

  it('no channel imports the server, the composition root or another channel; shared helpers import no channel', () => {
    const all = ts('src/channels');
    expect(importsInto(all, ['src/server', 'src/index'])).toEqual([]);
    for (const name of CHANNEL_DIRS) {
      const others = CHANNEL_DIRS.filter((n) => n !== name).map((n) => `src/channels/${n}`);
      expect(importsInto(ts(`src/channels/${name}`), others)).toEqual([]);
    }
    expect(importsInto(ts('src/channels/shared'), CHANNEL_DIRS.map((n) => `src/channels/${n}`))).toEqual([]);
  });

  it('only the registry names channel folders: the server and start-up know channels through the Channel interface', () => {
    const folders = CHANNEL_DIRS.map((n) => `src/channels/${n}`);
    expect(importsInto(ts('src/server'), folders)).toEqual([]);
    expect(readFileSync(join(ROOT, 'src/server/server.ts'), 'utf8')).not.toMatch(/'(bf|web|slack):'/);
    expect(readFileSync(join(ROOT, 'src/server/start.ts'), 'utf8')).not.toMatch(/'(bf|web|slack):'/);
  });

  it('each SDK is imported by its own channel only', () => {
    const sdks: Array<[string, RegExp[]]> = [
      ['botframework', [/^botbuilder/, /^@microsoft\/agents-/]],
      ['slack', [/^@slack\//]],
      ['web', [/^ws(\/|$)/, /^botframework-webchat/]],
    ];
    const src = ts('src');
    for (const [name, packages] of sdks) {
      const outside = src.filter((f) => !under(relative(ROOT, f), `src/channels/${name}`));
      expect(packageImports(outside, packages)).toEqual([]);
    }
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
