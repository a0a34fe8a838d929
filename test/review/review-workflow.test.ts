// The clinical review workflow end to end, on a copy of flows/ and the docs: `review export` writes one
// self-contained packet that a clinician opens in a browser, prints, or fills in and downloads as a signed
// review; `review import` records it with a hash of each approved text, all rows or none.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadContent } from '../../src/content/load-content.js';
import { reviewItems } from '../../src/content/review-items.js';
import { claimText, reviewState } from '../../src/content/review-state.js';
import { projectRoot } from '../../src/project-root.js';
import { staleClaimDocs } from '../../src/review/claim-docs.js';
import { runReviewCli } from '../../src/review/review-cli.js';

const CHROMIUM = ['/usr/lib/chromium/chromium', '/usr/bin/chromium'].find((p) => existsSync(p));
if (!CHROMIUM && process.env.CI) throw new Error('Debian chromium is missing: apt-get install -y chromium (.ci/run does this)');

let root: string;
let flowsDir: string;
let output: string[];

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'gp-review-'));
  flowsDir = join(root, 'flows');
  cpSync(join(projectRoot, 'flows'), flowsDir, { recursive: true });
  mkdirSync(join(root, 'docs'), { recursive: true });
  cpSync(join(projectRoot, 'docs', 'channels'), join(root, 'docs', 'channels'), { recursive: true });
  cpSync(join(projectRoot, 'README.md'), join(root, 'README.md'));
  output = [];
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const review = (...args: string[]) => runReviewCli(args, { flowsDir, root, out: (line) => output.push(line), now: () => new Date('2026-12-01T09:00:00Z') });
const reviewsFile = () => readFileSync(join(flowsDir, 'reviews.yaml'), 'utf8');
const csvRow = (cells: string[]) => cells.map((c) => `"${c.replace(/"/g, '""')}"`).join(',');

describe('review export', () => {
  it('writes one self-contained packet with every item, its source facts, wording, rephrasing, safety class and decision fields', () => {
    const file = join(root, 'packet.html');
    expect(review('export', '--out', file)).toBe(0);
    const html = readFileSync(file, 'utf8');
    const items = reviewItems(loadContent(flowsDir));
    expect(items.length).toBeGreaterThan(140);
    for (const item of items) expect(html, item.id).toContain(`data-id="${item.id}" data-hash="${item.hash.slice(0, 12)}"`);
    expect(html.match(/<article class="item"/g)).toHaveLength(items.length);
    expect(html.match(/value="approved"/g)).toHaveLength(items.length);
    expect(html.match(/value="changes_requested"/g)).toHaveLength(items.length);
    expect(html).not.toMatch(/<(link|img|iframe)\b|src="http|href="http/); // nothing loaded from elsewhere
    // The breath exercise shows the source's facts beside our wording.
    const breath = html.slice(html.indexOf('data-id="circuit.breath_90_90"'));
    expect(breath.slice(0, breath.indexOf('</article>'))).toMatch(/LLM may rephrase[\s\S]*90\/90 diaphragm breath \(3 min\):[\s\S]*no bearing down/);
    const crisis = html.slice(html.indexOf('data-id="safety.crisis"'));
    expect(crisis.slice(0, crisis.indexOf('</article>'))).toMatch(/never rephrased[\s\S]*Crisis help/);
  });

  it.skipIf(!CHROMIUM)('opens in chromium, prints to a multi-page PDF, and its download button produces a review that imports', async () => {
    const file = join(root, 'packet.html');
    review('export', '--out', file);
    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    try {
      const page = await browser.newPage({ acceptDownloads: true, viewport: { width: 1000, height: 1300 } });
      await page.goto(`file://${file}`);
      expect(await page.locator('article.item').count()).toBe(reviewItems(loadContent(flowsDir)).length);
      const shots = join(projectRoot, 'test-output');
      mkdirSync(shots, { recursive: true });
      await page.screenshot({ path: join(shots, 'review-packet.png') });
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('#download').isVisible()).toBe(false); // the button is not printed
      const pdf = await page.pdf({ format: 'A4', printBackground: true });
      writeFileSync(join(shots, 'review-packet.pdf'), pdf);
      const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
      expect(pages).toBeGreaterThan(20);
      await page.emulateMedia({ media: 'screen' });

      // A clinician fills in the packet: two approvals and one request for changes.
      await page.fill('#reviewer', 'Dr A. Example, pelvic health PT');
      await page.fill('#review-date', '2026-12-01');
      await page.check('input[name="d-circuit.breath_90_90"][value="approved"]');
      await page.check('input[name="d-safety.crisis"][value="approved"]');
      await page.check('input[name="d-step.dilator"][value="changes_requested"]');
      await page.fill('textarea[name="c-step.dilator"]', 'Say "first stretch, not pain", with a comma');
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
      const signed = join(root, 'signed.csv');
      await download.saveAs(signed);

      expect(review('import', signed)).toBe(0);
      const state = reviewState(loadContent(flowsDir));
      const status = (id: string) => state.items.find((i) => i.item.id === id)!;
      expect(status('circuit.breath_90_90').status).toBe('approved');
      expect(status('circuit.breath_90_90').record!.reviewer).toBe('Dr A. Example, pelvic health PT');
      expect(status('safety.crisis').status).toBe('approved');
      expect(status('step.dilator').status).toBe('changes_requested');
      expect(status('step.dilator').record!.comment).toBe('Say "first stretch, not pain", with a comma');
      expect(state.approved).toBe(2);
    } finally {
      await browser.close();
    }
  });
});

