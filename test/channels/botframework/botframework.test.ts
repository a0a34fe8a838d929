// Bot Framework over real HTTP: Activity JSON posted to /api/messages, replies captured by a local fake
// of Microsoft's connector service (the activities' serviceUrl points at it).
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { scriptedText } from '../../helpers/scripted-text.js';
import { ADAPTIVE_CARD } from '../../../src/channels/botframework/render.js';
import { startFakeConnector, type ConnectorCall, type FakeConnector } from '../../helpers/fake-connector.js';
import { startTestServer, type TestServer } from '../../helpers/channel-server.js';
import { CHECK_IN_TO_RATING, ONBOARDING } from '../../helpers/journey.js';

let connector: FakeConnector;
let server: TestServer;
let seq = 0;

beforeAll(async () => { connector = await startFakeConnector(); });
afterAll(async () => { await connector.close(); });
beforeEach(async () => { server = await startTestServer(); });
afterEach(async () => { await server.stop(); });

const text = (id: string) => scriptedText(server.content, id);

function activity(conversationId: string, fields: Record<string, unknown>): Record<string, unknown> {
  seq += 1;
  return {
    type: 'message', id: `act-${seq}`, timestamp: new Date().toISOString(), channelId: 'emulator', serviceUrl: connector.url,
    conversation: { id: conversationId }, from: { id: 'user-1', name: 'Alex' }, recipient: { id: 'bot-1', name: 'GentlePath' },
    locale: 'en-US', ...fields,
  };
}

