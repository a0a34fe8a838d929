// The coach's replies as Bot Framework activities: suggested actions for quick replies, and on Teams an
// Adaptive Card for ratings (and for longer button lists, which Teams' suggested actions cannot show). The
// progress chart goes as an Adaptive Card Image of a PNG data URI (Teams does not render SVG reliably).
import type { Attachment, CardAction } from '@microsoft/agents-activity';
import type { BotReply, Button } from '../../coach/bot-reply.js';
import { chartPng } from '../shared/chart-png.js';
import { CALENDAR_FILE_NAME, calendarFileFor } from '../shared/calendar-ics.js';

/** Teams shows at most this many suggested actions. */
const TEAMS_MAX_SUGGESTED = 6;
/** Buttons per row of an Adaptive Card ActionSet. */
const CARD_ROW = 6;

export const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';
export const CALENDAR_CONTENT_TYPE = 'text/calendar';

/** The fields of an outgoing activity this channel sets (the SDK fills in the addressing). */
export interface OutgoingActivity {
  type: 'message';
  text: string;
  textFormat: 'plain' | 'markdown';
  attachments?: Attachment[];
  suggestedActions?: { to: string[]; actions: CardAction[] };
}

/** `file`: the conversation and the time a calendar file is made for (without it, the calendar file is left out). */
export function renderForBotFramework(replies: readonly BotReply[], channelId: string, file?: { key: string; now: Date }): OutgoingActivity[] {
  const teams = channelId === 'msteams';
  return replies.map((reply) => {
    const activity: OutgoingActivity = teams
      // Teams' markdown joins single line breaks; a blank line keeps each line of the scripted text.
      ? { type: 'message', text: reply.text.replace(/\n/g, '\n\n'), textFormat: 'markdown' }
      : { type: 'message', text: reply.text, textFormat: 'plain' };
    if (reply.attachment?.kind === 'chart') activity.attachments = [chartCard(reply.attachment.svg, reply.attachment.alt ?? '')];
    // The daily check-in as a file attachment (text/calendar) that Teams and Web Chat offer to open or save.
    if (reply.attachment?.kind === 'calendar' && file) {
      const ics = calendarFileFor(reply.attachment, file.key, file.now);
      activity.attachments = [{ contentType: CALENDAR_CONTENT_TYPE, contentUrl: `data:${CALENDAR_CONTENT_TYPE};base64,${Buffer.from(ics, 'utf8').toString('base64')}`, name: CALENDAR_FILE_NAME }];
    }
    const buttons = reply.buttons ?? [];
    if (buttons.length === 0) return activity;
    if (teams && (reply.expects === 'rating' || buttons.length > TEAMS_MAX_SUGGESTED)) {
      activity.attachments = [...(activity.attachments ?? []), buttonCard(buttons)];
    } else {
      activity.suggestedActions = { to: [], actions: buttons.map(toCardAction) };
    }
    return activity;
  });
}

function toCardAction(button: Button): CardAction {
  return { type: 'imBack', title: button.label, value: button.value };
}

/** An Adaptive Card (1.4, which Teams and Web Chat both render) with the given body. */
const adaptiveCard = (body: unknown[]): Attachment => ({
  contentType: ADAPTIVE_CARD,
  content: { type: 'AdaptiveCard', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', version: '1.4', body },
});

/**
 * Buttons as Action.Submit in rows, each sending its value as the activity's value ({ reply }). Not the
 * msteams imBack form: in Microsoft's Agents Playground a click on such a button sent nothing at all.
 */
export function buttonCard(buttons: readonly Button[]): Attachment {
  const rows: Button[][] = [];
  for (let i = 0; i < buttons.length; i += CARD_ROW) rows.push(buttons.slice(i, i + CARD_ROW));
  return adaptiveCard(rows.map((row) => ({
    type: 'ActionSet',
    actions: row.map((b) => ({ type: 'Action.Submit', title: b.label, data: { reply: b.value } })),
  })));
}

/** The progress chart as an Adaptive Card with one Image (a PNG data URI, which Teams and Web Chat both show). */
export function chartCard(svg: string, altText: string): Attachment {
  return adaptiveCard([{ type: 'Image', url: `data:image/png;base64,${chartPng(svg).toString('base64')}`, altText, size: 'Stretch' }]);
}

