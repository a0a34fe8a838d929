// The progress picture: a valid SVG with one point per rating of the last 14 days, and the 2/10 line.
import { describe, expect, it } from 'vitest';
import { renderProgressChart } from '../../src/coach/progress-chart.js';

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
    expect(svg).toContain('11-20');
    expect(svg).not.toContain('11-01');
    expect(svg).toContain('stroke-dasharray');
  });
});
