// Slack over real HTTP: signed requests (events, block actions, slash command) to the running server's
// /slack/events, with bolt's WebClient pointed at a local fake of Slack's Web API.
import { createHmac } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { scriptedText } from '../../helpers/scripted-text.js';
import { startFakeSlackApi, type FakeSlackApi, type SlackCall } from '../../helpers/fake-slack-api.js';
import { startTestServer, type TestServer } from '../../helpers/channel-server.js';
import { CHECK_IN_TO_RATING, ONBOARDING } from '../../helpers/journey.js';

const SECRET = 'test-signing-secret-0123456789abcdef';
const TEAM = 'T0001';
let api: FakeSlackApi;
let server: TestServer;
let seq = 0;

beforeAll(async () => { api = await startFakeSlackApi(); });
afterAll(async () => { await api.close(); });
beforeEach(async () => {
  api.calls.length = 0;
  api.uploads.length = 0;
  server = await startTestServer({ config: { slackBotToken: 'xoxb-test-token', slackSigningSecret: SECRET }, slackApiUrl: api.apiUrl });
});
afterEach(async () => { await server.stop(); });

const text = (id: string) => scriptedText(server.content, id);

function signed(body: string, options: { secret?: string; ts?: number } = {}): Record<string, string> {
  const ts = options.ts ?? Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac('sha256', options.secret ?? SECRET).update(`v0:${ts}:${body}`).digest('hex')}`;
  return { 'x-slack-signature': signature, 'x-slack-request-timestamp': String(ts) };
}

async function send(body: string, contentType: string, headers: Record<string, string> = {}, signing: { secret?: string; ts?: number } = {}): Promise<Response> {
  return fetch(`${server.url}slack/events`, { method: 'POST', headers: { 'content-type': contentType, ...signed(body, signing), ...headers }, body });
}

function dmEvent(user: string, messageText: string, eventId = `Ev${++seq}`): Record<string, unknown> {
  return {
    token: 'legacy', team_id: TEAM, api_app_id: 'A0001', type: 'event_callback', event_id: eventId, event_time: Math.floor(Date.now() / 1000),
    event: { type: 'message', channel: `D${user}`, channel_type: 'im', user, text: messageText, ts: `${Date.now() / 1000}`, event_ts: `${Date.now() / 1000}` },
  };
}

const postsTo = (channel: string) => api.callsTo('chat.postMessage').filter((c) => c.args.channel === channel);

/** Sends a DM, waits for the turn to finish, returns the messages it posted. */
async function dm(user: string, messageText: string): Promise<SlackCall[]> {
  const before = postsTo(`D${user}`).length;
  const res = await send(JSON.stringify(dmEvent(user, messageText)), 'application/json');
  expect(res.status).toBe(200);
  await server.idle();
  return postsTo(`D${user}`).slice(before);
}

const buttons = (call: SlackCall | undefined) => (call?.args.blocks ?? []).filter((b: { type: string }) => b.type === 'actions').flatMap((b: { elements: unknown[] }) => b.elements);

function clickPayload(user: string, message: SlackCall, value: string): string {
  const button = buttons(message).find((b: { value: string }) => b.value === value);
  expect(button).toBeDefined();
  const payload = {
    type: 'block_actions', team: { id: TEAM, domain: 'example' }, user: { id: user, username: 'alex', team_id: TEAM },
    api_app_id: 'A0001', token: 'legacy', trigger_id: `trigger-${++seq}`,
    container: { type: 'message', message_ts: '1700000000.000100', channel_id: `D${user}`, is_ephemeral: false },
    channel: { id: `D${user}`, name: 'directmessage' },
    message: { type: 'message', ts: '1700000000.000100', text: message.args.text, blocks: message.args.blocks },
    response_url: 'http://127.0.0.1:9/unused', actions: [{ ...button, block_id: 'gentlepath_replies_0', action_ts: `${Date.now() / 1000}` }],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

describe('Slack /slack/events', () => {
  it('answers a direct message in the DM, with Block Kit Yes/No buttons on the question', async () => {
    const res = await send(JSON.stringify(dmEvent('U0001', 'hi')), 'application/json');
    expect(res.status).toBe(200);
    await server.idle();
    const posts = postsTo('DU0001');
    expect(posts.map((p) => p.args.text)).toEqual([text('onboarding.welcome'), text('disclaimer'), text('onboarding.consent_ask')].map((t) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')));
    expect(posts[0]!.args.mrkdwn).toBe('false');
    expect(buttons(posts.at(-1))).toEqual([
      { type: 'button', action_id: 'gentlepath_reply_0', value: 'yes', text: { type: 'plain_text', text: 'Yes', emoji: true } },
      { type: 'button', action_id: 'gentlepath_reply_1', value: 'no', text: { type: 'plain_text', text: 'No', emoji: true } },
    ]);
    expect(api.callsTo('auth.test').length).toBeGreaterThanOrEqual(1);
  });

  it('refuses to start with a token Slack rejects, in one clear line', async () => {
    await expect(startTestServer({ config: { slackBotToken: 'xoxb-revoked', slackSigningSecret: SECRET }, slackApiUrl: api.apiUrl }))
      .rejects.toThrow(/Slack refused SLACK_BOT_TOKEN \(invalid_auth\)/);
  });

  it('rejects a bad or stale signature with 401 and replies nothing', async () => {
    const body = JSON.stringify(dmEvent('U0002', 'hi'));
    expect((await send(body, 'application/json', {}, { secret: 'wrong-secret' })).status).toBe(401);
    expect((await send(body, 'application/json', {}, { ts: Math.floor(Date.now() / 1000) - 10 * 60 })).status).toBe(401);
    expect((await fetch(`${server.url}slack/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })).status).toBe(401);
    await server.idle();
    expect(api.callsTo('chat.postMessage')).toEqual([]);
    expect(await server.store.loadConversation(`slack:${TEAM}:U0002`)).toBeNull();
  });

  it('processes a retried event (X-Slack-Retry-Num, same event id) once', async () => {
    await dm('U0003', 'hi');
    const event = JSON.stringify(dmEvent('U0003', 'yes', 'EvRetried'));
    const before = postsTo('DU0003').length;
    expect((await send(event, 'application/json')).status).toBe(200);
    expect((await send(event, 'application/json', { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' })).status).toBe(200);
    expect((await send(event, 'application/json', { 'x-slack-retry-num': '2', 'x-slack-retry-reason': 'http_timeout' })).status).toBe(200);
    await server.idle();
    const after = postsTo('DU0003').slice(before);
    expect(after.length).toBeGreaterThan(0);
    expect(after.filter((p) => p.args.text === text('onboarding.consent_thanks'))).toHaveLength(1);
  });

  it('ignores messages in channels and from bots', async () => {
    const inChannel = dmEvent('U0004', 'hi');
    (inChannel.event as Record<string, unknown>).channel_type = 'channel';
    const fromBot = dmEvent('U0004', 'hi');
    (fromBot.event as Record<string, unknown>).bot_id = 'B0002';
    (fromBot.event as Record<string, unknown>).subtype = 'bot_message';
    for (const body of [inChannel, fromBot]) expect((await send(JSON.stringify(body), 'application/json')).status).toBe(200);
    await server.idle();
    expect(api.callsTo('chat.postMessage')).toEqual([]);
  });

  it('continues a session with rating buttons: a click answers, its buttons are taken away, App Home and /gentlepath follow the progress', async () => {
    const user = 'U0005';
    await dm(user, 'hi');
    for (const message of [...ONBOARDING, ...CHECK_IN_TO_RATING]) await dm(user, message);
    const question = postsTo(`D${user}`).at(-1)!;
    expect(question.args.text).toBe(text('rating.ask_during'));
    expect(buttons(question).map((b: { text: { text: string } }) => b.text.text)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);

    const before = postsTo(`D${user}`).length;
    const res = await send(clickPayload(user, question, '1'), 'application/x-www-form-urlencoded');
    expect(res.status).toBe(200);
    await server.idle();
    const update = api.callsTo('chat.update').at(-1)!;
    expect(update.args).toMatchObject({ channel: `D${user}`, ts: '1700000000.000100' });
    expect(update.args.blocks.some((b: { type: string }) => b.type === 'actions')).toBe(false);
    expect(JSON.stringify(update.args.blocks)).toContain('You chose: 1');
    const next = postsTo(`D${user}`).slice(before);
    expect(next.map((p) => p.args.text)).toEqual([text('rating.ask_after')]);
    expect(buttons(next[0])).toHaveLength(11);

    // App Home: the current step and the next check-in (8pm, Berlin at onboarding).
    const home = { token: 'legacy', team_id: TEAM, api_app_id: 'A0001', type: 'event_callback', event_id: `Ev${++seq}`, event_time: 1, event: { type: 'app_home_opened', user, channel: `D${user}`, tab: 'home', event_ts: '1' } };
    expect((await send(JSON.stringify(home), 'application/json')).status).toBe(200);
    await server.idle();
    const view = api.callsTo('views.publish').at(-1)!.args;
    expect(view.user_id).toBe(user);
    const homeText = JSON.stringify(view.view);
    expect(homeText).toContain('Step 1');
    expect(homeText).toMatch(/(today|tomorrow) at 20:00 \(Europe\/Berlin\)/);

    // /gentlepath progress from a public channel: a private note in the channel, the answer in the DM.
    const command = new URLSearchParams({
      token: 'legacy', team_id: TEAM, team_domain: 'example', channel_id: 'C0001', channel_name: 'general', user_id: user, user_name: 'alex',
      command: '/gentlepath', text: 'progress', api_app_id: 'A0001', response_url: 'http://127.0.0.1:9/unused', trigger_id: `trigger-${++seq}`,
    }).toString();
    const before2 = postsTo(`D${user}`).length;
    const ack = await send(command, 'application/x-www-form-urlencoded');
    expect(ack.status).toBe(200);
    expect(await ack.json()).toMatchObject({ response_type: 'ephemeral' });
    await server.idle();
    expect(api.callsTo('conversations.open').at(-1)!.args.users).toBe(user);
    const progress = postsTo(`D${user}`).slice(before2);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.some((p) => p.args.text.includes('Step 1'))).toBe(true);
    // The chart goes to the DM too, never to the public channel.
    expect(api.callsTo('files.completeUploadExternal').map((c) => c.args.channel_id)).toEqual([`D${user}`, `D${user}`]); // the calendar file at onboarding, then the chart
    expect(api.callsTo('chat.postMessage').every((c) => String(c.args.channel).startsWith('D'))).toBe(true);
  });

  it('"progress" in a DM posts the text, then uploads the chart as a PNG into that DM (files.uploadV2)', async () => {
    const user = 'U0009';
    await dm(user, 'hi');
    for (const message of ONBOARDING) await dm(user, message);
    const posted = await dm(user, 'progress');
    expect(posted.some((p) => p.args.text.includes('Step 1'))).toBe(true);

    // (The calendar file went up at the end of onboarding; the chart is the upload after it.)
    const asked = api.callsTo('files.getUploadURLExternal').find((c) => c.args.filename === 'progress.png');
    expect(asked!.args).toMatchObject({ filename: 'progress.png', alt_text: text('chart.alt_none') });
    const charts = api.uploads.filter((u) => u.filename === 'progress.png');
    expect(charts).toHaveLength(1);
    const [upload] = charts;
    expect(upload!.filename).toBe('progress.png');
    expect([...upload!.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(upload!.bytes.length).toBe(Number(asked!.args.length));
    const completed = api.callsTo('files.completeUploadExternal').filter((c) => c.args.files[0].id === upload!.fileId);
    expect(completed).toHaveLength(1);
    expect(completed[0]!.args).toMatchObject({ channel_id: `D${user}`, files: [{ id: upload!.fileId, title: 'Your last 14 days' }] });
    // The text first, then the chart under it.
    const order = api.calls.map((c) => c.method).filter((m) => m === 'chat.postMessage' || m.startsWith('files.'));
    expect(order.slice(-3)).toEqual(['chat.postMessage', 'files.getUploadURLExternal', 'files.completeUploadExternal']);
  });

  it('sends the daily check-in as a calendar file in the DM when the time is set, changed, or asked for (files.uploadV2)', async () => {
    const user = 'U0011';
    await dm(user, 'hi');
    for (const message of ONBOARDING) await dm(user, message);
    const calendarUploads = () => api.uploads.filter((u) => u.filename === 'gentlepath-check-in.ics');
    // Onboarding chose 8pm in Berlin: the message saying what the file is, then the file under it, in the DM.
    expect(calendarUploads()).toHaveLength(1);
    const ics = calendarUploads()[0]!.bytes.toString('utf8');
    expect(ics).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(ics).toMatch(/DTSTART;TZID=Europe\/Berlin:\d{8}T200000\r\n/);
    expect(ics).toContain('RRULE:FREQ=DAILY');
    expect(ics).toContain(`SUMMARY:${text('calendar.title')}`);
    expect(ics.toLowerCase()).not.toContain('vaginismus');
    const asked = api.callsTo('files.getUploadURLExternal').find((c) => c.args.filename === 'gentlepath-check-in.ics')!;
    expect(Number(asked.args.length)).toBe(Buffer.byteLength(ics));
    const shared = api.callsTo('files.completeUploadExternal').find((c) => c.args.files[0].id === calendarUploads()[0]!.fileId)!;
    expect(shared.args).toMatchObject({ channel_id: `D${user}`, files: [{ title: text('calendar.title') }] });
    const order = api.calls.map((c) => (c.method === 'chat.postMessage' ? `post:${String(c.args.text).slice(0, 20)}` : c.method)).filter((m) => m.startsWith('post:') || m.startsWith('files.'));
    const at = order.indexOf('files.getUploadURLExternal');
    expect(order[at - 1]).toBe(`post:${text('calendar.attached').slice(0, 20)}`);

    // A new time: a new file with the new time (the same event, so a calendar replaces it).
    const changed = await dm(user, 'change my reminder to 7am');
    expect(changed.some((p) => String(p.args.text).startsWith(text('calendar.attached').split('{')[0]!))).toBe(true);
    expect(calendarUploads()).toHaveLength(2);
    const second = calendarUploads()[1]!.bytes.toString('utf8');
    expect(second).toMatch(/DTSTART;TZID=Europe\/Berlin:\d{8}T070000\r\n/);
    expect(/UID:(.*)\r\n/.exec(second)![1]).toBe(/UID:(.*)\r\n/.exec(ics)![1]);
    // Asked for: the same file again, and the conversation carries on where it was.
    const asked2 = await dm(user, 'can you add it to my calendar?');
    expect(calendarUploads()).toHaveLength(3);
    expect(asked2.at(-1)!.args.blocks).toBeDefined();
    // Nothing went anywhere but the DM.
    expect(api.callsTo('files.completeUploadExternal').every((c) => c.args.channel_id === `D${user}`)).toBe(true);
  });

  it('a failed chart upload is logged and the turn still completes', async () => {
    const user = 'U0010';
    await dm(user, 'hi');
    for (const message of ONBOARDING) await dm(user, message);
    const uploaded = api.uploads.length; // the calendar file at the end of onboarding
    const completed = api.callsTo('files.completeUploadExternal').length;
    api.failNext('files.getUploadURLExternal', 'missing_scope');
    const posted = await dm(user, 'progress');
    expect(posted.some((p) => p.args.text.includes('Step 1'))).toBe(true);
    expect(api.uploads).toHaveLength(uploaded);
    expect(api.callsTo('files.completeUploadExternal')).toHaveLength(completed);
    expect(server.logs.join('')).toContain('could not upload a file');
    // Nothing is posted twice (the text is not retried because of the upload).
    expect(postsTo(`D${user}`).filter((p) => p.args.text.includes('Step 1'))).toHaveLength(1);
  });

  it('/gentlepath from a new user opens the conversation in a DM', async () => {
    const command = new URLSearchParams({
      token: 'legacy', team_id: TEAM, team_domain: 'example', channel_id: 'DU0006', channel_name: 'directmessage', user_id: 'U0006', user_name: 'sam',
      command: '/gentlepath', text: '', api_app_id: 'A0001', response_url: 'http://127.0.0.1:9/unused', trigger_id: `trigger-${++seq}`,
    }).toString();
    const ack = await send(command, 'application/x-www-form-urlencoded');
    expect(ack.status).toBe(200);
    await server.idle();
    expect(postsTo('DU0006')[0]!.args.text).toBe(text('onboarding.welcome'));
  });

  it('logs without message contents', async () => {
    await dm('U0007', 'hi');
    await dm('U0007', 'yes');
    const logs = server.logs.join('');
    expect(logs).toContain('"source":"dm"');
    expect(logs).not.toContain('U0007');
    expect(logs).not.toContain(text('onboarding.consent_thanks'));
  });
});
