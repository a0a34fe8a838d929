import { describe, expect, it } from 'vitest';
import { parseActivity } from '../../../src/channels/botframework/parse.js';
import { ADAPTIVE_CARD, renderForBotFramework } from '../../../src/channels/botframework/render.js';
import type { BotReply } from '../../../src/coach/bot-reply.js';

const base = { type: 'message', id: 'a1', channelId: 'webchat', conversation: { id: 'c1' }, from: { id: 'u1' }, recipient: { id: 'b1' } };
const rating: BotReply = { text: 'How much?', contentIds: ['rating.ask_during'], rephrasable: false, expects: 'rating', buttons: Array.from({ length: 11 }, (_, i) => ({ label: String(i), value: String(i) })) };

describe('Bot Framework parse', () => {
  it('turns a message into a turn keyed by channel and conversation, with the activity id as inbound id', () => {
    expect(parseActivity({ ...base, text: ' hello ' })).toEqual({ kind: 'turn', key: 'bf:webchat:c1', event: { text: 'hello', inboundId: 'a1' } });
  });
  it('takes a card submit value over the text, and strips Teams mentions', () => {
    expect(parseActivity({ ...base, text: '', value: { reply: '7' } })).toMatchObject({ event: { text: '7' } });
    expect(parseActivity({ ...base, channelId: 'msteams', text: '<at>GentlePath</at> yes' })).toMatchObject({ event: { text: 'yes' } });
  });
  it('ignores empty messages, other activity types and malformed payloads', () => {
    expect(parseActivity({ ...base, text: '' })).toMatchObject({ kind: 'ignore' });
    expect(parseActivity({ ...base, type: 'typing' })).toMatchObject({ kind: 'ignore' });
    expect(parseActivity({ type: 'message', text: 'no conversation' })).toMatchObject({ kind: 'ignore', reason: 'malformed' });
    expect(parseActivity('not an object')).toMatchObject({ kind: 'ignore' });
  });
  it('marks group conversations and opens on the right conversationUpdate', () => {
    expect(parseActivity({ ...base, text: 'hi', conversation: { id: 'c1', conversationType: 'channel' } })).toEqual({ kind: 'group' });
    expect(parseActivity({ ...base, type: 'conversationUpdate', membersAdded: [{ id: 'u1' }] })).toMatchObject({ kind: 'turn', event: { opening: true } });
    expect(parseActivity({ ...base, type: 'conversationUpdate', membersAdded: [{ id: 'b1' }] })).toMatchObject({ kind: 'ignore' });
    expect(parseActivity({ ...base, channelId: 'msteams', type: 'conversationUpdate', membersAdded: [{ id: 'b1' }] })).toMatchObject({ kind: 'turn', event: { opening: true } });
  });
});

describe('Bot Framework render', () => {
  it('shows quick replies as imBack suggested actions on the last reply only', () => {
    const out = renderForBotFramework([{ text: 'a\nb', contentIds: [], rephrasable: true }, { text: 'ok?', contentIds: [], rephrasable: true, expects: 'yesno', buttons: [{ label: 'Yes', value: 'yes' }] }], 'webchat');
    expect(out[0]).toEqual({ type: 'message', text: 'a\nb', textFormat: 'plain' });
    expect(out[1]!.suggestedActions).toEqual({ to: [], actions: [{ type: 'imBack', title: 'Yes', value: 'yes' }] });
  });
  it('uses suggested actions for ratings outside Teams, an Adaptive Card on Teams', () => {
    expect(renderForBotFramework([rating], 'directline')[0]!.suggestedActions!.actions).toHaveLength(11);
    const teams = renderForBotFramework([rating], 'msteams')[0]!;
    expect(teams.suggestedActions).toBeUndefined();
    expect(teams.attachments![0]!.contentType).toBe(ADAPTIVE_CARD);
    const rows = (teams.attachments![0]!.content as { body: Array<{ actions: unknown[] }> }).body;
    expect(rows.map((r) => r.actions.length)).toEqual([6, 5]);
  });
  it('keeps Teams line breaks with markdown paragraphs', () => {
    expect(renderForBotFramework([{ text: 'a\nb', contentIds: [], rephrasable: true }], 'msteams')[0]).toMatchObject({ text: 'a\n\nb', textFormat: 'markdown' });
  });
});
