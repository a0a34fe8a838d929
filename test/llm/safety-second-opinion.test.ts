// The optional LLM second opinion on safety: off unless asked for; consulted only when the rules found nothing;
// it can raise a message to a kind question, never lower anything; a failure or timeout leaves the rules' answer.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCoach } from '../../src/coach/handle-turn.js';
import { loadContent } from '../../src/content/load-content.js';
import { createLlmClient } from '../../src/llm/llm-client.js';
import { createSafetySecondOpinion } from '../../src/llm/safety-second-opinion.js';
import { loadLlmSettings } from '../../src/llm/settings.js';
import { openSqliteStore } from '../../src/store/open-sqlite.js';
import { ONBOARDING } from '../helpers/journey.js';
import { startFakeOpenAi, type FakeOpenAi } from './fake-openai-server.js';

const content = loadContent();
let fake: FakeOpenAi;
beforeAll(async () => { fake = await startFakeOpenAi(); });
afterAll(async () => { await fake.close(); });
afterEach(() => { fake.requests.length = 0; });

async function coachAtIdle(timeoutMs = 2000) {
  const store = await openSqliteStore(':memory:');
  const safetyCheck = createSafetySecondOpinion({ llm: createLlmClient({ baseURL: fake.baseURL, model: 'fake-model', timeoutMs }), content, timeoutMs });
  const coach = createCoach({ content, store, safetyCheck, now: () => new Date('2026-11-23T18:00:00Z') });
  for (const text of ['hi', ...ONBOARDING]) await coach.handleTurn('u', { text });
  fake.requests.length = 0;
  return { coach, store };
}
const ids = (replies: Array<{ contentIds: string[] }>) => replies.flatMap((r) => r.contentIds);

describe('safety second opinion (GENTLEPATH_LLM_SAFETY_CHECK=1)', () => {
  it('is off unless the operator opts in', () => {
    expect(loadLlmSettings({}).safetyCheck).toBe(false);
    expect(loadLlmSettings({ GENTLEPATH_LLM_SAFETY_CHECK: '1', GENTLEPATH_LLM_MODEL: 'm', OPENAI_BASE_URL: 'http://127.0.0.1:1/v1' }).safetyCheck).toBe(true);
  });

  it('raises a message the rules found safe to the kind crisis question', async () => {
    const { coach, store } = await coachAtIdle();
    fake.respond(() => ({ json: { crisis: 'possible', red_flag: 'none' } }));
    const replies = await coach.handleTurn('u', { text: 'everything feels grey lately' });
    expect(ids(replies)).toContain('safety.crisis_ask_self');
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]!.user).toBe('everything feels grey lately');
    await store.close();
  });

  it('raises to one red flag question, by id from flows/', async () => {
    const { coach, store } = await coachAtIdle();
    fake.respond(() => ({ json: { crisis: 'no', red_flag: 'red.bleeding' } }));
    // a message the rules and the learned net both find safe: only then is the second opinion asked
    const replies = await coach.handleTurn('u', { text: 'something seems a bit different down there today' });
    expect(replies.map((r) => r.text).join('\n')).toMatch(/bleeding/i);
    expect(ids(replies)).toContain('red.bleeding');
    await store.close();
  });

  it('is never asked about what the rules already caught, so it can never lower it', async () => {
    const { coach, store } = await coachAtIdle();
    fake.respond(() => ({ json: { crisis: 'no', red_flag: 'none' } }));
    expect(ids(await coach.handleTurn('u', { text: 'i want to kill myself' }))).toContain('safety.crisis');
    expect(fake.requests).toHaveLength(0);
    await store.close();
  });

  it('falls back to the rules when the model fails or is too slow', async () => {
    const { coach, store } = await coachAtIdle(300);
    fake.respond(() => ({ delayMs: 5_000, json: { crisis: 'possible', red_flag: 'none' } }));
    const started = Date.now();
    const replies = await coach.handleTurn('u', { text: 'start' });
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(ids(replies)).not.toContain('safety.crisis_ask_self');
    fake.respond(() => ({ status: 500 }));
    expect(ids(await coach.handleTurn('u', { text: 'done' }))).not.toContain('safety.crisis_ask_self');
    await store.close();
  });
});
