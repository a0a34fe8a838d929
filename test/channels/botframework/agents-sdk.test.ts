// The Microsoft 365 Agents SDK adapter beyond the Activity-JSON parity tests: the setting names, local
// mode's guards (JSON only, no foreign web page, replies only on this machine), and proactive sends
// through references stored before the move to the SDK.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { authConfiguration } from '../../../src/channels/botframework/bot-framework.js';
import { startFakeConnector, type FakeConnector } from '../../helpers/fake-connector.js';
import { startTestServer, type TestServer } from '../../helpers/channel-server.js';

let connector: FakeConnector;
let server: TestServer;
beforeAll(async () => {
  connector = await startFakeConnector();
  server = await startTestServer();
});
afterAll(async () => {
  await server.stop();
  await connector.close();
});

const activity = (conversationId: string, fields: Record<string, unknown> = {}) => ({
  type: 'message', id: `a-${Math.random()}`, channelId: 'emulator', serviceUrl: connector.url,
  conversation: { id: conversationId }, from: { id: 'user-1' }, recipient: { id: 'bot-1' }, text: 'hi', ...fields,
});

describe('Bot Framework settings', () => {
  it('takes the Agents SDK names and still the MicrosoftApp* ones', () => {
    const sdk = loadConfig(['start'], {
      connections__serviceConnection__settings__clientId: 'new-id', connections__serviceConnection__settings__clientSecret: 'new-secret',
      connections__serviceConnection__settings__tenantId: 'new-tenant',
    });
    expect(sdk).toMatchObject({ microsoftAppId: 'new-id', microsoftAppPassword: 'new-secret', microsoftAppTenantId: 'new-tenant' });
    const legacy = loadConfig(['start'], { MicrosoftAppId: 'old-id', MicrosoftAppPassword: 'old-secret', MicrosoftAppTenantId: 'old-tenant' });
    expect(legacy).toMatchObject({ microsoftAppId: 'old-id', microsoftAppPassword: 'old-secret', microsoftAppTenantId: 'old-tenant' });
    expect(loadConfig(['start'], {}).microsoftAppId).toBeUndefined();
  });

  it('maps them onto the SDK auth configuration: single tenant names its tenant, multi tenant uses botframework.com', () => {
    expect(authConfiguration({})).toEqual({});
    expect(authConfiguration({ appId: 'a', appPassword: 'p', tenantId: 't', appType: 'SingleTenant' })).toMatchObject({ clientId: 'a', clientSecret: 'p', tenantId: 't', authType: 'ClientSecret' });
    expect(authConfiguration({ appId: 'a', appPassword: 'p' })).toMatchObject({ clientId: 'a', tenantId: 'botframework.com' });
  });
});

describe('Bot Framework local mode guards', () => {
  const post = (body: unknown, headers: Record<string, string>) => fetch(`${server.url}api/messages`, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });

  it('refuses text/plain (what any web page can send without asking), a foreign Origin, and a serviceUrl off this machine; nothing is sent or stored', async () => {
    const before = connector.calls.length;
    expect((await post(activity('guard-1'), { 'content-type': 'text/plain' })).status).toBe(415);
    expect((await post(activity('guard-2'), { 'content-type': 'application/json', origin: 'https://evil.example' })).status).toBe(403);
    const remote = await post(activity('guard-3', { serviceUrl: 'https://smba.trafficmanager.net/teams/' }), { 'content-type': 'application/json' });
    expect(remote.status).toBe(400);
    expect(await remote.text()).toMatch(/serviceUrl on this machine/);
    expect((await post('{"type":', { 'content-type': 'application/json' })).status).toBe(400);
    expect((await post({ hello: 'world' }, { 'content-type': 'application/json' })).status).toBe(400);
    expect(connector.calls.length).toBe(before);
    for (const id of ['guard-1', 'guard-2', 'guard-3']) expect(await server.store.loadConversation(`bf:emulator:${id}`)).toBeNull();
    // The same request from this machine's own page (loopback Origin) goes through.
    expect((await post(activity('guard-4'), { 'content-type': 'application/json', origin: server.url.replace(/\/$/, '') })).status).toBe(200);
    expect(connector.callsFor('guard-4').length).toBeGreaterThan(0);
  });

  it('delivers proactively through a reference stored by the old SDK (bot instead of agent, no claims)', async () => {
    await server.store.refs.save('bf:emulator:old-ref', 'botframework', {
      channelId: 'emulator', serviceUrl: connector.url, conversation: { id: 'old-ref' }, bot: { id: 'bot-1', name: 'GentlePath' }, user: { id: 'user-1', name: '' },
    });
    await server.deliver('bf:emulator:old-ref', [{ text: 'time for your check-in', contentIds: ['test'], rephrasable: false, buttons: [{ label: 'Start', value: 'start' }] }]);
    const sent = connector.callsFor('old-ref');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.replyToId).toBeUndefined();
    expect(sent[0]!.activity).toMatchObject({ type: 'message', text: 'time for your check-in', from: { id: 'bot-1' }, recipient: { id: 'user-1' }, suggestedActions: { actions: [{ type: 'imBack', title: 'Start', value: 'start' }] } });
  });

  it('will not deliver proactively to a stored serviceUrl off this machine in local mode', async () => {
    await server.store.refs.save('bf:emulator:far', 'botframework', { channelId: 'emulator', serviceUrl: 'https://example.org/', conversation: { id: 'far' }, agent: { id: 'b' }, user: { id: 'u' } });
    await expect(server.deliver('bf:emulator:far', [{ text: 'x', contentIds: ['test'], rephrasable: false }])).rejects.toThrow(/this machine/);
  });
});
