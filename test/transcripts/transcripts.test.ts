// Whole conversations kept as data: each file in this folder is a user's chat, turn by turn.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadContent } from '../../src/content/load-content.js';
import { readTranscript, runTranscript } from '../helpers/transcript.js';

const dir = new URL('.', import.meta.url).pathname;
const content = loadContent();
const files = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();

describe('transcripts', () => {
  it('has the conversations the program needs covered', () => {
    expect(files.length).toBeGreaterThanOrEqual(15);
  });

  for (const file of files) {
    it(file.replace(/\.yaml$/, ''), async () => {
      const transcript = readTranscript(dir, file);
      const { turns, exported } = await runTranscript(dir, transcript, content);
      const failures = turns.flatMap((t, i) => t.problems.map((p) => `turn ${i + 1} "${t.user.slice(0, 60)}": ${p}\n    got: ${t.replies.map((r) => r.contentIds.join('+')).join(' | ')}`));
      expect(failures, failures.join('\n')).toEqual([]);
      const final = transcript.final;
      if (!final) return;
      const state = exported.conversation?.state as { progress?: { step: number; dilatorSize: number | null } } | undefined;
      if (final.step !== undefined) expect(state?.progress?.step).toBe(final.step);
      if (final.dilatorSize !== undefined) expect(state?.progress?.dilatorSize ?? null).toBe(final.dilatorSize);
      if (final.practiceSessions !== undefined) expect(exported.practice).toHaveLength(final.practiceSessions);
      if (final.journalEntries !== undefined) expect(exported.journal).toHaveLength(final.journalEntries);
    });
  }
});
