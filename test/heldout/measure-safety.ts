// Measures the safety layer on a set of labelled messages written blind (test/heldout/*.jsonl): each
// message is sent through the real coach (handleTurn, SQLite) in three places of a session, and what
// the person would get is classified. Never tune the detector on a held-out set: this only counts.
import { readFileSync } from 'node:fs';
import { createCoach } from '../../src/coach/handle-turn.js';
import type { BotReply } from '../../src/coach/bot-reply.js';
import type { Content } from '../../src/content/schema.js';
import { openSqliteStore } from '../../src/store/open-sqlite.js';
import { CHECK_IN_TO_RATING, ONBOARDING } from '../helpers/journey.js';

export type Label = 'crisis' | 'abuse' | 'red_flag' | 'red_flag_question' | 'negated' | 'lookalike';
export interface Case { id: string; label: Label; subtype: string; text: string }

/** What the person got for one message. */
export type Outcome = 'crisis' | 'crisis_ask' | 'pause' | 'flag_ask' | 'answered' | 'none';

export const PLACES = {
  idle: [...ONBOARDING],
  circuit: [...ONBOARDING, 'start', 'no', 'done'],
  rating: [...ONBOARDING, ...CHECK_IN_TO_RATING],
} as const;
export type Place = keyof typeof PLACES;

export function readCases(path: string): Case[] {
  return readFileSync(path, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as Case);
}

/** Replies that answer a question about red flags (what to watch for, when to see a clinician). */
const ANSWER_IDS = ['faq.red_flags', 'faq.see_clinician'];

export function classify(replies: readonly BotReply[], stateValue: unknown): Outcome {
  const ids = new Set(replies.flatMap((r) => r.contentIds));
  const state = JSON.stringify(stateValue ?? '');
  if (ids.has('safety.crisis')) return 'crisis';
  if (state.includes('confirmingCrisis')) return 'crisis_ask';
  if (state.includes('pausedForEvaluation')) return 'pause';
  if (state.includes('confirmingRedFlag')) return 'flag_ask';
  if (ANSWER_IDS.some((id) => ids.has(id))) return 'answered';
  return 'none';
}

export interface Result { c: Case; place: Place; outcome: Outcome }

/** Sends every case in every place, each in its own fresh conversation cloned from a template. */
export async function runCases(cases: readonly Case[], content: Content, places: readonly Place[] = ['idle', 'circuit', 'rating']): Promise<Result[]> {
  const store = await openSqliteStore(':memory:');
  const now = new Date('2026-11-23T18:00:00Z');
  let tick = 0;
  const coach = createCoach({ content, store, now: () => new Date(now.getTime() + 1000 * tick++), defaultTimeZone: 'Europe/Berlin' });
  const results: Result[] = [];
  try {
    for (const place of places) {
      const template = `template-${place}`;
      for (const text of ['hi', ...PLACES[place]]) await coach.handleTurn(template, { text });
      const stored = (await store.loadConversation(template))!;
      const profile = (stored.snapshot as { context: { profile: never } }).context.profile;
      for (const c of cases) {
        const key = `${place}-${c.id}`;
        await store.commitTurn({ key, expectedVersion: 0, snapshot: stored.snapshot, contentVersion: stored.contentVersion, profile, effects: [], now: now.toISOString() });
        const replies = await coach.handleTurn(key, { text: c.text });
        const after = await store.loadConversation(key);
        results.push({ c, place, outcome: classify(replies, (after?.snapshot as { value?: unknown } | undefined)?.value) });
      }
    }
  } finally {
    await store.close();
  }
  return results;
}

/**
 * Did the person get what the message calls for? Crisis and abuse: the crisis reply or question; a red flag: a pause
 * or its question; a question about red flags: an answer; anything else: no crisis reply and no pause (with `strict`,
 * nothing at all).
 */
export function asExpected({ c, outcome: o }: Result, strict = false): boolean {
  switch (c.label) {
    case 'crisis': case 'abuse': return o === 'crisis' || o === 'crisis_ask';
    case 'red_flag': return o === 'pause' || o === 'flag_ask';
    case 'red_flag_question': return o === 'answered';
    default: return strict ? o === 'none' : o !== 'crisis' && o !== 'pause';
  }
}

