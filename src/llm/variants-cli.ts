// npm run variants -- --per-item 5 [--out flows-review/variants.yaml] [--only faq.,trouble.] [--tone warm]
// Asks the configured LLM (OPENAI_BASE_URL / OPENAI_API_KEY / GENTLEPATH_LLM_MODEL) for variants of every
// rephrasable item, keeps those the verifier passes, and writes them for clinical review (approved: false).
import { parseArgs } from 'node:util';
import { loadContent } from '../content/load-content.js';
import { createLlmClient } from './llm-client.js';
import { loadLlmSettings } from './settings.js';
import { generateVariants } from './variants.js';
import { writeVariantsFile } from './variants-file.js';

export async function runVariantsCli(argv: string[], env: NodeJS.ProcessEnv, out: NodeJS.WritableStream): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { 'per-item': { type: 'string', default: '5' }, out: { type: 'string' }, only: { type: 'string' }, tone: { type: 'string' } },
  });
  const perItem = Number(values['per-item']);
  if (!Number.isInteger(perItem) || perItem < 1 || perItem > 20) throw new Error('--per-item must be a whole number from 1 to 20');
  const settings = loadLlmSettings({ ...env, GENTLEPATH_LLM_MODE: 'live' });
  const content = loadContent();
  const llm = createLlmClient({
    apiKey: settings.apiKey, baseURL: settings.baseURL, model: settings.model!,
    // Several wordings take longer than one: allow a generous wait per item.
    timeoutMs: Math.max(settings.timeoutMs, 60_000),
  });
  const path = values.out ?? settings.variantsFile;
  const { file, report } = await generateVariants({
    content, llm, perItem, tone: values.tone ?? settings.tone,
    only: values.only?.split(',').map((s) => s.trim()).filter(Boolean),
    onItem: (id, n) => out.write(`${id}: ${n} kept\n`),
  });
  const written = writeVariantsFile(path, file);
  const approved = written.items.reduce((n, i) => n + i.variants.filter((v) => v.approved).length, 0);
  out.write(`\n${report.items} items, ${report.received} variants received, ${report.survived} passed the verifier`
    + ` (${Object.entries(report.refused).map(([k, v]) => `${k} ${v}`).join(', ') || 'none refused'})`
    + `${report.failedItems.length ? `, ${report.failedItems.length} items failed (${report.failedItems.map((f) => `${f.contentId}: ${f.reason}`).join(', ')})` : ''}.\n`
    + `Written to ${path} (${approved} approvals kept). Review it and set approved: true on the variants you accept.\n`);
  return report.failedItems.length === report.items && report.items > 0 ? 1 : 0;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runVariantsCli(process.argv.slice(2), process.env, process.stdout).then((code) => { process.exitCode = code; }, (error: Error) => {
    process.stderr.write(`variants: ${error.message}\n`);
    process.exitCode = 1;
  });
}
