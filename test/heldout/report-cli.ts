// npm run safety:report [-- FILE.jsonl ...]: prints the safety figures on held-out sets (no tuning, counting only).
import { loadContent } from '../../src/content/load-content.js';
import { asExpected, formatReport, readCases, report, runCases } from './measure-safety.js';

const files = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const content = loadContent();
for (const file of files.length > 0 ? files : [new URL('./set-1.jsonl', import.meta.url).pathname]) {
  const results = await runCases(readCases(file), content);
  console.log(formatReport(file.split('/').pop()!, report(results)));
  if (process.argv.includes('--by-subtype')) {
    const by = new Map<string, { n: number; ok: number }>();
    for (const r of results) {
      const k = `${r.c.label}/${r.c.subtype}`;
      const ok = asExpected(r);
      const e = by.get(k) ?? { n: 0, ok: 0 };
      e.n++; if (ok) e.ok++;
      by.set(k, e);
    }
    for (const [k, e] of [...by].sort()) console.log(`    ${k}: ${e.ok}/${e.n}`);
  }
}