async function post(body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${server.url}api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

/** Posts one activity and returns the replies it caused (the adapter answers after the turn has replied). */
async function turn(conversationId: string, fields: Record<string, unknown>): Promise<ConnectorCall[]> {
  const before = connector.callsFor(conversationId).length;
  const res = await post(activity(conversationId, fields));
  expect(res.status).toBe(200);
  return connector.callsFor(conversationId).slice(before);
}

const titles = (call: ConnectorCall | undefined) => (call?.activity.suggestedActions?.actions ?? []).map((a: { title: string }) => a.title);

describe('Bot Framework /api/messages (local mode)', () => {
  it('answers a first message with the welcome, replying to the activity, with Yes/No as suggested actions', async () => {
    const replies = await turn('conv-msg', { text: 'hi', id: 'first-1' });
    expect(replies.map((r) => r.activity.text)).toEqual([text('onboarding.welcome'), text('disclaimer'), text('onboarding.consent_ask')]);
    expect(replies.every((r) => r.replyToId === 'first-1')).toBe(true);
    expect(replies.every((r) => r.activity.type === 'message' && r.activity.textFormat === 'plain')).toBe(true);
    expect(replies.at(-1)!.activity.suggestedActions.actions).toEqual([
      { type: 'imBack', title: 'Yes', value: 'yes' }, { type: 'imBack', title: 'No', value: 'no' },
    ]);
    expect(replies.at(-1)!.activity.conversation.id).toBe('conv-msg');
  });

  it('greets on conversationUpdate when the user joins, and not when only the bot is added', async () => {
    const botOnly = await turn('conv-update', { type: 'conversationUpdate', text: undefined, membersAdded: [{ id: 'bot-1' }] });
    expect(botOnly).toEqual([]);
    const replies = await turn('conv-update', { type: 'conversationUpdate', text: undefined, membersAdded: [{ id: 'user-1', name: 'Alex' }] });
    expect(replies[0]!.activity.text).toBe(text('onboarding.welcome'));
  });

  it('continues with a suggested-action reply (imBack text) and an Adaptive Card submit (value payload)', async () => {
    await turn('conv-actions', { text: 'hi' });
    const afterYes = await turn('conv-actions', { text: 'yes' });
    expect(afterYes.map((r) => r.activity.text)).toContain(text('onboarding.consent_thanks'));
    expect(titles(afterYes.at(-1))).toEqual(['Yes', 'No']);
    // A card submit carries the button's data as value, with no text.
    const afterSubmit = await turn('conv-actions', { text: undefined, value: { reply: 'no' } });
    expect(afterSubmit.length).toBeGreaterThan(0);
    expect(afterSubmit[0]!.activity.text).not.toBe(afterYes.at(-1)!.activity.text);
  });

  it('processes a redelivered activity (same id) once', async () => {
    await turn('conv-dup', { text: 'hi' });
    const first = activity('conv-dup', { text: 'yes', id: 'dup-1' });
    await post(first);
    const count = connector.callsFor('conv-dup').length;
    expect((await post(first)).status).toBe(200);
    expect(connector.callsFor('conv-dup').length).toBe(count);
  });

  it('declines group conversations without running the coach', async () => {
    const replies = await turn('conv-group', { text: 'hi', conversation: { id: 'conv-group', isGroup: true } });
    expect(replies.map((r) => r.activity.text)).toEqual([text('channel.one_to_one_only')]);
    expect(await server.store.loadConversation('bf:emulator:conv-group')).toBeNull();
  });

  it('on Teams: greets when the bot is installed, shows ratings as an Adaptive Card, takes a card submit and an imBack', async () => {
    const conv = 'a:1teams-personal-chat';
    const teams = (fields: Record<string, unknown>) => turn(conv, {
      channelId: 'msteams', from: { id: '29:1user', name: 'Alex', aadObjectId: '00000000-0000-0000-0000-000000000001' },
      recipient: { id: '28:bot-app-id', name: 'GentlePath' },
      conversation: { id: conv, conversationType: 'personal', tenantId: 'tenant-1' }, channelData: { tenant: { id: 'tenant-1' } },
      ...fields,
    });
    const installed = await teams({ type: 'conversationUpdate', membersAdded: [{ id: '28:bot-app-id' }] });
    expect(installed[0]!.activity.text).toBe(text('onboarding.welcome').replace(/\n/g, '\n\n'));
    expect(installed[0]!.activity.textFormat).toBe('markdown');
    for (const message of [...ONBOARDING, ...CHECK_IN_TO_RATING]) await teams({ text: message });

    const rating = connector.callsFor(conv).at(-1)!.activity;
    expect(rating.text).toBe(text('rating.ask_during').replace(/\n/g, '\n\n'));
    expect(rating.suggestedActions).toBeUndefined();
    const card = rating.attachments[0];
    expect(card.contentType).toBe(ADAPTIVE_CARD);
    const actions = card.content.body.flatMap((set: { actions: unknown[] }) => set.actions);
    expect(actions.map((a: { title: string }) => a.title)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    // Plain submit data: a card button with msteams imBack data sent nothing when clicked in the Agents Playground.
    expect(actions[1]).toEqual({ type: 'Action.Submit', title: '1', data: { reply: '1' } });

    // The card's button pressed: Teams sends the data as value.
    const afterSubmit = await teams({ text: undefined, value: { reply: '1' } });
    expect(afterSubmit.map((r) => r.activity.text)).toEqual([text('rating.ask_after').replace(/\n/g, '\n\n')]);
    // A typed number works the same.
    const afterImBack = await teams({ text: '1' });
    // Both ratings taken: the journal question follows, its one quick reply as a suggested action.
    expect(afterImBack.at(-1)!.activity.text).toBe(text('journal.ask').replace(/\n/g, '\n\n'));
    expect(titles(afterImBack.at(-1))).toEqual(['Skip']);
    expect((await server.store.exportUser(`bf:msteams:${conv}`)).practice.at(-1)).toMatchObject({ painDuring: 1, painAfter: 1 });
  });

  it('sends the progress chart as an Adaptive Card Image whose url is a PNG data URI', async () => {
    const conv = 'conv-progress';
    for (const message of ['hi', ...ONBOARDING]) await turn(conv, { text: message });
    const replies = await turn(conv, { text: 'progress' });
    const withChart = replies.filter((r) => (r.activity.attachments ?? []).some((a: { content?: { body?: Array<{ type: string }> } }) => a.content?.body?.some((b) => b.type === 'Image')));
    expect(withChart).toHaveLength(1);
    const card = withChart[0]!.activity.attachments.find((a: { contentType: string }) => a.contentType === ADAPTIVE_CARD);
    const image = card.content.body.find((b: { type: string }) => b.type === 'Image');
    expect(image.altText).toMatch(/14 days/);
    const match = /^data:image\/png;base64,([A-Za-z0-9+/=]+)$/.exec(image.url);
    expect(match).not.toBeNull();
    const png = Buffer.from(match![1]!, 'base64');
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.length).toBeGreaterThan(1000);
  });

  for (const channelId of ['msteams', 'webchat'] as const) {
    it(`attaches the daily check-in as a text/calendar file when the time is set, changed or asked for (${channelId})`, async () => {
      const conv = `conv-calendar-${channelId}`;
      const say = async (message: string) => {
        const before = connector.callsFor(conv).length;
        const res = await post(activity(conv, { text: message, channelId }));
        expect(res.status).toBe(200);
        return connector.callsFor(conv).slice(before);
      };
      const calendarOf = (calls: ConnectorCall[]) => calls.flatMap((c) => (c.activity.attachments ?? []).filter((a: { contentType: string }) => a.contentType === 'text/calendar').map((a: { contentUrl: string; name: string }) => ({ call: c, ...a })));
      const icsOf = (file: { contentUrl: string }) => {
        const match = /^data:text\/calendar;base64,([A-Za-z0-9+/=]+)$/.exec(file.contentUrl);
        expect(match).not.toBeNull();
        return Buffer.from(match![1]!, 'base64').toString('utf8');
      };
      const sent: ConnectorCall[] = [];
      for (const message of ['hi', ...ONBOARDING]) sent.push(...await say(message));
      const [first] = calendarOf(sent);
      expect(calendarOf(sent)).toHaveLength(1);
      expect(first!.name).toBe('gentlepath-check-in.ics');
      // The activity says what the file is; the file holds the time and zone chosen at onboarding (8pm, Berlin).
      expect(first!.call.activity.text.replace(/\n\n/g, '\n')).toBe(text('calendar.attached').replace('{time}', '20:00').replace('{zone}', 'Europe/Berlin'));
      const ics = icsOf(first!);
      expect(ics).toMatch(/DTSTART;TZID=Europe\/Berlin:\d{8}T200000\r\n/);
      expect(ics).toContain('BEGIN:VALARM');
      const changed = calendarOf(await say('change my reminder to 7:30am'));
      expect(changed).toHaveLength(1);
      expect(icsOf(changed[0]!)).toMatch(/DTSTART;TZID=Europe\/Berlin:\d{8}T073000\r\n/);
      expect(calendarOf(await say('send me the calendar file'))).toHaveLength(1);
      // Proactively (a redelivery, a scheduled message) through the SDK's proactive path too.
      const key = `bf:${channelId}:${conv}`;
      const before = connector.callsFor(conv).length;
      await server.deliver(key, [{ text: 'file', contentIds: ['calendar.attached'], rephrasable: false, attachment: { kind: 'calendar', time: '09:15', timeZone: 'America/Chicago', title: 't', description: 'd' } }]);
      const pushed = calendarOf(connector.callsFor(conv).slice(before));
      expect(pushed).toHaveLength(1);
      expect(icsOf(pushed[0]!)).toMatch(/DTSTART;TZID=America\/Chicago:\d{8}T091500\r\n/);
    });
  }

  it('stores a conversation reference (ids, no names) and sends proactively through it', async () => {
    await turn('conv-proactive', { text: 'hi' });
    const row = await server.store.kysely.selectFrom('conversation_refs').selectAll().where('conversation_key', '=', 'bf:emulator:conv-proactive').executeTakeFirstOrThrow();
    const ref = JSON.parse(row.reference);
    expect(ref).toMatchObject({ channelId: 'emulator', serviceUrl: connector.url, conversation: { id: 'conv-proactive' }, user: { id: 'user-1' } });
    expect(row.reference).not.toContain('Alex');

    const before = connector.callsFor('conv-proactive').length;
    await server.deliver('bf:emulator:conv-proactive', [{ text: 'a proactive hello', contentIds: ['test'], rephrasable: false }]);
    const sent = connector.callsFor('conv-proactive').slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.replyToId).toBeUndefined();
    expect(sent[0]!.activity.text).toBe('a proactive hello');
  });

  it('logs turns without message contents', async () => {
    await turn('conv-logs', { text: 'hi' });
    await turn('conv-logs', { text: 'yes' });
    const logs = server.logs.join('');
    expect(logs).toContain('"msg":"turn"');
    expect(logs).not.toContain(text('onboarding.welcome').slice(0, 30));
    expect(logs).not.toContain('conv-logs');
  });
});

describe('Bot Framework /api/messages with app credentials', () => {
  let secured: TestServer;
  beforeAll(async () => {
    secured = await startTestServer({ config: { microsoftAppId: '00000000-0000-0000-0000-00000000abcd', microsoftAppPassword: 'not-a-real-secret', microsoftAppTenantId: '00000000-0000-0000-0000-0000000000ef' } });
  });
  afterAll(async () => { await secured.stop(); });

  it('rejects an unauthenticated request with 401 and sends nothing', async () => {
    const before = connector.calls.length;
    const res = await fetch(`${secured.url}api/messages`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity('conv-auth', { text: 'hi' })),
    });
    expect(res.status).toBe(401);
    // A token that is not a JWT at all is refused the same way.
    const forged = await fetch(`${secured.url}api/messages`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer not-a-jwt' }, body: JSON.stringify(activity('conv-auth', { text: 'hi' })),
    });
    expect(forged.status).toBe(401);
    expect(connector.calls.length).toBe(before);
    expect(await secured.store.loadConversation('bf:emulator:conv-auth')).toBeNull();
    const health = await (await fetch(`${secured.url}healthz`)).json();
    expect(health.channels.botframework).toBe('authenticated');
  });
});