describe('review import', () => {
  function approveAll(): string {
    const rows = reviewItems(loadContent(flowsDir)).map((i) => csvRow([i.id, 'Dr A. Example', '2026-12-01', 'approved', '', i.hash.slice(0, 12)]));
    const file = join(root, 'all.csv');
    writeFileSync(file, ['id,reviewer,date,decision,comment,hash', ...rows].join('\r\n'));
    return file;
  }

  it('approving every item changes the claim, in the coach and in the docs; a later edit makes that item pending again', () => {
    expect(claimText(loadContent(flowsDir))).toMatch(/awaits clinical review/);
    expect(review('import', approveAll())).toBe(0);
    const approved = loadContent(flowsDir);
    expect(reviewState(approved).allApproved).toBe(true);
    expect(claimText(approved)).toMatch(/has been clinically reviewed/);
    expect(staleClaimDocs(root, approved)).toEqual([]); // README, Slack and Teams descriptions followed
    expect(readFileSync(join(root, 'README.md'), 'utf8')).toContain(claimText(approved));
    expect(output.join('\n')).toMatch(/of \d+ items are approved now[\s\S]*has been clinically reviewed/);

    // Someone edits an approved message without a review: it is pending again, and so is the claim.
    const file = join(flowsDir, 'messages.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('Thank you. That helps me choose the right next step for you.', 'Thanks! That helps me pick your next step.'));
    const edited = loadContent(flowsDir);
    expect(reviewState(edited).items.find((i) => i.item.id === 'checkin.next_day_thanks')!.status).toBe('changed_since_review');
    expect(claimText(edited)).toMatch(/awaits clinical review/);
    expect(staleClaimDocs(root, edited)).toEqual(['README.md', 'docs/channels/slack-manifest.yaml', 'docs/channels/teams.md']);
    expect(review('sync-docs')).toBe(0);
    expect(staleClaimDocs(root, edited)).toEqual([]);
  });

  it('reads a YAML review with a reviewer and date for all rows', () => {
    const file = join(root, 'signed.yaml');
    writeFileSync(file, 'reviewer: Dr B. Example\ndate: 2026-12-02\nreviews:\n  - id: faq.dilators\n    decision: approved\n  - id: help\n    decision: changes_requested\n    comment: mention "progress"\n');
    expect(review('import', file)).toBe(0);
    const state = reviewState(loadContent(flowsDir));
    expect(state.items.find((i) => i.item.id === 'faq.dilators')!.record).toMatchObject({ reviewer: 'Dr B. Example', date: '2026-12-02', decision: 'approved' });
    expect(state.items.find((i) => i.item.id === 'help')!.status).toBe('changes_requested');
  });

  const header = 'id,reviewer,date,decision,comment';
  const bad: Array<[string, string, string, RegExp]> = [
    ['an unknown id', 'r.csv', `${header}\ncircuit.breath_90_90,Dr X,2026-12-01,approved,\nno.such.item,Dr X,2026-12-01,approved,\n`, /line 3: no item "no.such.item"/],
    ['a decision that is not one', 'r.csv', `${header}\ncircuit.breath_90_90,Dr X,2026-12-01,approved,\nhelp,Dr X,2026-12-01,looks fine,\n`, /line 3: decision "looks fine"/],
    ['changes without a comment', 'r.csv', `${header}\nhelp,Dr X,2026-12-01,changes_requested,\n`, /line 2: changes requested for "help" without a comment/],
    ['an impossible date', 'r.csv', `${header}\nhelp,Dr X,2026-02-30,approved,\n`, /line 2: date "2026-02-30"/],
    ['no reviewer', 'r.csv', `${header}\nhelp,,2026-12-01,approved,\n`, /line 2: no reviewer name/],
    ['the same item twice', 'r.csv', `${header}\nhelp,Dr X,2026-12-01,approved,\nhelp,Dr X,2026-12-01,approved,\n`, /line 3: "help" is already decided on line 2/],
    ['a missing column', 'r.csv', 'id,reviewer,decision\nhelp,Dr X,approved\n', /line 1: the header has no "date" column/],
    ['a short row', 'r.csv', `${header}\nhelp,Dr X,2026-12-01\n`, /line 2: 3 fields, but the header has 5/],
    ['an unclosed quote (the line it starts on)', 'r.csv', `${header}\nhelp,Dr X,2026-12-01,approved,ok\nfaq.dilators,Dr X,2026-12-01,approved,"never closed\n`, /line 3: a quoted field is never closed/],
    ['an item changed since the packet', 'r.csv', `id,reviewer,date,decision,comment,hash\nhelp,Dr X,2026-12-01,approved,,000000000000\n`, /line 2: "help" has changed since the packet was made/],
    ['a YAML key that is not a column', 'r.yaml', 'reviews:\n  - id: help\n    reviewer: Dr X\n    date: 2026-12-01\n    decison: approved\n', /line 5: unknown key "decison"/],
    ['broken YAML', 'r.yaml', 'reviews:\n  - id: help\n   reviewer: [\n', /line \d: not valid YAML/],
    ['another file type', 'r.txt', 'help approved', /expected a \.csv, \.yaml or \.yml file/],
  ];

  it.each(bad)('rejects %s with the line named, and records nothing', (_name, fileName, text, problem) => {
    review('import', approveAll()); // some earlier decisions, which must stay exactly as they are
    const before = reviewsFile();
    output = [];
    const file = join(root, fileName);
    writeFileSync(file, text);
    expect(review('import', file)).toBe(1);
    expect(output.join('\n')).toMatch(/^Nothing was recorded/);
    expect(output.join('\n')).toMatch(problem);
    expect(reviewsFile()).toBe(before);
    expect(reviewState(loadContent(flowsDir)).allApproved).toBe(true);
  });

  it('lists every problem of a file at once, so a clinician fixes it in one go', () => {
    const file = join(root, 'r.csv');
    writeFileSync(file, `${header}\nhelp,Dr X,2026-12-01,maybe,\nnope,Dr X,2026-12-01,approved,\n`);
    const before = reviewsFile();
    expect(review('import', file)).toBe(1);
    expect(output.join('\n')).toMatch(/2 problems[\s\S]*line 2: decision "maybe"[\s\S]*line 3: no item "nope"/);
    expect(reviewsFile()).toBe(before);
  });
});
