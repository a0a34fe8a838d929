// The local web chat page in a real browser: Debian's chromium driven by playwright-core (never a
// downloaded browser) through onboarding and a rating button, against the real server and its local
// Direct Line endpoint. A screenshot is saved under test-output/.
import { existsSync, mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../../helpers/channel-server.js';
import { scriptedText } from '../../helpers/scripted-text.js';

const CHROMIUM = ['/usr/lib/chromium/chromium', '/usr/bin/chromium'].find((p) => existsSync(p));
if (!CHROMIUM && process.env.CI) throw new Error('Debian chromium is missing: apt-get install -y chromium (.ci/run does this)');
if (!CHROMIUM) console.warn('web chat browser test skipped: install Debian chromium (apt-get install -y chromium)');

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  if (!CHROMIUM) return;
  server = await startTestServer();
  browser = await chromium.launch({
    executablePath: CHROMIUM, headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const text = (id: string) => scriptedText(server.content, id);
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Waits until the start of a scripted message is on the page `times` times. */
async function waitFor(page: Page, id: string, times = 1): Promise<void> {
  // The first line, up to any {placeholder} the coach fills in.
  const line = text(id).split('\n')[0]!.split('{')[0]!.slice(0, 80);
  await expect.poll(() => page.getByText(line, { exact: false }).count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(times);
}

async function press(page: Page, label: string): Promise<void> {
  await page.locator('button.webchat__suggested-actions__button')
    .filter({ has: page.locator('.webchat__suggested-action__text', { hasText: new RegExp(`^${escape(label)}$`) }) })
    .click();
}

async function type(page: Page, message: string): Promise<void> {
  const box = page.locator('[data-id="webchat-sendbox-input"]');
  await box.fill(message);
  await box.press('Enter');
}

async function suggested(page: Page): Promise<string[]> {
  return page.locator('.webchat__suggested-actions__button .webchat__suggested-action__text').allInnerTexts();
}

describe.skipIf(!CHROMIUM)('web chat page', () => {
  it('greets on load, goes through onboarding and a check-in to a 0-10 rating, takes a rating button, and resumes after a reload', async () => {
    const page = await browser.newPage({ viewport: { width: 900, height: 1000 } });
    const failures: string[] = [];
    page.on('pageerror', (e) => failures.push(e.message));
    // Offline: anything not served by this server fails the test.
    await page.route('**/*', (route) => (route.request().url().startsWith(server.url) ? route.continue() : route.abort()));
    await page.goto(server.url);

    await waitFor(page, 'onboarding.welcome');
    await waitFor(page, 'onboarding.consent_ask');
    expect(await suggested(page)).toEqual(['Yes', 'No']);
    await press(page, 'Yes');
    await waitFor(page, 'history.conditions');
    await press(page, 'No');
    await waitFor(page, 'history.trauma');
    await press(page, 'No');
    await waitFor(page, 'history.postpartum');
    await press(page, 'No');
    await waitFor(page, 'safety.check_ask');
    await press(page, 'No');
    await waitFor(page, 'onboarding.ask_time');
    await type(page, '8pm');
    await waitFor(page, 'onboarding.ask_timezone');
    await type(page, 'Berlin');
    await expect.poll(() => page.getByText('Europe/Berlin').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await suggested(page)).toEqual(['Start check-in', 'Progress', 'Help']);

    // The safety checklist was answered at onboarding a minute ago: the check-in starts with the circuit.
    await press(page, 'Start check-in');
    await waitFor(page, 'circuit.intro');
    await press(page, 'Done');
    await expect.poll(() => suggested(page), { timeout: 15_000 }).toContain('Repeat');
    await press(page, 'Done');
    await waitFor(page, 'circuit.choose');
    await type(page, '1 and 3');
    await waitFor(page, 'circuit.chosen');
    for (let i = 0; i < 4; i += 1) {
      const before = await page.locator('.webchat__bubble').count();
      await press(page, 'Done');
      await expect.poll(() => page.locator('.webchat__bubble').count(), { timeout: 15_000 }).toBeGreaterThan(before + 1);
    }
    await waitFor(page, 'rating.ask_during');
    await expect.poll(() => suggested(page), { timeout: 15_000 }).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);

    await press(page, '1');
    await waitFor(page, 'rating.ask_after');
    mkdirSync('test-output', { recursive: true });
    await page.screenshot({ path: 'test-output/web-chat.png', fullPage: true });

    const conversationId = await page.locator('#webchat').getAttribute('data-conversation');
    expect(conversationId).toMatch(/^[A-Za-z0-9_-]{20,64}$/);
    const stored = await server.store.loadConversation(`web:${conversationId}`);
    expect(stored).not.toBeNull();
    // The browser's claim on it is an HttpOnly cookie: no script on the page can read it, and nothing is in localStorage.
    expect(await page.evaluate(() => document.cookie)).toBe('');
    expect(await page.evaluate(() => window.localStorage.length)).toBe(0);
    const cookies = await page.context().cookies();
    expect(cookies).toEqual([expect.objectContaining({ name: 'gentlepath_browser', httpOnly: true, sameSite: 'Strict' })]);

    // A reload keeps the conversation: same id, the history shown once (no second greeting, no repeated step),
    // and the coach still waits for the second rating.
    await page.reload();
    await waitFor(page, 'rating.ask_after');
    expect(await page.locator('#webchat').getAttribute('data-conversation')).toBe(conversationId);
    await page.waitForTimeout(1000);
    const firstLine = (id: string) => text(id).split('\n')[0]!.split('{')[0]!.slice(0, 60);
    const bubbles = (id: string) => page.locator('.webchat__bubble__content').filter({ hasText: firstLine(id) }).count();
    expect(await bubbles('onboarding.consent_ask')).toBe(1);
    expect(await bubbles('rating.ask_after')).toBe(1);
    await expect.poll(() => suggested(page), { timeout: 15_000 }).toContain('10');
    await press(page, '0');
    await expect.poll(async () => (await server.store.exportUser(`web:${conversationId}`)).practice.at(-1)?.painAfter, { timeout: 15_000 }).toBe(0);
    expect((await server.store.exportUser(`web:${conversationId}`)).practice.at(-1)?.painDuring).toBe(1);

    // "progress" shows the 14-day chart as an image (sent as an SVG data: URL; Web Chat shows it through a blob: URL).
    await type(page, 'progress');
    // Its alt text says what it shows: the two ratings just given, the highest 1, none above 2.
    const chart = page.locator(`.webchat__bubble img[alt^="${text('chart.alt_summary').split('{')[0]}"]`);
    await expect.poll(() => chart.count(), { timeout: 15_000 }).toBe(1);
    expect(await chart.getAttribute('alt')).toMatch(/: 2 ratings, the highest 1, 0 above 2\. .*during 1, after 0\.$/);
    await expect.poll(() => chart.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), { timeout: 15_000 }).toBe(true);
    await page.screenshot({ path: 'test-output/web-chat-progress.png', fullPage: true });
    expect(failures).toEqual([]);
    await page.close();
  }, 90_000);

  it('serves the Web Chat bundle itself and a strict page policy', async () => {
    const page = await fetch(server.url);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await page.text();
    expect(html).toContain('<script src="/webchat.js"></script>');
    expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org)/);
    const bundle = await fetch(`${server.url}webchat.js`);
    expect(bundle.status).toBe(200);
    expect(Number((await bundle.arrayBuffer()).byteLength)).toBeGreaterThan(1_000_000);
  });
});
