// The results table, one rendering for the console and for the README (bench/readme-table.ts).
import type { Row } from './harness.js';

export interface Results { when: string; quick: boolean; machine: string; rows: Row[] }

const fmt = (v: number) => (Number.isNaN(v) ? '-' : v >= 100 ? Math.round(v).toLocaleString('en-US') : v.toFixed(2));

export function resultsTable(rows: readonly Row[]): string {
  const lines = ['| benchmark | measure | value | peer (same run) | ratio | target |', '|---|---|---|---|---|---|'];
  for (const r of rows) {
    const ratio = r.peer && r.peer.value ? `${(r.value / r.peer.value).toFixed(2)}x` : '';
    lines.push(`| ${r.benchmark} | ${r.measure} | ${fmt(r.value)} ${r.unit} | ${r.peer ? `${r.peer.name}: ${fmt(r.peer.value)}` : ''} | ${ratio} | ${r.target ?? ''} |`);
  }
  return lines.join('\n');
}
