// The web page as a product, in Debian's chromium at a desktop size (1280x900) and a phone size (390x844):
// the browser's time zone offered at onboarding, no literal code fences, the chart with its text summary,
// "export my data" as a file, an offline notice, keyboard use, and an axe check (no serious or critical
// violations). Screenshots go to test-output/ to be looked at.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../../helpers/channel-server.js';
import { scriptedText } from '../../helpers/scripted-text.js';
import { CHECK_IN_TO_RATING, ONBOARDING } from '../../helpers/journey.js';

const CHROMIUM = ['/usr/lib/chromium/chromium', '/usr/bin/chromium'].find((p) => existsSync(p));
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  if (!CHROMIUM) return;
  server = await startTestServer();
  browser = await chromium.launch({
    executablePath: CHROMIUM, headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  mkdirSync('test-output', { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const line = (id: string) => scriptedText(server.content, id).split('\n')[0]!.split('{')[0]!.slice(0, 60);
const bubbles = (page: Page) => page.locator('.webchat__bubble__content');
const waitFor = (page: Page, id: string) => expect.poll(() => bubbles(page).filter({ hasText: line(id) }).count(), { timeout: 20_000 }).toBeGreaterThan(0);
const buttons = (page: Page) => page.locator('.webchat__suggested-actions__button .webchat__suggested-action__text').allInnerTexts();
async function press(page: Page, label: string): Promise<void> {
  await page.locator('button.webchat__suggested-actions__button').filter({ hasText: new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`) }).click();
}
async function type(page: Page, text: string): Promise<void> {
  const box = page.locator('[data-id="webchat-sendbox-input"]');
  await box.fill(text);
  await box.press('Enter');
}

/** Serious and critical axe violations on the page now, as "rule: target" lines. */
async function axe(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  const result = await page.evaluate(async () => (window as unknown as { axe: { run(o: unknown): Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }> }> } }).axe.run({ resultTypes: ['violations'] }));
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
}

describe.skipIf(!CHROMIUM)('the web page as a product', () => {
  for (const [name, viewport] of [['desktop', { width: 1280, height: 900 }], ['phone', { width: 390, height: 844 }]] as const) {
    it(`onboarding with the browser's time zone, progress, export and an offline notice (${name}), with no serious axe violations`, async () => {
      const context = await browser.newContext({ viewport, timezoneId: 'America/Chicago', bypassCSP: true, acceptDownloads: true });
      const page = await context.newPage();
      const failures: string[] = [];
      page.on('pageerror', (e) => failures.push(e.message));
      await page.goto(server.url);
      await waitFor(page, 'onboarding.consent_ask');
      expect(await page.title()).toBe('GentlePath');
      await expect.poll(() => page.locator('img.webchat__defaultAvatar, .webchat__imageAvatar img, img[src="/icon.svg"]').count()).toBeGreaterThan(0);
      for (const answer of ['Yes', 'No', 'No', 'No', 'No']) {
        await expect.poll(() => buttons(page), { timeout: 20_000 }).toContain(answer);
        const before = await bubbles(page).count();
        await press(page, answer);
        await expect.poll(() => bubbles(page).count(), { timeout: 20_000 }).toBeGreaterThan(before + 1);
      }
      await waitFor(page, 'onboarding.ask_time');
      await type(page, '8pm');
      await waitFor(page, 'onboarding.ask_timezone');
      // The browser's own zone is offered first.
      await expect.poll(async () => (await buttons(page))[0], { timeout: 20_000 }).toBe('America/Chicago');
      await page.screenshot({ path: `test-output/web-page-${name}-timezone.png` });
      await press(page, 'America/Chicago');
      await expect.poll(() => bubbles(page).filter({ hasText: 'America/Chicago' }).count(), { timeout: 20_000 }).toBeGreaterThan(0);

      // The daily check-in as a calendar file for this browser's conversation (its cookie says whose). The bubble above
      // may be the person's own button press, shown before the coach has committed the turn: wait for the file.
      await expect.poll(async () => (await page.request.get(`${server.url}v3/directline/calendar.ics`)).status(), { timeout: 20_000 }).toBe(200);
      const calendar = await page.request.get(`${server.url}v3/directline/calendar.ics`);
      expect(calendar.status()).toBe(200);
      expect(calendar.headers()['content-type']).toContain('text/calendar');
      const ics = await calendar.text();
      expect(ics).toMatch(/DTSTART;TZID=America\/Chicago:\d{8}T200000/);
      expect(ics).toContain('RRULE:FREQ=DAILY');
      expect(ics.toLowerCase()).not.toContain('vaginismus');
      expect((await fetch(`${server.url}v3/directline/calendar.ics`)).status).toBe(404);
      expect(await page.locator('a#calendar').getAttribute('href')).toBe('/v3/directline/calendar.ics');
      // The chat offers the same file as soon as the time is set: one generator, the same event.
      const inChat = page.locator('.webchat__bubble a[href^="data:text/calendar"]');
      await expect.poll(() => inChat.count(), { timeout: 20_000 }).toBe(1);
      const chatIcs = Buffer.from((await inChat.getAttribute('href'))!.split(',')[1]!, 'base64').toString('utf8');
      expect(chatIcs).toMatch(/DTSTART;TZID=America\/Chicago:\d{8}T200000/);
      expect(/UID:(.*)/.exec(chatIcs)![1]).toBe(/UID:(.*)/.exec(ics)![1]);
      expect(await page.locator('#webchat').innerText()).toContain('gentlepath-check-in.ics');
      await page.screenshot({ path: `test-output/web-page-${name}-calendar.png` });

      await type(page, 'progress');
      const chart = page.locator('.webchat__bubble__content img[alt]');
      await expect.poll(() => chart.count(), { timeout: 20_000 }).toBe(1);
      await expect.poll(() => chart.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), { timeout: 20_000 }).toBe(true);
      // On a phone the chart fills the bubble's width, not more.
      const box = await chart.boundingBox();
      expect(box!.width).toBeLessThanOrEqual(viewport.width);
      expect(box!.width).toBeGreaterThan(Math.min(viewport.width * 0.6, 300));
      // Its labels as the person sees them: the SVG's font size times the scale the page shows it at (>= 12 px on a phone too).
      const scale = await chart.evaluate((img: HTMLImageElement) => img.getBoundingClientRect().width / img.naturalWidth);
      const svgText = await chart.evaluate(async (img: HTMLImageElement) => (await fetch(img.src)).text());
      const smallest = Math.min(...[...svgText.matchAll(/font-size="([\d.]+)px"/g)].map((m) => Number(m[1])));
      console.log(`chart at ${name}: shown ${box!.width.toFixed(0)} px wide, smallest label ${(smallest * scale).toFixed(1)} px`);
      expect(smallest * scale).toBeGreaterThanOrEqual(12);
      // Its text alternative says what it shows (no ratings yet here), and the text chart is not repeated above it.
      expect(await chart.getAttribute('alt')).toBe(scriptedText(server.content, 'chart.alt_none'));
      expect(await page.locator('#webchat').innerText()).not.toContain(line('progress.chart_heading'));
      await chart.scrollIntoViewIfNeeded();
      // No literal code fences anywhere on the page.
      expect(await page.locator('#webchat').innerText()).not.toContain('```');
      await page.screenshot({ path: `test-output/web-page-${name}-progress.png` });

      // "export my data" comes as a file to save, not as JSON in a bubble.
      await type(page, 'export my data');
      const link = page.locator('.webchat__bubble a[href^="data:application/json"]');
      await expect.poll(() => link.count(), { timeout: 20_000 }).toBe(1);
      const href = await link.getAttribute('href');
      const data = JSON.parse(Buffer.from(href!.split(',')[1]!, 'base64').toString('utf8'));
      expect(data.conversation.timeZone).toBe('America/Chicago');
      // The file holds the conversation as the page showed it.
      expect(data.transcript.filter((l: { from: string }) => l.from === 'you').map((l: { text: string }) => l.text)).toEqual(expect.arrayContaining(['8pm', 'America/Chicago', 'progress', 'export my data']));
      expect(await page.locator('#webchat').innerText()).not.toContain('"consentAt"');

      expect(await axe(page)).toEqual([]);

      // A summary for the physio: a printable page of this browser's own record; the journal only when ticked.
      const summary = await context.newPage();
      await summary.goto(`${server.url}v3/directline/summary`);
      expect(await summary.locator('h1').innerText()).toBe(scriptedText(server.content, 'physio.title'));
      expect(await summary.locator('table').count()).toBe(1);
      await expect.poll(() => summary.locator('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
      const journalHeading = scriptedText(server.content, 'physio.journal_heading');
      expect(await summary.locator('h2', { hasText: journalHeading }).count()).toBe(0);
      await summary.locator('input[name="journal"]').check();
      await summary.locator('form button').click();
      await expect.poll(() => summary.locator('h2', { hasText: journalHeading }).count()).toBe(1);
      expect(summary.url()).toContain('journal=1');
      expect(await axe(summary)).toEqual([]);
      await summary.screenshot({ path: `test-output/web-page-${name}-physio-summary.png`, fullPage: true });
      await summary.close();
      expect((await fetch(`${server.url}v3/directline/summary`)).status).toBe(404);

      // Offline: a visible notice; back online: gone.
      await context.setOffline(true);
      await expect.poll(() => page.locator('#offline').isVisible(), { timeout: 10_000 }).toBe(true);
      await page.screenshot({ path: `test-output/web-page-${name}-offline.png` });
      await context.setOffline(false);
      await expect.poll(() => page.locator('#offline').isVisible(), { timeout: 30_000 }).toBe(false);
      expect(failures).toEqual([]);
      await context.close();
    }, 120_000);
  }

  it('works by keyboard alone: Tab to the buttons, Enter presses one; the send box takes typing and Enter', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(server.url);
    await waitFor(page, 'onboarding.consent_ask');
    await expect.poll(() => buttons(page), { timeout: 20_000 }).toEqual(['Yes', 'No']);
    let reached = '';
    for (let i = 0; i < 40 && reached !== 'Yes'; i += 1) {
      await page.keyboard.press('Tab');
      reached = (await page.evaluate(() => document.activeElement?.textContent ?? '')).trim();
    }
    expect(reached).toBe('Yes');
    await page.keyboard.press('Enter');
    await waitFor(page, 'onboarding.consent_thanks');
    await page.locator('[data-id="webchat-sendbox-input"]').focus();
    await page.keyboard.type('no');
    await page.keyboard.press('Enter');
    await expect.poll(() => bubbles(page).filter({ hasText: /^no$/ }).count(), { timeout: 20_000 }).toBe(1);
    await context.close();
  }, 60_000);

  /** From a new conversation to today's exposure step, typed as a person would (each message after the last reply). */
  async function toExposureStep(page: Page): Promise<void> {
    await page.goto(server.url);
    await waitFor(page, 'onboarding.consent_ask');
    for (const message of [...ONBOARDING, ...CHECK_IN_TO_RATING.slice(0, -1)]) {
      const before = await bubbles(page).count();
      await type(page, message);
      await expect.poll(() => bubbles(page).count(), { timeout: 20_000 }).toBeGreaterThan(before + 1);
    }
    await expect.poll(() => buttons(page), { timeout: 20_000 }).toContain(scriptedText(server.content, 'button.start_timer'));
  }
  const hold = (page: Page) => page.locator('#hold');
  const secondsLeft = async (page: Page) => Number(await page.locator('#hold-count strong').innerText());
  const focused = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

  for (const [name, viewport] of [['desktop', { width: 1280, height: 900 }], ['phone', { width: 390, height: 844 }]] as const) {
    it(`counts a hold down with a Stop button that reaches the coach, and picks the countdown up after a reload (${name})`, async () => {
      const context = await browser.newContext({ viewport, timezoneId: 'Europe/Berlin', bypassCSP: true });
      const page = await context.newPage();
      const failures: string[] = [];
      page.on('pageerror', (e) => failures.push(e.message));
      await toExposureStep(page);
      expect(await hold(page).isVisible()).toBe(false);
      expect(await buttons(page)).toContain(scriptedText(server.content, 'button.stop'));

      await press(page, scriptedText(server.content, 'button.start_timer'));
      await waitFor(page, 'timer.started');
      await expect.poll(() => hold(page).isVisible(), { timeout: 10_000 }).toBe(true);
      // Step 1 holds for up to 60 seconds; the page counts down from there.
      const first = await secondsLeft(page);
      expect(first).toBeGreaterThan(20); // a few seconds from the coach's reply to the page on a busy machine
      expect(first).toBeLessThanOrEqual(60);
      expect(await page.locator('#hold h2').innerText()).toBe(scriptedText(server.content, 'web.timer_heading'));
      expect(await page.locator('#hold-stop').innerText()).toBe(scriptedText(server.content, 'button.stop'));
      // Stop has the focus (the person pressed Start timer), and the start was announced politely.
      expect(await focused(page)).toBe('hold-stop');
      expect(await page.locator('#hold-status').getAttribute('aria-live')).toBe('polite');
      await expect.poll(() => page.locator('#hold-status').innerText()).toMatch(new RegExp(`^${scriptedText(server.content, 'web.timer_heading')}: `));
      const announced = Number(/(\d+)/.exec(await page.locator('#hold-status').innerText())![1]);
      expect(announced - first).toBeGreaterThanOrEqual(0); // said as it started, read a moment later
      expect(announced - first).toBeLessThanOrEqual(2);
      expect(await page.locator('#hold-count').getAttribute('role')).toBe('timer');
      await expect.poll(() => secondsLeft(page), { timeout: 5_000 }).toBeLessThan(first);
      expect(await axe(page)).toEqual([]);
      await page.screenshot({ path: `test-output/web-page-${name}-hold.png` });

      // A reload picks the countdown up where it is, not from the start.
      const beforeReload = await secondsLeft(page);
      await page.reload();
      await expect.poll(() => hold(page).isVisible(), { timeout: 20_000 }).toBe(true);
      const resumed = await secondsLeft(page);
      expect(resumed).toBeLessThanOrEqual(beforeReload);
      expect(resumed).toBeGreaterThan(0);
      await page.screenshot({ path: `test-output/web-page-${name}-hold-after-reload.png` });

      // Stop, by keyboard on the desktop and by a tap on the phone: it reaches the coach as the step's Stop,
      // so the comfort rule's "you were right to stop" and the rating follow.
      if (name === 'desktop') {
        await page.locator('#hold-stop').focus();
        await page.keyboard.press('Enter');
      } else {
        await page.locator('#hold-stop').click();
      }
      await expect.poll(() => hold(page).isVisible()).toBe(false);
      await waitFor(page, 'exposure.stopped');
      await waitFor(page, 'rating.ask_during');
      // After the coach has moved on, a reload does not bring the countdown back.
      await page.reload();
      await waitFor(page, 'rating.ask_during');
      await expect.poll(() => buttons(page), { timeout: 20_000 }).toContain('0');
      expect(await hold(page).isVisible()).toBe(false);
      expect(failures).toEqual([]);
      await context.close();
    }, 150_000);
  }

  it('says "time\'s up" when the hold ends and gives the focus back to the send box', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, timezoneId: 'Europe/Berlin' });
    const page = await context.newPage();
    await toExposureStep(page);
    await press(page, scriptedText(server.content, 'button.start_timer'));
    await expect.poll(() => hold(page).isVisible(), { timeout: 20_000 }).toBe(true);
    expect(await focused(page)).toBe('hold-stop');
    // The page's clock jumps past the end of the hold (the coach's own "time's up" follows from its scheduler).
    await page.clock.setFixedTime(Date.now() + 61_000);
    await expect.poll(() => hold(page).isVisible(), { timeout: 5_000 }).toBe(false);
    await expect.poll(() => page.locator('#hold-status').innerText()).toBe(scriptedText(server.content, 'web.timer_done'));
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-id'))).toBe('webchat-sendbox-input');
    await context.close();
  }, 120_000);

  it('serves its static files compressed and cached', async () => {
    const res = await fetch(`${server.url}webchat.js`, { headers: { 'accept-encoding': 'gzip' } });
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(Number(res.headers.get('content-length'))).toBeLessThan(1_500_000);
    expect(res.headers.get('cache-control')).toMatch(/max-age=86400/);
    const again = await fetch(`${server.url}webchat.js`, { headers: { 'if-none-match': res.headers.get('etag')! } });
    expect(again.status).toBe(304);
    expect((await fetch(`${server.url}icon.svg`)).headers.get('content-type')).toBe('image/svg+xml');
  });
});
