// Turns what the machine decided to say into reply texts, from flows/ content and the user's record.
import { fill, renderMessage, type RenderedText, type Vars } from '../content/render-message.js';
import type { MessageId } from '../content/message-ids.js';
import { claimText } from '../content/review-state.js';
import { crisisHelp } from '../content/crisis-help.js';
import type { Content } from '../content/schema.js';
import type { BotReply, Button } from './bot-reply.js';
import { progressVars } from './progress-report.js';
import { renderProgressChart } from './progress-chart.js';
import { progressChartAlt } from './progress-chart-alt.js';
import { practiceDays } from './progression/practice-days.js';
import { addDays } from './progression/practice.js';
import type { PracticeSession, Progress } from './progression/practice.js';
import type { Expectation, Say } from './session/session-types.js';
import type { UserExport } from './store-port.js';

export interface RecordView {
  progress: Progress | null;
  /** The user's whole record, read only when a reply needs it. */
  loadExport: () => Promise<UserExport>;
  practice: readonly PracticeSession[];
  today: string;
  /** The user's IANA time zone, if known: picks the crisis numbers for their country. */
  timeZone?: string | null;
}

export async function renderReplies(content: Content, says: readonly Say[], view: RecordView, expects: Expectation | undefined, options: string[] = []): Promise<BotReply[]> {
  const replies: BotReply[] = [];
  for (const say of says) {
    const rendered = await renderSay(content, say, view);
    replies.push({ text: rendered.text, contentIds: [rendered.id], rephrasable: rendered.rephrasable, ...(rendered.attachment ? { attachment: rendered.attachment } : {}) });
  }
  const last = replies.at(-1);
  if (last && expects) {
    last.expects = expects;
    last.buttons = buttonsFor(content, expects, options);
  }
  return replies;
}

type Rendered = RenderedText & { attachment?: BotReply['attachment'] };

async function renderSay(content: Content, say: Say, view: RecordView): Promise<Rendered> {
  switch (say.kind) {
    case 'message':
      return renderMessage(content, say.id, { ...contentVars(content, say.id, view), ...say.vars });
    case 'item':
      return renderItem(content, say.id, say.field ?? 'text');
    case 'exercise': {
      const exercise = content.circuit[say.index]!;
      const minutes = exercise.minutes.min === exercise.minutes.max ? `${exercise.minutes.min}` : `${exercise.minutes.min}-${exercise.minutes.max}`;
      const body = exercise.cue ? `${exercise.text}\n${exercise.cue}` : exercise.text;
      const head = renderMessage(content, 'circuit.exercise', { number: say.index + 1, total: content.circuit.length, name: exercise.name, minutes, text: body });
      return { ...head, id: exercise.id, rephrasable: head.rephrasable && exercise.rephrasable };
    }
    case 'step': {
      const step = content.steps.find((s) => s.number === say.level.step) ?? content.steps[0]!;
      const head = renderMessage(content, 'exposure.intro', { number: step.number, name: step.name, text: step.text, target: step.target });
      return { ...head, id: step.id, rephrasable: head.rephrasable && step.rephrasable };
    }
    case 'progress': {
      const record = await view.loadExport();
      const text = renderMessage(content, 'progress', progressVars(content, view.progress, record.practice, view.today));
      const days = practiceDays(record.practice);
      const word = (id: 'chart.during' | 'chart.after' | 'chart.next_day' | 'chart.axis' | 'chart.title') => renderMessage(content, id).text;
      const svg = await renderProgressChart(days, view.today, content.parameters.comfort.max_pain, {
        during: word('chart.during'), after: word('chart.after'), nextDay: word('chart.next_day'), axis: word('chart.axis'),
      });
      const points = days.filter((d) => d.day > addDays(view.today, -14)).reduce((n, d) => n + [d.during, d.after, d.nextDay].filter((v) => v !== null).length, 0);
      return { ...text, attachment: { kind: 'chart', svg, points, alt: progressChartAlt(content, days, view.today, content.parameters.comfort.max_pain), title: word('chart.title') } };
    }
    case 'timer': {
      const text = renderMessage(content, 'timer.started', { seconds: say.seconds });
      return { ...text, attachment: { kind: 'timer', seconds: say.seconds, endsAt: say.endsAt, stop: stopButton(content) } };
    }
    case 'calendar': {
      const text = renderMessage(content, 'calendar.attached', { time: say.time, zone: say.timeZone });
      return {
        ...text,
        attachment: { kind: 'calendar', time: say.time, timeZone: say.timeZone, title: renderMessage(content, 'calendar.title').text, description: renderMessage(content, 'calendar.description').text },
      };
    }
    case 'export': {
      const data = await view.loadExport();
      return { id: 'data.export', text: JSON.stringify(data, null, 2), rephrasable: false, attachment: { kind: 'export', data } };
    }
  }
}

