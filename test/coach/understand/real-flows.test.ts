// The understanding module against the real program content in flows/ (written by another engineer,
// not tuned against): each topic finds itself from its own phrases, each red flag from its own terms,
// denied terms raise nothing, questions about terms are asked about, crisis terms always count,
// and the realistic message table (with ids mapped to flows/) mostly agrees.
import { describe, expect, it } from 'vitest';
import { understand } from '../../../src/coach/understand/understand.js';
import { loadContent } from '../../../src/content/load-content.js';
import type { Content } from '../../../src/content/schema.js';
import { cases } from './cases.js';
import { check } from './check-case.js';

let content: Content | undefined;
let loadError = '';
try { content = loadContent(); } catch (e) { loadError = (e as Error).message; }
const real = (): Content => {
  if (!content) throw new Error(`flows/ does not load: ${loadError}`);
  return content;
};

const NEGATION_IN_TERM = /\b(not|no|never|won't|don't|doesn't|hasn't|can't|isn't)\b|n't/i;

describe('understand against flows/', () => {
  it('loads flows/', () => {
    expect(loadError).toBe('');
  });

  it('finds each troubleshooting/FAQ topic from its own title and phrases (topic or candidate)', () => {
    const c = real();
    const misses: string[] = [];
    let total = 0;
    for (const t of [...c.troubleshooting, ...c.faq]) {
      for (const p of [t.title, ...t.phrases]) {
        total++;
        const u = understand(p, c);
        // a phrase that is also a command ("is this medical advice") is answered by the command
        if (u.topic !== t.id && !u.topicCandidates.includes(t.id) && !u.command) misses.push(`${t.id}: ${p}`);
      }
    }
    expect(misses.length / total, misses.join('\n')).toBeLessThan(0.03);
  });

  it('catches each red flag from each of its terms (a pause or a kind question), and not when the term is denied', () => {
    const c = real();
    const problems: string[] = [];
    for (const f of c.red_flags) {
      for (const term of f.terms) {
        const said = understand(`I have ${term}`, c);
        if (![...said.redFlags, ...said.maybeRedFlags].includes(f.id)) problems.push(`missed: ${f.id} "${term}"`);
        if (NEGATION_IN_TERM.test(term)) continue;
        const denied = understand(`no ${term}`, c);
        if (denied.redFlags.includes(f.id) || denied.maybeRedFlags.includes(f.id)) problems.push(`not denied: ${f.id} "no ${term}"`);
        const asked = understand(`is ${term} normal?`, c);
        if (asked.redFlags.includes(f.id) || ![...asked.maybeRedFlags, ...asked.askedRedFlags].includes(f.id)) problems.push(`question neither asked about nor answered: ${f.id} "${term}"`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('raises a crisis for every word that only means suicide or self-harm, also inside a sentence', () => {
    const c = real();
    const words = c.safety_lexicon.concepts.suicide_word!.filter((t) => !t.includes('*'));
    const missed = words.filter((t) => !understand(`honestly ${t} right now`, c).crisis);
    expect(missed).toEqual([]);
  });

  it('mostly agrees with the realistic message table (ids mapped to flows/)', () => {
    const c = real();
    const map: Record<string, string> = {
      'ts.burning': 'trouble.burning', 'ts.clench': 'trouble.clench', 'ts.thrusting': 'trouble.thrusting', 'ts.fear': 'trouble.fear',
      'ts.soreness': 'trouble.soreness', 'faq.timeline': 'faq.how_long', 'rf.bleeding': 'red.bleeding', 'rf.fever': 'red.fever',
      'rf.odour': 'red.odour', 'rf.infection': 'red.infection', 'rf.prolapse': 'red.bulge', 'rf.sharp_pain': 'red.sharp_pain',
      'rf.pain_not_settling': 'red.lasting_pain',
    };
    const ids = new Set([...c.troubleshooting, ...c.faq, ...c.red_flags].map((x) => x.id));
    const m = (x: unknown): unknown => (typeof x === 'string' ? map[x] ?? x : Array.isArray(x) ? x.map(m) : x);
    const failures: string[] = [];
    let checked = 0;
    for (const k of cases) {
      const e = { ...k.expect } as Record<string, unknown>;
      for (const f of ['topic', 'topicIn', 'redFlags', 'maybeRedFlags']) if (e[f] !== undefined) e[f] = m(e[f]);
      if (/pressure/.test(k.msg)) e.redFlags = ['red.pressure'];
      const named = [e.topic, e.topicIn, ...((e.redFlags as string[] | undefined) ?? [])].filter((x): x is string => typeof x === 'string');
      if (named.some((id) => !ids.has(id))) continue;           // the fixture has a topic flows/ does not
      checked++;
      const problems = check({ ...k, expect: e }, understand(k.msg, c, k.options ? { choiceNames: k.options } : undefined));
      if (problems.length > 0) failures.push(`${k.msg}: ${problems.join('; ')}`);
    }
    expect(checked).toBeGreaterThan(150);
    expect(failures.length / checked, failures.join('\n')).toBeLessThan(0.05);
  });

  // Lines another engineer's transcripts found misread (test/transcripts/known-gaps.md), at the understanding level.
  it.each([
    ['honestly not much felt safe today, i was tense the whole time', { crisis: false }],
    ['it burns a bit at the entrance, what do i do', { topic: 'trouble.burning', command: undefined }],
    ['2 but there was a little bit of blood on the tissue after, and its not my period', { rating: 2, redFlags: ['red.bleeding'] }],
    ["Hi. my midwife examined me yesterday, its a mild prolapse and she referred me to a pelvic health physio but said the gentle exercises are fine. I've been cleared",
      { command: 'evaluated', redFlags: [], maybeRedFlags: [] }],
    ['hmm doing this one i notice this heavy dragging feeling down there. tbh its been there most of the week', { redFlags: ['red.pressure'] }],
    ['ok yes, you can store it', { yesNo: 'yes' }],
    ['0 :)', { rating: 0 }],
    ['dnoe', { command: 'done' }],
    ['finsihed', { command: 'done' }],
    ['zero, feel fine', { rating: 0 }],
    ['done w that one', { command: 'done' }],
    ["hang on can we pause a sec, my phone's ringing", { command: 'pause' }],
    ['ready to keep going', { command: 'continue' }],
    ['cant do this rn, stopping', { command: 'stop' }],
    ['can i see all the data you have on me?', { command: 'export' }],
    ['nvm dont', { yesNo: 'no' }],
    ['what can i say to you?', { command: 'help' }],
    ['delete everything you know about me', { command: 'delete' }],
  ] as const)('%j', (msg, want) => {
    const u = understand(msg, real()) as unknown as Record<string, unknown>;
    for (const [k, v] of Object.entries(want)) expect(u[k], k).toEqual(v);
  });
});
