// The last 14 days of ratings as an SVG chart, drawn on the server with Vega (no browser needed).
// The comfort line at 2/10 is drawn so the picture tells the rule at a glance. Drawn small with large type, so
// a phone that shows it at the width of a chat bubble (about 290 px at 390 px) still shows its labels at 12 px or more.
import { createHash } from 'node:crypto';
import type { PracticeDay } from './progression/practice-days.js';
import { addDays } from './progression/practice.js';

/** The chart's words, from flows/ (chart.during, chart.after, chart.next_day, chart.axis). */
export interface ChartLabels { during: string; after: string; nextDay: string; axis: string }

/** The font size of every label, in the SVG's own units. */
export const CHART_FONT_SIZE = 17;
const FONT = CHART_FONT_SIZE;

/**
 * Charts drawn lately (or being drawn), by a hash of their whole specification: a record that has not changed
 * is not drawn again, and requests for the same chart while it is being drawn wait for that one drawing.
 */
const drawn = new Map<string, Promise<string>>();
/** Enough for every person asking on the same day in a busy process; the oldest drawing goes first. */
const DRAWN_LIMIT = 2000;

export async function renderProgressChart(days: readonly PracticeDay[], today: string, maxPain: number, labels: ChartLabels): Promise<string> {
  const series = [
    { field: 'during', label: labels.during },
    { field: 'after', label: labels.after },
    { field: 'nextDay', label: labels.nextDay },
  ] as const;
  const vega = await import('vega');
  const window = Array.from({ length: 14 }, (_, i) => addDays(today, i - 13));
  const byDay = new Map(days.map((d) => [d.day, d]));
  const values = window.flatMap((day) => series.flatMap(({ field, label }) => {
    const v = byDay.get(day)?.[field];
    return v === null || v === undefined ? [] : [{ day: day.slice(5), rating: v, series: label }];
  }));
  // Every other day is labelled (ending today): fourteen labels at this size would run into each other.
  const labelled = window.filter((_, i) => (13 - i) % 2 === 0).map((d) => d.slice(5));
  const text = { labelFontSize: FONT, titleFontSize: FONT, labelColor: '#333', titleColor: '#333' };
  const spec = {
    width: 260, height: 150, padding: 6,
    data: [{ name: 'ratings', values }],
    scales: [
      { name: 'x', type: 'point', domain: window.map((d) => d.slice(5)), range: 'width', padding: 0.5 },
      { name: 'y', type: 'linear', domain: [0, 10], range: 'height', nice: false },
      { name: 'colour', type: 'ordinal', domain: series.map((s) => s.label), range: ['#5b7db1', '#c0703b', '#6a9a5b'] },
    ],
    axes: [
      { orient: 'bottom', scale: 'x', values: labelled, labelAngle: -40, labelAlign: 'right', labelBaseline: 'top', ...text },
      { orient: 'left', scale: 'y', values: [0, 2, 5, 10], title: labels.axis, titlePadding: 4, ...text },
    ],
    legends: [{ fill: 'colour', orient: 'top', direction: 'horizontal', columns: 2, symbolSize: 120, columnPadding: 12, gridAlign: 'none', labelFontSize: FONT, labelColor: '#333' }],
    marks: [
      { type: 'rule', encode: { enter: { x: { value: 0 }, x2: { signal: 'width' }, y: { scale: 'y', value: maxPain }, stroke: { value: '#999' }, strokeDash: { value: [4, 4] } } } },
      {
        type: 'group',
        from: { facet: { name: 'line', data: 'ratings', groupby: 'series' } },
        marks: [
          { type: 'line', from: { data: 'line' }, encode: { enter: { x: { scale: 'x', field: 'day' }, y: { scale: 'y', field: 'rating' }, stroke: { scale: 'colour', field: 'series' }, strokeWidth: { value: 2.5 } } } },
          { type: 'symbol', name: 'rating-point', from: { data: 'line' }, encode: { enter: { x: { scale: 'x', field: 'day' }, y: { scale: 'y', field: 'rating' }, fill: { scale: 'colour', field: 'series' }, size: { value: 60 } } } },
        ],
      },
    ],
  };
  const hash = createHash('sha256').update(JSON.stringify(spec)).digest('base64');
  const cached = drawn.get(hash);
  if (cached !== undefined) {
    drawn.delete(hash);
    drawn.set(hash, cached);
    return cached;
  }
  const drawing = draw(vega, spec);
  drawn.set(hash, drawing);
  if (drawn.size > DRAWN_LIMIT) drawn.delete(drawn.keys().next().value!);
  // A drawing that failed is not kept: the next request draws again.
  drawing.catch(() => { if (drawn.get(hash) === drawing) drawn.delete(hash); });
  return drawing;
}

async function draw(vega: typeof import('vega'), spec: object): Promise<string> {
  const view = new vega.View(vega.parse(spec as never), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