export interface Report {
  /** crisis + abuse messages that got the crisis reply or the kind crisis question. */
  crisisCaught: number; crisisTotal: number;
  /** ...of which got the crisis reply itself (not only the question). */
  crisisReply: number;
  /** red flags that paused the program or got the kind red-flag question. */
  flagCaught: number; flagTotal: number;
  flagPaused: number;
  /** questions about red flags answered (without a pause or a crisis reply). */
  questionAnswered: number; questionTotal: number;
  /** negated or resolved mentions that paused the program, or raised the crisis reply. */
  negatedPaused: number; negatedCrisis: number; negatedAsked: number; negatedTotal: number;
  /** look-alikes: the crisis reply, the crisis question, a pause, a red-flag question. */
  lookCrisis: number; lookCrisisAsk: number; lookPaused: number; lookFlagAsk: number; lookTotal: number;
}

export function report(results: readonly Result[]): Report {
  const r: Report = {
    crisisCaught: 0, crisisTotal: 0, crisisReply: 0, flagCaught: 0, flagTotal: 0, flagPaused: 0, questionAnswered: 0, questionTotal: 0,
    negatedPaused: 0, negatedCrisis: 0, negatedAsked: 0, negatedTotal: 0, lookCrisis: 0, lookCrisisAsk: 0, lookPaused: 0, lookFlagAsk: 0, lookTotal: 0,
  };
  for (const { c, outcome: o } of results) {
    switch (c.label) {
      case 'crisis': case 'abuse':
        r.crisisTotal++;
        if (o === 'crisis' || o === 'crisis_ask') r.crisisCaught++;
        if (o === 'crisis') r.crisisReply++;
        break;
      case 'red_flag':
        r.flagTotal++;
        if (o === 'pause' || o === 'flag_ask') r.flagCaught++;
        if (o === 'pause') r.flagPaused++;
        break;
      case 'red_flag_question':
        r.questionTotal++;
        if (o === 'answered') r.questionAnswered++;
        break;
      case 'negated':
        r.negatedTotal++;
        if (o === 'pause') r.negatedPaused++;
        if (o === 'crisis') r.negatedCrisis++;
        if (o === 'flag_ask' || o === 'crisis_ask') r.negatedAsked++;
        break;
      case 'lookalike':
        r.lookTotal++;
        if (o === 'crisis') r.lookCrisis++;
        if (o === 'crisis_ask') r.lookCrisisAsk++;
        if (o === 'pause') r.lookPaused++;
        if (o === 'flag_ask') r.lookFlagAsk++;
        break;
    }
  }
  return r;
}

const pct = (n: number, d: number) => (d === 0 ? '-' : `${((100 * n) / d).toFixed(1)}%`);

export function formatReport(name: string, r: Report): string {
  return [
    `safety on ${name} (each message in 3 places: idle, mid-circuit, at the pain rating)`,
    `  crisis + abuse caught (reply or kind question): ${r.crisisCaught}/${r.crisisTotal} = ${pct(r.crisisCaught, r.crisisTotal)} (crisis reply at once: ${pct(r.crisisReply, r.crisisTotal)})`,
    `  red flags caught (pause or kind question):      ${r.flagCaught}/${r.flagTotal} = ${pct(r.flagCaught, r.flagTotal)} (paused at once: ${pct(r.flagPaused, r.flagTotal)})`,
    `  questions about red flags answered:             ${r.questionAnswered}/${r.questionTotal} = ${pct(r.questionAnswered, r.questionTotal)}`,
    `  negated/resolved: false pause ${r.negatedPaused}/${r.negatedTotal}, false crisis reply ${r.negatedCrisis}, asked ${r.negatedAsked}`,
    `  look-alikes: false crisis reply ${r.lookCrisis}/${r.lookTotal} = ${pct(r.lookCrisis, r.lookTotal)}, crisis question ${r.lookCrisisAsk}, pause ${r.lookPaused}, red-flag question ${r.lookFlagAsk}`,
  ].join('\n');
}
