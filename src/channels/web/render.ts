// The coach's replies as Direct Line activities for Web Chat: plain text (the scripted line breaks kept),
// quick replies and 0-10 ratings as suggested actions.
import type { BotReply } from '../../coach/bot-reply.js';

export interface OutboundActivity {
  type: 'message' | 'typing';
  text?: string;
  textFormat?: 'plain';
  suggestedActions?: { to: string[]; actions: Array<{ type: 'imBack'; title: string; value: string }> };
  /** What the coach is waiting for, for pages and tests (Web Chat ignores it). */
  channelData?: { expects?: string; contentIds?: string[] };
}

export function renderForWeb(replies: readonly BotReply[]): OutboundActivity[] {
  return replies.map((reply) => {
    const activity: OutboundActivity = {
      type: 'message', text: reply.text, textFormat: 'plain',
      channelData: { contentIds: reply.contentIds, ...(reply.expects ? { expects: reply.expects } : {}) },
    };
    if (reply.buttons?.length) {
      activity.suggestedActions = { to: [], actions: reply.buttons.map((b) => ({ type: 'imBack', title: b.label, value: b.value })) };
    }
    return activity;
  });
}