/** Values that come from flows/ itself rather than from the machine: the honest claim, the crisis numbers. */
function contentVars(content: Content, id: MessageId, view: RecordView): Vars {
  if (id === 'onboarding.welcome') return { claim: claimText(content) };
  if (id === 'safety.crisis') return { help: crisisHelp(content, view.timeZone).text };
  return {};
}

/** Every sayable content item by id, built once per loaded content rather than on every reply. */
const itemIndex = new WeakMap<Content, Map<string, Content['faq'][number] | Content['messages'][number] | Content['red_flags'][number] | Content['history_flags'][number] | Content['feelings'][number]>>();

function findItem(content: Content, id: string) {
  let index = itemIndex.get(content);
  if (!index) {
    const items = [
      ...content.troubleshooting, ...content.faq, ...content.guidance, ...content.strength, ...content.messages,
      ...content.red_flags, ...content.history_flags, ...content.feelings, ...content.small_talk, ...content.circuit.flatMap((e) => e.options ?? []),
    ];
    index = new Map(items.map((i) => [i.id, i]));
    itemIndex.set(content, index);
  }
  return index.get(id);
}

function renderItem(content: Content, id: string, field: 'text' | 'question' | 'advice' | 'confirm' | 'when_unlocked'): RenderedText {
  const item = findItem(content, id);
  if (!item) throw new Error(`content item ${id} is missing from flows/`);
  const text = (item as Record<string, unknown>)[field];
  if (typeof text !== 'string') throw new Error(`content item ${id} has no ${field}`);
  const title = 'title' in item && (field === 'text' || field === 'when_unlocked') ? `${item.title}\n` : '';
  return { id, text: fill(`${title}${text}`, {}), rephrasable: item.rephrasable };
}

/** Stopping at the exposure step: read back as "it hurts", so the comfort rule steps back. */
const stopButton = (content: Content): Button => ({ label: renderMessage(content, 'button.stop').text, value: 'stop, it hurts' });

/** Quick replies: labels from flows/ (button.*); values are the commands the understanding reads back. */
function buttonsFor(content: Content, expects: Expectation, options: string[]): Button[] {
  const b = (id: MessageId, value: string): Button => ({ label: renderMessage(content, id).text, value });
  const cleared = b('button.cleared', "I've been checked by a clinician and cleared");
  switch (expects) {
    case 'yesno': return [b('button.yes', 'yes'), b('button.no', 'no')];
    case 'rating': return Array.from({ length: 11 }, (_, i) => ({ label: String(i), value: String(i) }));
    case 'done': return [...options.map((o, i) => ({ label: o, value: String(i + 1) })), b('button.done', 'done'), b('button.skip', 'skip'), b('button.repeat', 'repeat')];
    // The exposure step: stopping is always one tap away.
    case 'step': return [b('button.done', 'done'), stopButton(content), b('button.start_timer', 'start timer'), b('button.skip', 'skip'), b('button.repeat', 'repeat')];
    case 'choice': return [...options.map((o, i) => ({ label: o, value: String(i + 1) })), b('button.neither', 'neither')];
    case 'start': return [b('button.start_checkin', 'start'), b('button.progress', 'progress'), b('button.help', 'help')];
    case 'text': case 'time': case 'zone': return [b('button.skip', 'skip')];
    case 'cleared': return [cleared];
    case 'cleared_or_mistake': return [cleared, b('button.pressed_by_mistake', 'I pressed yes by mistake')];
  }
}
