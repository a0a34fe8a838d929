import { describe, expect, it } from 'vitest';
import { understand } from '../../../src/coach/understand/understand.js';
import { indexContent } from '../../../src/coach/understand/content-index.js';
import type { Content } from '../../../src/content/schema.js';
import { fixtureContent, hipOptions } from './fixture-content.js';

describe('understand', () => {
  it('returns the documented shape for an empty message', () => {
    expect(understand('', fixtureContent)).toEqual({ text: '', crisis: false, redFlags: [], maybeRedFlags: [], askedRedFlags: [], topicCandidates: [], choices: [], labelled: {}, repair: {} });
    expect(understand('   \u200B ', fixtureContent).text).toBe('');
  });
  it('combines every reading of one message', () => {
    const u = understand('yes, 3/10 at 8pm berlin time, but some bleeding', fixtureContent);
    expect(u).toMatchObject({ yesNo: 'yes', rating: 3, time: { hour: 20, minute: 0 }, timeZone: 'Europe/Berlin', redFlags: ['rf.bleeding'] });
    expect(understand('1 and 3', fixtureContent, { choiceNames: hipOptions }).choices).toEqual([1, 3]);
  });
  it('keeps the cleaned text', () => {
    expect(understand('  I\u200B’m   fine\n', fixtureContent).text).toBe('I’m fine');
  });
  it('indexes a Content object once (WeakMap cache)', () => {
    expect(indexContent(fixtureContent)).toBe(indexContent(fixtureContent));
    const copy: Content = { ...fixtureContent };
    expect(indexContent(copy)).not.toBe(indexContent(fixtureContent));
  });
  it('survives a Content with empty sections', () => {
    const bare: Content = { ...fixtureContent, troubleshooting: [], faq: [], red_flags: [], synonyms: [] };
    const u = understand('no bleeding, it burns, I want to kill myself', bare);
    expect(u.redFlags).toEqual([]);
    expect(u.topic).toBeUndefined();
    expect(u.crisis).toBe(true);   // the safety lexicon applies whatever else the content has
  });
});
