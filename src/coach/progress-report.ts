// "How am I doing?": place in the program, days practised, streak, the last advance and a 14-day chart in text.
import { renderMessage } from '../content/render-message.js';
import type { Content } from '../content/schema.js';
import { practiceDays } from './progression/practice-days.js';
import { addDays, type PracticeSession, type Progress } from './progression/practice.js';
import { levelName } from './session/level-name.js';
import { reasonText } from './reason-text.js';

const bars = '▁▂▃▄▅▆▇█';
const bar = (v: number | null) => (v === null ? '·' : bars[Math.min(bars.length - 1, Math.round((v / 10) * (bars.length - 1)))]!);

export function progressVars(content: Content, progress: Progress | null, practice: readonly PracticeSession[], today: string) {
  const days = practiceDays(practice);
  const practised = new Set(days.map((d) => d.day));
  let streak = 0;
  // A streak survives until the end of today: it counts back from today, or from yesterday if today is still open.
  for (let day = practised.has(today) ? today : addDays(today, -1); practised.has(day); day = addDays(day, -1)) streak += 1;
  const window = Array.from({ length: 14 }, (_, i) => addDays(today, i - 13));
  const byDay = new Map(days.map((d) => [d.day, d]));
  const word = (id: 'chart.during' | 'chart.after' | 'chart.next_day') => renderMessage(content, id).text;
  const labels = [word('chart.during'), word('chart.after'), word('chart.next_day')];
  const width = Math.max(...labels.map((l) => l.length)) + 1;
  const row = (label: string, pick: (d: ReturnType<typeof practiceDays>[number]) => number | null) =>
    `${label.padEnd(width)}${window.map((day) => { const d = byDay.get(day); return d ? bar(pick(d)) : ' '; }).join('')}`;
  // A fenced block keeps the bars aligned in chat apps that render markdown; the terminal drops the fences.
  const chart = [
    '```',
    renderMessage(content, 'progress.chart_heading', { from: window[0]!, to: today }).text,
    row(labels[0]!, (d) => d.during), row(labels[1]!, (d) => d.after), row(labels[2]!, (d) => d.nextDay),
    '```',
  ].join('\n');
  return {
    step: progress ? levelName(content, progress) : renderMessage(content, 'progress.not_started').text,
    days: practised.size,
    streak,
    last_advance: progress?.lastAdvanceDay ? `${progress.lastAdvanceDay}: ${reasonText(content, progress.lastAdvanceReason)}` : renderMessage(content, 'progress.no_advance').text,
    chart,
  };
}
