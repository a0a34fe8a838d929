// The coach's replies as Direct Line activities for Web Chat: plain text (the scripted line breaks kept),
// quick replies and 0-10 ratings as suggested actions, the progress chart as an SVG image attachment.
import type { BotReply } from '../../coach/bot-reply.js';
import type { TranscriptLine } from './transcript-export.js';
import { CALENDAR_FILE_NAME, calendarFileFor } from '../shared/calendar-ics.js';

export interface OutboundActivity {
  type: 'message' | 'typing';
  text?: string;
  textFormat?: 'plain';
  suggestedActions?: { to: string[]; actions: Array<{ type: 'imBack'; title: string; value: string }> };
  /** The progress chart: Web Chat shows an image/* attachment as an <img> of its contentUrl (the page's CSP allows data:). */
  attachments?: Array<{ contentType: 'image/svg+xml' | 'application/json' | 'text/calendar'; contentUrl: string; name: string }>;
  /** What the coach is waiting for, for pages and tests (Web Chat ignores it). */
  channelData?: {
    expects?: string; contentIds?: string[];
    /** A hold has started: the page counts down to `endsAt` with a Stop button that sends `stop.value`. */
    timer?: { seconds: number; endsAt: string; stop: { label: string; value: string } };
  };
}

export const EXPORT_FILE_NAME = 'gentlepath-my-data.json';

/**
 * `key` and `now`: the conversation and the time a calendar file is made for; `transcript`: this conversation as
 * the person saw it on the page, added to "export my data".
 */
export function renderForWeb(replies: readonly BotReply[], extras: { key?: string; now?: Date; transcript?: TranscriptLine[] } = {}): OutboundActivity[] {
  return replies.map((reply) => {
    const activity: OutboundActivity = {
      type: 'message', text: pageText(reply), textFormat: 'plain',
      channelData: { contentIds: reply.contentIds, ...(reply.expects ? { expects: reply.expects } : {}) },
    };
    if (reply.attachment?.kind === 'timer') {
      const { seconds, endsAt, stop } = reply.attachment;
      activity.channelData!.timer = { seconds, endsAt, stop: { label: stop.label, value: stop.value } };
    }
    if (reply.attachment?.kind === 'chart') {
      activity.attachments = [{ contentType: 'image/svg+xml', contentUrl: svgDataUrl(reply.attachment.svg), name: reply.attachment.alt ?? '' }]; // Web Chat uses the name as the image's alt text
    }
    // "Export my data" comes as a file to save (the coach's message before it says what it is), not JSON in a bubble.
    if (reply.attachment?.kind === 'export') {
      const data = extras.transcript ? { ...(reply.attachment.data as object), transcript: extras.transcript } : reply.attachment.data;
      const json = JSON.stringify(data, null, 2);
      activity.text = '';
      activity.attachments = [{ contentType: 'application/json', contentUrl: `data:application/json;base64,${Buffer.from(json, 'utf8').toString('base64')}`, name: EXPORT_FILE_NAME }];
    }
    // The daily check-in as a calendar file to open (Web Chat shows a file attachment as a download link).
    if (reply.attachment?.kind === 'calendar' && extras.key) {
      const ics = calendarFileFor(reply.attachment, extras.key, extras.now ?? new Date());
      activity.attachments = [{ contentType: 'text/calendar', contentUrl: `data:text/calendar;base64,${Buffer.from(ics, 'utf8').toString('base64')}`, name: CALENDAR_FILE_NAME }];
    }
    if (reply.buttons?.length) {
      activity.suggestedActions = { to: [], actions: reply.buttons.map((b) => ({ type: 'imBack', title: b.label, value: b.value })) };
    }
    return activity;
  });
}

/**
 * Code fences are for chat apps that show monospace blocks; this page shows the text as written. With the chart
 * picture attached (its alt text says the same in words), the text chart in the fenced block is left out.
 */
function pageText(reply: BotReply): string {
  const text = reply.attachment?.kind === 'chart' ? reply.text.replace(/^```[^\n]*\n[\s\S]*?^```[^\n]*\n?/gm, '') : reply.text;
  return text.replace(/^```[^\n]*\n?/gm, '').replace(/\n+$/, '');
}

export function svgDataUrl(svg: string): string {
  return `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`;
}
