// Runs a conversation kept as data (test/transcripts/*.yaml) against the real coach and an SQLite store,
// checking what a user would notice: which scripted items they got, words they saw, buttons offered.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { createCoach } from '../../src/coach/handle-turn.js';
import type { BotReply } from '../../src/coach/bot-reply.js';
import type { Content } from '../../src/content/schema.js';
import { openSqliteStore } from '../../src/store/open-sqlite.js';
import type { Store } from '../../src/coach/store-port.js';

const stepSchema = z.union([
  z.object({ now: z.string() }).strict(),
  z.object({ use: z.string() }).strict(),
  z.object({
    user: z.string(),
    note: z.string().optional(),
    expect: z.array(z.string()).default([]),
    absent: z.array(z.string()).default([]),
    contains: z.array(z.string()).default([]),
    buttons: z.array(z.string()).optional(),
  }).strict(),
]);
export const transcriptSchema = z.object({
  title: z.string(),
  zone: z.string().default('UTC'),
  start: z.string().default('2026-11-23T18:00:00Z'),
  steps: z.array(stepSchema).min(1),
  final: z.object({
    step: z.number().optional(), dilatorSize: z.number().nullable().optional(),
    practiceSessions: z.number().optional(), journalEntries: z.number().optional(),
    state: z.string().optional(),
  }).strict().optional(),
}).strict();
export type Transcript = z.infer<typeof transcriptSchema>;
type Step = z.infer<typeof stepSchema>;

export interface TurnRecord { user: string; replies: BotReply[]; problems: string[] }

export function readTranscript(dir: string, file: string): Transcript {
  return transcriptSchema.parse(parse(readFileSync(join(dir, file), 'utf8')));
}

function expand(dir: string, steps: Step[]): Step[] {
  return steps.flatMap((s) => ('use' in s ? expand(dir, readTranscript(join(dir, 'parts'), s.use).steps) : [s]));
}

export async function runTranscript(dir: string, transcript: Transcript, content: Content, store?: Store) {
  const db = store ?? await openSqliteStore(':memory:');
  let now = new Date(transcript.start);
  let tick = 0;
  const coach = createCoach({ content, store: db, now: () => new Date(now.getTime() + 1000 * tick++), defaultTimeZone: transcript.zone });
  const turns: TurnRecord[] = [];
  for (const step of expand(dir, transcript.steps)) {
    if ('now' in step) { now = new Date(step.now); tick = 0; continue; }
    if (!('user' in step)) continue;
    const replies = await coach.handleTurn('transcript-user', { text: step.user });
    const ids = new Set(replies.flatMap((r) => r.contentIds));
    const text = replies.map((r) => r.text).join('\n');
    const problems = [
      ...step.expect.filter((id) => !ids.has(id)).map((id) => `expected ${id}`),
      ...step.absent.filter((id) => ids.has(id)).map((id) => `did not expect ${id}`),
      ...step.contains.filter((c) => !text.toLowerCase().includes(c.toLowerCase())).map((c) => `expected the text to contain "${c}"`),
    ];
    if (step.buttons) {
      const labels = replies.at(-1)?.buttons?.map((b) => b.label) ?? [];
      const missing = step.buttons.filter((b) => !labels.includes(b));
      if (missing.length) problems.push(`expected buttons ${missing.join(', ')} (got ${labels.join(', ') || 'none'})`);
    }
    if (replies.length === 0) problems.push('no reply');
    turns.push({ user: step.user, replies, problems });
  }
  const exported = await db.exportUser('transcript-user');
  if (!store) await db.close();
  return { turns, exported };
}
