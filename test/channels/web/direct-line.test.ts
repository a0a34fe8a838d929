// The local Direct Line 3.0 endpoint over HTTP and WebSocket, without a browser.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startTestServer, type TestServer } from '../../helpers/channel-server.js';
import { scriptedText } from '../../helpers/scripted-text.js';

let server: TestServer;
beforeAll(async () => { server = await startTestServer(); });
afterAll(async () => { await server.stop(); });

const dl = (path: string, init: RequestInit & { token?: string } = {}) => fetch(`${server.url}v3/directline${path}`, {
  ...init, headers: { 'content-type': 'application/json', ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) },
});

/** A browser's session: its cookie (HttpOnly, set by the server) brings it back to its own conversation. */
async function session(cookie?: string): Promise<{ conversationId: string; token: string; cookie: string }> {
  const res = await fetch(`${server.url}v3/directline/tokens/generate`, { method: 'POST', headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) }, body: '{}' });
  expect(res.status).toBe(200);
  const body = await res.json() as { conversationId: string; token: string };
  return { ...body, cookie: cookie ?? res.headers.get('set-cookie')!.split(';')[0]! };
}

describe('local Direct Line endpoint', () => {
  it('starts a conversation, echoes a posted activity, answers it and pages activities by watermark', async () => {
    const { conversationId, token } = await session();
    const started = await dl('/conversations', { method: 'POST', token });
    expect(started.status).toBe(201);
    expect((await started.json()).streamUrl).toMatch(new RegExp(`^ws://127\\.0\\.0\\.1:\\d+/v3/directline/conversations/${conversationId}/stream\\?t=`));

    const posted = await dl(`/conversations/${conversationId}/activities`, { method: 'POST', token, body: JSON.stringify({ type: 'message', text: 'hi', from: { id: 'user' }, channelData: { clientActivityID: 'x1' } }) });
    expect(posted.status).toBe(200);
    const { id } = await posted.json();
    await server.idle();
    const page = await (await dl(`/conversations/${conversationId}/activities`, { token })).json();
    expect(page.activities[0]).toMatchObject({ id, text: 'hi', from: { id: 'user', role: 'user' }, channelData: { clientActivityID: 'x1' } });
    const bot = page.activities.slice(1);
    expect(bot.length).toBeGreaterThanOrEqual(3);
    expect(bot.every((a: { from: { role: string }; replyToId: string }) => a.from.role === 'bot' && a.replyToId === id)).toBe(true);
    expect(bot.at(-1).suggestedActions.actions.map((a: { title: string }) => a.title)).toEqual(['Yes', 'No']);
    const later = await (await dl(`/conversations/${conversationId}/activities?watermark=${page.watermark}`, { token })).json();
    expect(later).toEqual({ activities: [], watermark: page.watermark });
  });

  it('a clarifying question offers its options and Neither as buttons; Neither brings the consent question back, never declines it', async () => {
    const { conversationId, token } = await session();
    await dl('/conversations', { method: 'POST', token });
    let watermark = '';
    /** Posts a line as the browser does and returns the bot's new activities. */
    const post = async (text: string, id: string) => {
      await dl(`/conversations/${conversationId}/activities`, { method: 'POST', token, body: JSON.stringify({ type: 'message', text, from: { id: 'user' }, channelData: { clientActivityID: id } }) });
      await server.idle();
      const page = await (await dl(`/conversations/${conversationId}/activities?watermark=${watermark}`, { token })).json();
      watermark = page.watermark;
      return (page.activities as Array<{ from: { role: string }; text: string; suggestedActions?: { actions: Array<{ title: string; value: string }> } }>).filter((a) => a.from.role === 'bot');
    };
    await post('hi', 'c1');
    const asked = await post('is this private? who sees this', 'c2');
    const buttons = asked.at(-1)!.suggestedActions!.actions;
    expect(buttons.map((a) => a.title)).toEqual(['When should I see a clinician?', 'How long will this take?', 'Neither']);
    const back = await post(buttons.at(-1)!.value, 'c3');
    expect(back.at(-1)!.suggestedActions!.actions.map((a) => a.title)).toEqual(['Yes', 'No']);
    expect(back.map((a) => a.text).join('\n')).toContain(scriptedText(server.content, 'onboarding.consent_ask'));
    const consented = await post('yes', 'c4');
    expect(consented[0]!.text).toBe(scriptedText(server.content, 'onboarding.consent_thanks'));
  });

  it('refuses a token for another conversation, or none', async () => {
    const a = await session();
    const b = await session();
    expect((await dl(`/conversations/${a.conversationId}/activities`, { token: b.token })).status).toBe(403);
    expect((await dl(`/conversations/${a.conversationId}/activities`)).status).toBe(403);
    expect((await dl('/conversations', { method: 'POST', token: `${a.conversationId}.forged` })).status).toBe(403);
  });

  it('streams the backlog and new activities over the WebSocket, and resumes the browser\'s conversation', async () => {
    const { conversationId, token, cookie } = await session();
    const resumed = await session(cookie);
    expect(resumed.conversationId).toBe(conversationId);
    const { streamUrl } = await (await dl(`/conversations/${conversationId}?watermark=`, { token })).json();
    const socket = new WebSocket(streamUrl);
    const received: Array<{ type: string; from?: { role: string }; text?: string }> = [];
    socket.on('message', (data) => { const s = data.toString(); if (s) received.push(...JSON.parse(s).activities); });
    await new Promise((resolve, reject) => { socket.once('open', resolve); socket.once('error', reject); });
    await dl(`/conversations/${conversationId}/activities`, { method: 'POST', token, body: JSON.stringify({ type: 'event', name: 'webchat/join', from: { id: 'user' } }) });
    await server.idle();
    await expect.poll(() => received.filter((a) => a.type === 'message' && a.from?.role === 'bot').length).toBeGreaterThanOrEqual(3);
    socket.close();

    const bad = new WebSocket(streamUrl.replace(/t=[^&]+/, 't=nope'));
    await expect(new Promise((resolve, reject) => { bad.once('open', resolve); bad.once('error', reject); })).rejects.toThrow(/403/);
  });
});
