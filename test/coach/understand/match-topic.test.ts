import { describe, expect, it } from 'vitest';
import { matchTopic } from '../../../src/coach/understand/match-topic.js';
import { indexContent } from '../../../src/coach/understand/content-index.js';
import { understand } from '../../../src/coach/understand/understand.js';
import { fixtureContent } from './fixture-content.js';
import { an } from './helpers.js';

const topic = (text: string) => matchTopic(an(text), indexContent(fixtureContent).topics);

describe('matchTopic', () => {
  it('finds a topic from its own phrases and title', () => {
    for (const t of [...fixtureContent.troubleshooting, ...fixtureContent.faq]) {
      for (const p of [t.title, ...t.phrases]) {
        const r = topic(p);
        expect(r.topic === t.id || r.candidates.includes(t.id), `${t.id}: ${p} -> ${JSON.stringify(r)}`).toBe(true);
      }
    }
  });
  it('matches through stems, synonyms and small typos', () => {
    expect(topic('the opening stings and feels raw').topic).toBe('ts.burning');
    expect(topic('my muscles tighten up by themselves').topic).toBe('ts.clench');
    expect(topic('burnning at the entrence').topic).toBe('ts.burning');
  });
  it('finds the topic in a long rambling message', () => {
    const long = 'so I have been really good about doing the breathing every single day, I even did it on the train this morning ' +
      'which was a bit weird lol, and my partner has been super supportive, but honestly every time I try the dilator my whole body ' +
      'just clamps shut and my muscles clench before it even touches me, like a reflex, and I do not know how to stop that';
    expect(topic(long).topic).toBe('ts.clench');
  });
  it('returns candidates, best first, when two topics are close', () => {
    const r = topic('anxious and sore');
    expect(r.topic).toBeUndefined();
    expect(r.candidates.slice(0, 2).sort()).toEqual(['ts.fear', 'ts.soreness']);
  });
  it('finds nothing in small talk', () => {
    for (const t of ['hi', 'thanks!', 'good morning', 'lol', 'what is the weather like', 'asdf qwer']) {
      expect(topic(t), t).toEqual({ candidates: [] });
    }
  });
  it('counts a denied word for little ("no burning today")', () => {
    expect(topic('no burning today, all good').topic).toBeUndefined();
  });
  it('gives no topic to a rating, yes/no or command-only message', () => {
    for (const t of ['3', 'yes', 'no pain', 'stop', 'skip this one', 'about a 2 out of 10', 'nope']) {
      const u = understand(t, fixtureContent);
      expect([u.topic, u.topicCandidates], t).toEqual([undefined, []]);
    }
  });
});
