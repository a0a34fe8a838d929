// `npm run variants`: asks for variants of every rephrasable item, keeps only verified ones, writes the review
// file with approved: false, keeps earlier approvals; reviewed mode then reads the approved ones.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContent } from '../../src/content/load-content.js';
import { createLlmClient } from '../../src/llm/llm-client.js';
import { createLlmRephraser } from '../../src/llm/llm-rephraser.js';
import { runVariantsCli } from '../../src/llm/variants-cli.js';
import { approvedVariants, readVariantsFile, writeVariantsFile } from '../../src/llm/variants-file.js';
import { generateVariants, rephrasableItems } from '../../src/llm/variants.js';
import { startFakeOpenAi, type FakeOpenAi } from './fake-openai-server.js';

const content = loadContent();
let fake: FakeOpenAi;
beforeAll(async () => {
  fake = await startFakeOpenAi((request) => {
    const count = Number(/Write (\d+) different wordings/.exec(request.system)?.[1] ?? 1);
    const source = request.user;
    // The script unchanged, one with a new medicine, one with an extra number, and one faithful variant (twice).
    const variants = [source, `${source} You can also try lidocaine.`, `${source} Do it 4 times.`, `Okay. ${source}`, `Okay. ${source}`];
    return { json: { variants: variants.slice(0, Math.max(count, 5)) } };
  });
});
afterAll(async () => { await fake.close(); });

describe('variants', () => {
  it('keeps only verified, distinct variants that differ from the script', async () => {
    const llm = createLlmClient({ baseURL: fake.baseURL, model: 'fake-model', timeoutMs: 5000 });
    const { file, report } = await generateVariants({ content, llm, perItem: 5, only: ['faq.', 'trouble.'] });
    expect(report.items).toBe(rephrasableItems(content, ['faq.', 'trouble.']).length);
    expect(report.refused.new_medical_term).toBe(report.items);
    expect(report.refused.number_added).toBe(report.items);
    for (const item of file.items) {
      expect(item.variants.every((v) => v.approved === false)).toBe(true);
      expect(item.variants.every((v) => v.text !== item.source)).toBe(true);
      expect(item.variants.some((v) => /lidocaine|4 times/.test(v.text))).toBe(false);
    }
  });

  it('the command writes the review file, keeps approvals on a re-run, and reviewed mode uses them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gp-variants-'));
    const path = join(dir, 'variants.yaml');
    const output: string[] = [];
    const out = new Writable({ write(chunk, _enc, done) { output.push(String(chunk)); done(); } });
    const env = { OPENAI_BASE_URL: fake.baseURL, GENTLEPATH_LLM_MODEL: 'fake-model' };
    expect(await runVariantsCli(['--per-item', '5', '--out', path, '--only', 'checkin.greeting,faq.lube'], env, out)).toBe(0);
    expect(output.join('')).toContain('passed the verifier');
    const file = readVariantsFile(path);
    expect(file.items.map((i) => i.content_id).sort()).toEqual(['checkin.greeting', 'faq.lube']);
    expect(readFileSync(path, 'utf8')).toContain('approved: false');

    // A clinician approves one variant of the greeting.
    file.items[0]!.variants[0]!.approved = true;
    file.items[0]!.variants[0]!.reviewed_by = 'clinician';
    writeVariantsFile(path, file);
    expect(await runVariantsCli(['--per-item', '5', '--out', path, '--only', 'checkin.greeting,faq.lube'], env, out)).toBe(0);
    const again = readVariantsFile(path);
    const kept = again.items.flatMap((i) => i.variants).filter((v) => v.approved);
    expect(kept).toHaveLength(1);
    expect(kept[0]!.reviewed_by).toBe('clinician');

    const before = fake.requests.length;
    const rephraser = createLlmRephraser({ mode: 'reviewed', content, variants: approvedVariants(again) });
    const greeting = content.messages.find((m) => m.id === again.items[0]!.content_id)!;
    expect(await rephraser.rephrase({ text: greeting.text, contentIds: [greeting.id] })).toBe(kept[0]!.text);
    expect(fake.requests.length).toBe(before);
  });

  it('refuses a bad --per-item', async () => {
    await expect(runVariantsCli(['--per-item', '0'], {}, new Writable({ write(_c, _e, d) { d(); } }))).rejects.toThrow('--per-item');
  });
});
