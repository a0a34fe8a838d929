// Fails closed: a bug or exception inside the safety check is reported (never the text) and treated as
// a possible crisis (one kind question), never as "nothing found".
import { describe, expect, it } from 'vitest';
import { createCoach } from '../../../../src/coach/handle-turn.js';
import { understand } from '../../../../src/coach/understand/understand.js';
import { loadContent } from '../../../../src/content/load-content.js';
import type { Content } from '../../../../src/content/schema.js';
import { openSqliteStore } from '../../../../src/store/open-sqlite.js';

/** Content whose matching index cannot be built (its synonym list throws when read): understanding fails. */
function brokenContent(): Content {
  const content = loadContent();
  const synonyms = [...content.synonyms];
  const boom = () => { throw new Error('index exploded'); };
  Object.defineProperty(synonyms, Symbol.iterator, { value: boom });
  Object.defineProperty(synonyms, 'forEach', { value: boom });
  Object.defineProperty(synonyms, 'map', { value: boom });
  return { ...content, synonyms };
}

describe('the safety check fails closed', () => {
  it('treats an error inside it as a possible crisis', () => {
    const u = understand('how was your day', brokenContent());
    expect(u.safetyFailed).toBe(true);
    expect(u.maybeCrisis).toBe('self');
  });

  it('asks the kind question and reports the failure without the message text', async () => {
    const content = brokenContent();
    const store = await openSqliteStore(':memory:');
    const errors: unknown[] = [];
    const coach = createCoach({ content, store, onError: (e) => errors.push(e) });
    await coach.handleTurn('u', { text: 'hi' });
    const replies = await coach.handleTurn('u', { text: 'my secret words' });
    expect(replies.flatMap((r) => r.contentIds)).toContain('safety.crisis_ask_self');
    expect(errors.length).toBeGreaterThan(0);
    expect(JSON.stringify(errors.map((e) => String(e)))).not.toContain('my secret words');
    await store.close();
  });
});

describe('an exception inside the concept rules themselves', () => {
  it('is a possible crisis, never "nothing found"', async () => {
    const { assessSafety } = await import('../../../../src/coach/understand/safety/assess-safety.js');
    const { analyze } = await import('../../../../src/coach/understand/analyze.js');
    const { indexContent } = await import('../../../../src/coach/understand/content-index.js');
    const index = indexContent(loadContent());
    const a = analyze('there is some blood', index.synonyms, index.vocabulary);
    const result = assessSafety(a, { exact: null, prefix: null, fuzzy: null } as never);
    expect(result.failed).toBe(true);
    expect(result.crisis?.grade).toBe('possible');
  });
});
