// LLM settings: off by default with nothing built; live needs a model and an endpoint; clear messages.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { loadContent } from '../../src/content/load-content.js';
import { loadLlmSettings } from '../../src/llm/settings.js';
import { setUpLlm } from '../../src/llm/setup.js';
import { openSqliteStore } from '../../src/store/open-sqlite.js';

describe('LLM settings', () => {
  it('are off by default, with a 2 s timeout, and nothing is built', async () => {
    const config = loadConfig(['chat'], {});
    expect(config.llm).toMatchObject({ mode: 'off', timeoutMs: 2000, tone: 'warm', locale: 'en', classify: false });
    const wiring = await setUpLlm(config.llm, loadContent(), { rephraseCache: { get: async () => null, put: async () => {}, pruneOtherVersions: async () => 0 } });
    expect(wiring.rephraser).toBeUndefined();
    expect(wiring.classifier).toBeUndefined();
    await wiring.close();
  });

  it('live mode needs a model and an endpoint or key, with messages that say which variable to set', () => {
    expect(() => loadConfig(['chat'], { GENTLEPATH_LLM_MODE: 'live' })).toThrow(/llm\.model: set GENTLEPATH_LLM_MODEL/);
    expect(() => loadConfig(['chat'], { GENTLEPATH_LLM_MODE: 'live', GENTLEPATH_LLM_MODEL: 'm' })).toThrow(/OPENAI_API_KEY/);
    expect(() => loadConfig(['chat'], { GENTLEPATH_LLM_MODE: 'sometimes' })).toThrow(/llm\.mode/);
    expect(() => loadConfig(['chat'], { GENTLEPATH_LLM_MODE: 'live', GENTLEPATH_LLM_MODEL: 'm', OPENAI_BASE_URL: 'not a url' })).toThrow(/llm\.baseURL/);
    const config = loadConfig(['chat'], {
      GENTLEPATH_LLM_MODE: 'live', GENTLEPATH_LLM_MODEL: 'llama3.1', OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1', GENTLEPATH_LLM_TIMEOUT_MS: '1500',
    });
    expect(config.llm).toMatchObject({ mode: 'live', model: 'llama3.1', baseURL: 'http://127.0.0.1:11434/v1', timeoutMs: 1500 });
  });

  it('live mode builds a rephraser with the cache in the store database; reviewed mode needs the review file', async () => {
    const live = loadLlmSettings({ GENTLEPATH_LLM_MODE: 'live', GENTLEPATH_LLM_MODEL: 'm', OPENAI_API_KEY: 'k' });
    const store = await openSqliteStore(':memory:');
    const wiring = await setUpLlm(live, loadContent(), store);
    expect(wiring.rephraser?.mode).toBe('live');
    expect(wiring.summary).toContain('LLM live');
    await wiring.close();
    await store.close();
    const reviewed = loadLlmSettings({ GENTLEPATH_LLM_MODE: 'reviewed', GENTLEPATH_LLM_VARIANTS_FILE: '/nonexistent/variants.yaml' });
    await expect(setUpLlm(reviewed, loadContent(), { rephraseCache: { get: async () => null, put: async () => {}, pruneOtherVersions: async () => 0 } })).rejects.toThrow(/npm run variants/);
  });
});
