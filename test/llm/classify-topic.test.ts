// The optional topic classifier: picks a known id or "none"; any failure is "none"; identifiers are redacted.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadContent } from '../../src/content/load-content.js';
import type { Understanding } from '../../src/coach/understand/understand.js';
import { createTopicClassifier, redactQuestion, settleTopic, topicIds, type UnderstandingLike } from '../../src/llm/classify-topic.js';
import { createLlmClient } from '../../src/llm/llm-client.js';
import { startFakeOpenAi, type FakeOpenAi } from './fake-openai-server.js';

const content = loadContent();
const ids = topicIds(content);
let fake: FakeOpenAi;
beforeAll(async () => { fake = await startFakeOpenAi(); });
afterAll(async () => { await fake.close(); });
afterEach(() => { fake.requests.length = 0; });

const classifier = (timeoutMs = 2000) => createTopicClassifier({ llm: createLlmClient({ baseURL: fake.baseURL, model: 'fake-model', timeoutMs }), content });

describe('classifyTopic', () => {
  it('returns the id the model picks from the enum of known ids', async () => {
    fake.respond(() => ({ json: { topic: 'trouble.burning' } }));
    expect(await classifier().classifyTopic('it kind of stings at the start', ids)).toBe('trouble.burning');
    const request = fake.requests[0]!;
    expect(request.user).toBe('it kind of stings at the start');
    const schema = JSON.stringify(request.body.response_format);
    for (const id of ids) expect(schema).toContain(id);
    expect(schema).toContain('"none"');
  });

  it('is "none" when the model says none, answers an id outside the list, or fails', async () => {
    fake.respond(() => ({ json: { topic: 'none' } }));
    expect(await classifier().classifyTopic('what is the weather', ids)).toBe('none');
    fake.respond(() => ({ json: { topic: 'made.up' } }));
    expect(await classifier().classifyTopic('hmm', ids)).toBe('none');
    fake.respond(() => ({ status: 500 }));
    expect(await classifier().classifyTopic('hmm', ids)).toBe('none');
    fake.respond(() => ({ content: '{' }));
    expect(await classifier().classifyTopic('hmm', ids)).toBe('none');
    fake.respond(() => ({ delayMs: 30_000, json: { topic: 'trouble.burning' } }));
    const started = Date.now();
    expect(await classifier(300).classifyTopic('hmm', ids)).toBe('none');
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('only offers the ids it was given', async () => {
    fake.respond(() => ({ json: { topic: 'faq.lube' } }));
    expect(await classifier().classifyTopic('which lube', ['trouble.burning'])).toBe('none');
  });

  it('removes links, e-mail addresses and phone numbers before sending', async () => {
    expect(redactQuestion('mail me at sam@example.org or call +44 20 7946 0958, see https://x.example/a'))
      .toBe('mail me at [email] or call [number], see [link]');
    fake.respond(() => ({ json: { topic: 'none' } }));
    await classifier().classifyTopic('I am sam@example.org, does it burn?', ids);
    expect(fake.requests[0]!.text).not.toContain('sam@example.org');
  });
});

// The helper works on the coach's real understanding result (a compile-time check).
export const realUnderstandingFits = (u: Understanding): UnderstandingLike => u;

describe('settleTopic', () => {
  const base: UnderstandingLike = { text: 'it stings a bit, or maybe I am just scared', crisis: false, redFlags: [], maybeRedFlags: [], topicCandidates: ['trouble.burning', 'trouble.fear'] };

  it('asks only when the matcher is unsure, and only among its candidates', async () => {
    fake.respond(() => ({ json: { topic: 'trouble.fear' } }));
    const settled = await settleTopic(base, classifier());
    expect(settled.topic).toBe('trouble.fear');
    expect(JSON.stringify(fake.requests[0]!.body.response_format)).not.toContain('faq.lube');
    fake.requests.length = 0;
    expect(await settleTopic({ ...base, topic: 'trouble.burning' }, classifier())).toMatchObject({ topic: 'trouble.burning' });
    expect(await settleTopic({ ...base, topicCandidates: [] }, classifier())).not.toHaveProperty('topic');
    expect(fake.requests).toHaveLength(0);
  });

  it('never asks about a message with a crisis or a red flag, clear or unclear', async () => {
    fake.respond(() => ({ json: { topic: 'trouble.fear' } }));
    for (const u of [{ ...base, crisis: true }, { ...base, redFlags: ['red_flag.bleeding'] }, { ...base, maybeRedFlags: ['red_flag.fever'] }, { ...base, rating: 3 }, { ...base, command: 'help' }]) {
      expect((await settleTopic(u, classifier())).topic).toBeUndefined();
    }
    expect(fake.requests).toHaveLength(0);
  });

  it('leaves the understanding as it was when the model says none', async () => {
    fake.respond(() => ({ json: { topic: 'none' } }));
    expect(await settleTopic(base, classifier())).toBe(base);
  });
});
