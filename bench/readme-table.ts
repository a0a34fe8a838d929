// Puts the figures of bench/results/latest.json into the README's performance table (between its markers).
// npm run bench does this after a full run; `npx tsx bench/readme-table.ts` redoes it from the file.
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { resultsTable, type Results } from './table.js';

export const BEGIN = '<!-- bench:begin (generated from bench/results/latest.json by bench/readme-table.ts) -->';
export const END = '<!-- bench:end -->';

export function readmeBlock(results: Results): string {
  const day = results.when.slice(0, 10);
  return `${BEGIN}\nFull run of ${day} on ${results.machine}:\n\n${resultsTable(results.rows)}\n${END}`;
}

/** The README with its table block replaced by one made from `results`. */
export function withTable(readme: string, results: Results): string {
  const from = readme.indexOf(BEGIN);
  const to = readme.indexOf(END);
  if (from < 0 || to < from) throw new Error(`README.md has no benchmark table markers (${BEGIN} ... ${END})`);
  return readme.slice(0, from) + readmeBlock(results) + readme.slice(to + END.length);
}

export function updateReadme(root: URL = new URL('../', import.meta.url)): void {
  const results = JSON.parse(readFileSync(new URL('bench/results/latest.json', root), 'utf8')) as Results;
  const readme = new URL('README.md', root);
  writeFileSync(readme, withTable(readFileSync(readme, 'utf8'), results));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) updateReadme();
