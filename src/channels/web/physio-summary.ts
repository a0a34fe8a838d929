// "A summary for my physio": a clean page to print or save as PDF, for the browser's own conversation:
// where the person is in the program, a red-flag pause or a rest if there is one, the last weeks of
// ratings as a chart and a table, and the journal only when the person ticks it. No script; every word
// from flows/.
import { levelName } from '../../coach/session/level-name.js';
import { localDay } from '../../coach/local-time.js';
import { renderProgressChart } from '../../coach/progress-chart.js';
import { practiceDays } from '../../coach/progression/practice-days.js';
import { addDays } from '../../coach/progression/practice.js';
import type { ConversationSummary } from '../../coach/conversation-summary.js';
import type { UserExport } from '../../coach/store-port.js';
import type { MessageId } from '../../content/message-ids.js';
import { renderMessage } from '../../content/render-message.js';
import type { Content } from '../../content/schema.js';

/** Days of ratings shown (the chart draws the last 14 days). */
const DAYS = 14;

export const SUMMARY_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

const esc = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export async function physioSummaryHtml(content: Content, record: UserExport, summary: ConversationSummary, options: { now: Date; includeJournal: boolean }): Promise<string> {
  const say = (id: MessageId, vars: Record<string, string | number> = {}) => esc(renderMessage(content, id, vars).text);
  const zone = summary.timeZone ?? 'UTC';
  const today = localDay(options.now, zone);
  const from = addDays(today, -(DAYS - 1));
  const days = practiceDays(record.practice).filter((d) => d.day >= from);
  const word = (id: MessageId) => renderMessage(content, id).text;
  const svg = await renderProgressChart(days, today, content.parameters.comfort.max_pain, {
    during: word('chart.during'), after: word('chart.after'), nextDay: word('chart.next_day'), axis: word('chart.axis'),
  });
  const cell = (v: number | null) => (v === null ? '–' : String(v));
  const high = (v: number | null) => v !== null && v > content.parameters.comfort.max_pain;
  const rows = record.practice.filter((p) => p.day >= from).map((p) => `<tr><td>${esc(p.day)}</td><td>${esc(levelName(content, { step: p.step, dilatorSize: p.dilatorSize }))}</td>${[p.painDuring, p.painAfter, p.painNextDay].map((v) => `<td class="${high(v) ? 'high' : ''}">${cell(v)}</td>`).join('')}</tr>`).join('\n');
  const columns = renderMessage(content, 'physio.columns').text.split('|').map((c) => `<th scope="col">${esc(c.trim())}</th>`).join('');
  const progress = summary.progress;
  const restUntil = progress?.restUntil && Date.parse(progress.restUntil) > options.now.getTime() ? progress.restUntil : null;
  const journal = options.includeJournal
    ? `<h2>${say('physio.journal_heading')}</h2>${record.journal.length ? `<ul>${record.journal.map((j) => `<li><strong>${esc(j.day)}</strong> ${esc(j.text)}</li>`).join('')}</ul>` : `<p>${say('physio.none')}</p>`}`
    : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${say('physio.title')}</title>
<style>
  body { font-family: system-ui, sans-serif; color: #1f1f1f; max-width: 760px; margin: 24px auto; padding: 0 16px; line-height: 1.45; }
  h1 { font-size: 1.4rem; color: #5a3d5c; margin-bottom: 4px; }
  h2 { font-size: 1.1rem; margin-top: 24px; }
  .muted { color: #555; font-size: 0.9rem; }
  .notice { background: #fff4d6; border: 1px solid #e8d7a0; padding: 8px 12px; }
  img { width: 100%; height: auto; border: 1px solid #e4dfda; }
  table { border-collapse: collapse; width: 100%; font-size: 0.95rem; }
  th, td { border: 1px solid #d8d2cc; padding: 4px 8px; text-align: left; }
  td.high { font-weight: 700; background: #fde7e7; }
  form { margin-top: 16px; }
  @media print { form, .print-hint { display: none; } body { margin: 0; } }
</style>
</head>
<body>
<main>
<h1>${say('physio.title')}</h1>
<p class="muted">${say('physio.made_on', { date: today, from, to: today })}</p>
<p>${progress ? say('physio.current', { level: levelName(content, progress) }) : say('physio.not_started')}</p>
${summary.paused ? `<p class="notice">${say('physio.paused')}</p>` : ''}
${restUntil ? `<p class="notice">${say('physio.rest', { until: new Intl.DateTimeFormat('en-GB', { timeZone: zone, dateStyle: 'medium', timeStyle: 'short' }).format(new Date(restUntil)) })}</p>` : ''}
<h2>${say('physio.ratings_heading', { days: DAYS })}</h2>
<img src="data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}" alt="${say('chart.alt')}">
<table>
<caption class="muted">${say('physio.table_caption')}</caption>
<thead><tr>${columns}</tr></thead>
<tbody>
${rows || `<tr><td colspan="5">${say('physio.none')}</td></tr>`}
</tbody>
</table>
${journal}
<form method="get" action="summary">
  <label><input type="checkbox" name="journal" value="1"${options.includeJournal ? ' checked' : ''}> ${say('physio.include_journal')}</label>
  <button type="submit">${say('physio.update')}</button>
</form>
<p class="print-hint muted">${say('physio.print_hint')}</p>
</main>
</body>
</html>
`;
}
