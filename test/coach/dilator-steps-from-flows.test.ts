// Which steps use a dilator, and where an advance is one dilator size, is the step content in flows/ and nothing
// else: the same comfortable days, played through the real coach against the real flows/ and against a copy in
// which step 3 (shallow entry) is marked as a dilator step going through the sizes, lead to different words.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { createCoach } from '../../src/coach/handle-turn.js';
import { defaultFlowsDir, loadContent } from '../../src/content/load-content.js';
import type { Content } from '../../src/content/schema.js';
import { openSqliteStore } from '../../src/store/open-sqlite.js';

const dirs: string[] = [];
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

/** A copy of flows/ with the steps edited. */
function flowsWith(edit: (steps: Array<Record<string, unknown>>) => void): Content {
  const dir = mkdtempSync(join(tmpdir(), 'gp-dilator-steps-'));
  dirs.push(dir);
  cpSync(defaultFlowsDir, dir, { recursive: true });
  const doc = parse(readFileSync(join(dir, 'exposure.yaml'), 'utf8')) as { steps: Array<Record<string, unknown>> };
  edit(doc.steps);
  writeFileSync(join(dir, 'exposure.yaml'), stringify(doc));
  return loadContent(dir);
}

const ONBOARDING = ['hi', 'yes', 'no', 'no', 'no', 'no', '8pm', 'UTC'];

/** A user placed at `start` from the first day, then `days` evenings of practice, each rated 1 (and 0 the day after). */
async function comfortableDays(content: Content, days: number, start: { step: number; dilatorSize: number | null }) {
  const store = await openSqliteStore(':memory:');
  let now = new Date('2026-03-01T20:00:00Z');
  let tick = 0;
  const coach = createCoach({ content, store, now: () => new Date(now.getTime() + 1000 * tick++) });
  for (const text of ONBOARDING) await coach.handleTurn('u', { text });
  const stored = (await store.loadConversation('u'))!;
  const snapshot = stored.snapshot as { context: { progress: Record<string, unknown>; profile: never } };
  snapshot.context.progress = { ...snapshot.context.progress, ...start, levelSince: '2026-03-02' };
  await store.commitTurn({ key: 'u', expectedVersion: stored.version, snapshot, contentVersion: stored.contentVersion, profile: snapshot.context.profile, effects: [], now: now.toISOString() });

  /** What the coach said each evening, from "start" to the end of the day's summary. */
  const evenings: string[] = [];
  for (let d = 2; d < 2 + days; d++) {
    now = new Date(`2026-03-${String(d).padStart(2, '0')}T20:00:00Z`);
    tick = 0;
    const said: string[] = [];
    let replies = await coach.handleTurn('u', { text: 'start' });
    for (let turn = 0; turn < 30; turn++) {
      said.push(...replies.map((r) => r.text));
      const ids = new Set(replies.flatMap((r) => r.contentIds));
      if (ids.has('summary.today')) break;
      const answer = ids.has('checkin.ask_next_day') ? '0'
        : ids.has('safety.check_ask') ? 'no'
          : ids.has('circuit.choose') ? '1 and 2'
            : ids.has('rating.ask_during') || ids.has('rating.ask_after') ? '1'
              : ids.has('journal.ask') ? 'skip'
                : 'done';
      replies = await coach.handleTurn('u', { text: answer });
    }
    evenings.push(said.join('\n'));
  }
  const progress = (await coach.handleTurn('u', { text: 'progress' })).map((r) => r.text).join('\n');
  await store.close();
  return { evenings, progress };
}

const STEP2 = { step: 2, dilatorSize: null };

describe('the dilator steps come from flows/', () => {
  const real = loadContent();
  const stepThreeWithSizes = flowsWith((steps) => { steps[2]!.uses_dilator = true; steps[2]!.advance_by_size = true; });
  const stepFiveWithout = flowsWith((steps) => { steps[4]!.uses_dilator = false; });

  // Evenings 1-3 at the starting step; on evening 4 the next-day rating completes three comfortable days (an advance),
  // evenings 4-6 at the new place, and on evening 7 the next advance.
  it('with the real steps, step 3 has no dilator and its advance leads to the dilator step at size 1', async () => {
    const { evenings, progress } = await comfortableDays(real, 7, STEP2);
    expect(evenings[3]).toContain("You're ready for Step 3: Shallow entry (1-2 cm).");
    expect(evenings[4]).toContain('the day after practising Step 3: Shallow entry (1-2 cm)?');
    expect(evenings[4]).not.toContain("Today's dilator");
    expect(evenings[6]).toContain("You're ready for Step 4: Dilator, dilator size 1.");
    expect(evenings[6]).toContain("Today's dilator: size 1.");
    expect(progress).toContain('Step 4: Dilator, dilator size 1');
  }, 60_000);

  it('with step 3 marked in flows/ as a dilator step going through the sizes, the coach names its size, asks about it and advances it one size', async () => {
    const { evenings, progress } = await comfortableDays(stepThreeWithSizes, 7, STEP2);
    expect(evenings[3]).toContain("You're ready for Step 3: Shallow entry (1-2 cm), dilator size 1.");
    expect(evenings[3]).toContain("Today's dilator: size 1.");
    expect(evenings[4]).toContain('the day after practising Step 3: Shallow entry (1-2 cm), dilator size 1?');
    expect(evenings[4]).toContain("Today's dilator: size 1.");
    expect(evenings[6]).toContain("You're ready for Step 3: Shallow entry (1-2 cm), dilator size 2.");
    expect(evenings[6]).toContain("Today's dilator: size 2.");
    expect(evenings[6]).not.toContain('Step 4');
    expect(progress).toContain('Step 3: Shallow entry (1-2 cm), dilator size 2');
  }, 60_000);

  it('with the real steps, the largest size at step 4 leads to step 5 at that size, and step 5 to the partner step with no size', async () => {
    const { evenings } = await comfortableDays(real, 7, { step: 4, dilatorSize: 6 });
    expect(evenings[3]).toContain("You're ready for Step 5: Tiny movements and angles, dilator size 6.");
    expect(evenings[3]).toContain("Today's dilator: size 6.");
    expect(evenings[6]).toContain("You're ready for Step 6: With a partner.");
    expect(evenings[6]).not.toContain("Today's dilator");
  }, 60_000);

  it('with step 5 marked in flows/ as not using a dilator, the coach names no size there', async () => {
    const { evenings, progress } = await comfortableDays(stepFiveWithout, 5, { step: 4, dilatorSize: 6 });
    expect(evenings[3]).toContain("You're ready for Step 5: Tiny movements and angles.");
    expect(evenings[3]).not.toContain("Today's dilator");
    expect(evenings[4]).toContain('the day after practising Step 5: Tiny movements and angles?');
    expect(progress).not.toMatch(/Step 5[^\n]*dilator size/);
  }, 60_000);
});
