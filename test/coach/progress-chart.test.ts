// The progress picture: a valid SVG with one point per rating of the last 14 days, and the 2/10 line.
import { describe, expect, it } from 'vitest';
import { CHART_FONT_SIZE, renderProgressChart } from '../../src/coach/progress-chart.js';
import { progressChartAlt } from '../../src/coach/progress-chart-alt.js';
import { loadContent } from '../../src/content/load-content.js';

describe('progress chart', () => {
  it('draws one point per rating in the last 14 days and nothing older', async () => {
    const days = [
      { day: '2026-11-01', during: 5, after: 5, nextDay: 5, complete: true }, // older than 14 days
      { day: '2026-11-20', during: 1, after: 2, nextDay: 0, complete: true },
      { day: '2026-11-22', during: 3, after: 1, nextDay: null, complete: true },
    ];
    const svg = await renderProgressChart(days, '2026-11-23', 2, { during: 'during', after: 'after', nextDay: 'next day', axis: 'pain 0-10' });
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.trim().endsWith('</svg>')).toBe(true);
    // Each facet's point mark is a <g class="... rating-point"> holding one <path> per rating.
    const groups = svg.split(/<g class="[^"]*rating-point[^"]*"[^>]*>/).slice(1).map((g) => g.slice(0, g.indexOf('</g>')));
    expect(groups.map((g) => (g.match(/<path /g) ?? []).length).reduce((a, b) => a + b, 0)).toBe(5);
    expect(svg).toContain('>11-23<'); // every other day is labelled, ending today
    expect(svg).not.toContain('11-01');
    expect(svg).toContain('stroke-dasharray');
  });

  it('is small with large type: every label at the chart font size, at most 340 units wide (12 px or more when a phone shows it 290 px wide)', async () => {
    const svg = await renderProgressChart([{ day: '2026-11-22', during: 3, after: 1, nextDay: null, complete: true }], '2026-11-23', 2, { during: 'during', after: 'after', nextDay: 'next day', axis: 'pain 0-10' });
    const sizes = [...svg.matchAll(/font-size="([\d.]+)px"/g)].map((m) => Number(m[1]));
    expect(sizes.length).toBeGreaterThan(10);
    expect(Math.min(...sizes)).toBe(CHART_FONT_SIZE);
    const width = Number(/<svg[^>]* width="([\d.]+)"/.exec(svg)![1]);
    expect(width).toBeLessThanOrEqual(340);
    expect(CHART_FONT_SIZE * 290 / width).toBeGreaterThanOrEqual(12);
  });

  it('says in words what it shows: how many ratings, the highest, how many above 2, and the latest day', () => {
    const content = loadContent();
    const days = [
      { day: '2026-11-01', during: 9, after: 9, nextDay: 9, complete: true }, // older than 14 days: not counted
      { day: '2026-11-20', during: 1, after: 4, nextDay: 0, complete: true },
      { day: '2026-11-22', during: 3, after: 1, nextDay: null, complete: true },
    ];
    const alt = progressChartAlt(content, days, '2026-11-23', 2);
    expect(alt).toContain('5 ratings');
    expect(alt).toContain('the highest 4');
    expect(alt).toContain('2 above 2');
    expect(alt).toContain('(11-22): during 3, after 1.');
    expect(progressChartAlt(content, [days[0]!], '2026-11-23', 2)).toBe(content.messages.find((m) => m.id === 'chart.alt_none')?.text ?? 'missing');
  });
});
