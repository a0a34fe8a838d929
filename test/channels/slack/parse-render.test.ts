import { describe, expect, it } from 'vitest';
import { parseBlockAction, parseDirectMessage, parseHomeOpened, parseSlashCommand, userOfKey } from '../../../src/channels/slack/parse.js';
import { answeredBlocks, escapeText, nextCheckIn, renderForSlack, renderHomeView } from '../../../src/channels/slack/render.js';
import { loadContent } from '../../../src/content/load-content.js';
import { startProgress } from '../../../src/coach/progression/practice.js';

const envelope = (event: Record<string, unknown>) => ({ team_id: 'T1', event_id: 'Ev1', type: 'event_callback', event: { type: 'message', channel: 'D1', channel_type: 'im', user: 'U1', text: 'hi', ...event } });


const content = loadContent();
describe('Slack parse', () => {
  it('reads a person\'s DM with the event id as inbound id, unescaping Slack text', () => {
    expect(parseDirectMessage(envelope({ text: 'a &amp; b &lt;3' }))).toEqual({ key: 'slack:T1:U1', user: 'U1', channel: 'D1', event: { text: 'a & b <3', inboundId: 'Ev1' } });
  });
  it('ignores channel messages, edits, bot posts and empty text', () => {
    expect(parseDirectMessage(envelope({ channel_type: 'channel' }))).toBeNull();
    expect(parseDirectMessage(envelope({ subtype: 'message_changed' }))).toBeNull();
    expect(parseDirectMessage(envelope({ bot_id: 'B1' }))).toBeNull();
    expect(parseDirectMessage(envelope({ text: '  ' }))).toBeNull();
  });
  it('reads a reply-button click, in a DM and on App Home', () => {
    const click = { type: 'block_actions', trigger_id: 'tr1', user: { id: 'U1', team_id: 'T1' }, team: { id: 'T1' }, channel: { id: 'D1' }, container: { type: 'message', message_ts: '1.2' }, actions: [{ action_id: 'gentlepath_reply_3', value: '3' }] };
    expect(parseBlockAction(click)).toEqual({ key: 'slack:T1:U1', user: 'U1', channel: 'D1', messageTs: '1.2', event: { text: '3', inboundId: 'action:tr1' } });
    expect(parseBlockAction({ ...click, channel: undefined, container: { type: 'view' } })).toMatchObject({ channel: undefined, messageTs: undefined });
    expect(parseBlockAction({ ...click, actions: [{ action_id: 'someone_else', value: 'x' }] })).toBeNull();
  });
  it('turns /gentlepath into start, and passes its words on', () => {
    const command = { team_id: 'T1', user_id: 'U1', trigger_id: 'tr2', text: '' };
    expect(parseSlashCommand(command)).toMatchObject({ key: 'slack:T1:U1', event: { text: 'start', inboundId: 'command:tr2' } });
    expect(parseSlashCommand({ ...command, text: 'progress' })).toMatchObject({ event: { text: 'progress' } });
  });
  it('reads App Home opens and user ids from keys', () => {
    expect(parseHomeOpened({ team_id: 'T1', event: { type: 'app_home_opened', user: 'U1', tab: 'home' } })).toEqual({ key: 'slack:T1:U1', user: 'U1' });
    expect(parseHomeOpened({ team_id: 'T1', event: { type: 'app_home_opened', user: 'U1', tab: 'messages' } })).toBeNull();
    expect(userOfKey('slack:T1:U1')).toBe('U1');
    expect(userOfKey('bf:x:y')).toBeNull();
  });
});

describe('Slack render', () => {
  it('sends plain text, and buttons as an actions block under a plain-text section', () => {
    const [plain, asked] = renderForSlack([
      { text: 'a <b> & c', contentIds: [], rephrasable: true },
      { text: '*not bold*', contentIds: [], rephrasable: true, expects: 'yesno', buttons: [{ label: 'Yes', value: 'yes' }, { label: 'No', value: 'no' }] },
    ]);
    expect(plain).toEqual({ text: 'a &lt;b&gt; &amp; c', mrkdwn: false });
    expect(asked!.blocks![0]).toEqual({ type: 'section', text: { type: 'plain_text', text: '*not bold*', emoji: true } });
    expect(asked!.blocks![1]).toMatchObject({ type: 'actions', elements: [{ action_id: 'gentlepath_reply_0', value: 'yes' }, { action_id: 'gentlepath_reply_1', value: 'no' }] });
  });
  it('splits long text over sections and marks an answered message', () => {
    const [long] = renderForSlack([{ text: 'x'.repeat(7000), contentIds: [], rephrasable: true, buttons: [{ label: 'Skip', value: 'skip' }] }]);
    expect(long!.blocks!.filter((b) => b.type === 'section')).toHaveLength(3);
    expect(answeredBlocks(content, long!.blocks, '7').map((b) => b.type)).toEqual(['section', 'section', 'section', 'context']);
    expect(escapeText('<@U1>')).toBe('&lt;@U1&gt;');
  });
  it('tells when the next check-in is, in the user\'s zone', () => {
    const at = new Date('2026-11-23T18:00:00Z'); // 19:00 in Berlin
    expect(nextCheckIn(content, at, '20:00', 'Europe/Berlin')).toBe('today at 20:00 (Europe/Berlin)');
    expect(nextCheckIn(content, at, '08:00', 'Europe/Berlin')).toBe('tomorrow at 08:00 (Europe/Berlin)');
    expect(nextCheckIn(content, at, null, 'Europe/Berlin')).toBeNull();
  });
  it('App Home shows the step and the next check-in, or how to begin', () => {
    const fresh = JSON.stringify(renderHomeView(content, null, new Date()));
    expect(fresh).toContain('not started');
    const view = renderHomeView(content, { progress: startProgress('2026-11-23'), reminderTime: '20:00', timeZone: 'Europe/Berlin', paused: false }, new Date('2026-11-23T18:00:00Z'));
    expect(view.type).toBe('home');
    expect(JSON.stringify(view)).toContain('Step 1');
    expect(JSON.stringify(view)).toContain('today at 20:00 (Europe/Berlin)');
  });
});
