// The progress chart in words, for screen readers and anyone the picture does not reach: how many ratings in
// the last 14 days, the highest, how many were above the comfort line, and the most recent day's ratings.
import { renderMessage } from '../content/render-message.js';
import type { Content } from '../content/schema.js';
import type { PracticeDay } from './progression/practice-days.js';
import { addDays } from './progression/practice.js';

export function progressChartAlt(content: Content, days: readonly PracticeDay[], today: string, maxPain: number): string {
  const word = (id: 'chart.during' | 'chart.after' | 'chart.next_day') => renderMessage(content, id).text;
  const recent = days.filter((d) => d.day > addDays(today, -14) && d.day <= today).sort((a, b) => a.day.localeCompare(b.day));
  const rated = (d: PracticeDay) => ([[word('chart.during'), d.during], [word('chart.after'), d.after], [word('chart.next_day'), d.nextDay]] as const)
    .filter((pair): pair is readonly [string, number] => pair[1] !== null);
  const ratings = recent.flatMap((d) => rated(d).map(([, v]) => v));
  const last = [...recent].reverse().find((d) => rated(d).length > 0);
  if (!last) return renderMessage(content, 'chart.alt_none').text;
  return renderMessage(content, 'chart.alt_summary', {
    count: ratings.length,
    highest: Math.max(...ratings),
    above: ratings.filter((v) => v > maxPain).length,
    max: maxPain,
    day: last.day.slice(5),
    latest: rated(last).map(([label, v]) => `${label} ${v}`).join(', '),
  }).text;
}
