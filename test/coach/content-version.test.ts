// A flows/ change never strands a user: mid-session they are brought back to the start of their day
// with their place in the program kept, and a removed step moves them to the nearest one that exists.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCoach } from '../../src/coach/handle-turn.js';
import { defaultFlowsDir, loadContent } from '../../src/content/load-content.js';
import { backends } from '../helpers/backends.js';

function changedFlows(edit: (exposure: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), 'gp-flows-'));
  cpSync(defaultFlowsDir, dir, { recursive: true });
  const program = join(dir, 'program.yaml');
  writeFileSync(program, readFileSync(program, 'utf8').replace(/^version: .*$/m, 'version: "2099-01-01.1"'));
  const exposure = join(dir, 'exposure.yaml');
  writeFileSync(exposure, edit(readFileSync(exposure, 'utf8')));
  return dir;
}

const onboarding = ['hi', 'yes', 'no', 'no', 'no', 'no', '8pm', 'UTC'];

describe.each(backends)('content version change on $name', ({ available, open }) => {
  it.skipIf(!available)('brings a user who was mid-circuit back to a safe point, keeping their progress', async () => {
    const { store, cleanup } = await open();
    const old = createCoach({ content: loadContent(), store });
    // The safety checklist was answered at onboarding, so today's check-in starts with the circuit.
    for (const text of [...onboarding, 'start', 'done']) await old.handleTurn('u', { text });
    const renamed = loadContent(changedFlows((y) => y.replace(/(name: ")[^"]*(")/, '$1Gentle outside touch$2')));
    const updated = createCoach({ content: renamed, store });
    const replies = await updated.handleTurn('u', { text: 'done' });
    expect(replies.length).toBeGreaterThan(0);
    const start = await updated.handleTurn('u', { text: 'start' });
    expect(start.flatMap((r) => r.contentIds)).toEqual(expect.arrayContaining(['circuit.intro', 'circuit.breath_90_90']));
    const progress = await updated.handleTurn('u', { text: 'progress' });
    expect(progress.map((r) => r.text).join('\n')).toContain('Step 1: Gentle outside touch');
    expect((await store.loadConversation('u'))?.contentVersion).toBe('2099-01-01.1');
    await cleanup();
  });

  it.skipIf(!available)('moves a user whose step was removed to the last step that exists', async () => {
    const { store, cleanup } = await open();
    const old = createCoach({ content: loadContent(), store });
    for (const text of onboarding) await old.handleTurn('u', { text });
    // Put the stored user at step 6 (partner progression), then remove that step from the program.
    const stored = (await store.loadConversation('u'))!;
    const snapshot = stored.snapshot as { context: { progress: { step: number; dilatorSize: number | null } } };
    snapshot.context.progress = { ...snapshot.context.progress, step: 6, dilatorSize: 3 };
    await store.commitTurn({ key: 'u', expectedVersion: stored.version, snapshot, contentVersion: stored.contentVersion, profile: (snapshot.context as never as { profile: never }).profile, effects: [], now: new Date().toISOString() });
    const shorter = loadContent(changedFlows((y) => y.slice(0, y.indexOf('  - id: step.partner')) + y.slice(y.indexOf('reset_schedule:'))));
    expect(shorter.steps).toHaveLength(5);
    const updated = createCoach({ content: shorter, store });
    const progress = await updated.handleTurn('u', { text: 'progress' });
    expect(progress.map((r) => r.text).join('\n')).toMatch(/Step 5[^\n]*dilator size 3/);
    await cleanup();
  });
});
