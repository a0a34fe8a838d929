// The terminal as a user runs it: `npm run chat` with lines on stdin, a fresh SQLite file, replies on stdout.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = new URL('../../../', import.meta.url).pathname;

async function chat(args: string[], input: string) {
  const child = run('npx', ['tsx', 'src/index.ts', 'chat', ...args], { cwd: root, maxBuffer: 20_000_000 });
  child.child.stdin!.end(input);
  return (await child).stdout;
}

describe('terminal chat, scripted mode', () => {
  it('runs the two-week journey from external mapping to the second dilator size, giving reasons', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'gp-')), 'journey.db');
    const script = readFileSync(join(root, 'test/transcripts/two-week-journey.txt'), 'utf8');
    const out = await chat(['--user', 'demo', '--db', db, '--tz', 'Europe/Berlin'], script);
    expect(out).toContain('Step 1');
    expect(out).toMatch(/3 of your last 3 days at this step were 2\/10 or less, including the day after/);
    expect(out).toContain('Step 2');
    expect(out).toContain('Step 3');
    expect(out).toMatch(/Step 4[^\n]*dilator size 2/);
    // Quitting and coming back: the record is in the file, and a new run picks it up.
    const later = await chat(['--user', 'demo', '--db', db, '--now', '2026-12-07T18:00:00Z'], 'progress\n');
    expect(later).toMatch(/dilator size 2/);
    expect(later).toMatch(/\b14\b/);
  }, 120_000);

  it('resumes a session exactly where it was left after quitting mid-circuit', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'gp-')), 'resume.db');
    const now = ['--user', 'r', '--db', db, '--now', '2026-11-23T18:00:00Z'];
    await chat(now, 'hi\nyes\nno\nno\nno\nno\n8pm\nUTC\nstart\nno\ndone\n');
    const back = await chat(now, 'done\n');
    // The user was on exercise 2 (jaw); "done" moves them to exercise 3 (hip openers), not back to the start.
    expect(back.toLowerCase()).toContain('hip');
  }, 60_000);
});

describe('data rights on the command line', () => {
  it('exports everything about a user as JSON, then deletes it all', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'gp-')), 'rights.db');
    const user = ['--user', 'rights', '--db', db, '--now', '2026-11-23T18:00:00Z'];
    await chat(user, 'hi\nyes\nno\nno\nno\nno\n8pm\nUTC\nstart\nno\ndone\ndone\n1 and 3\ndone\ndone\ndone\ndone\n1\n2\nwarm shower first helped\n');
    const exported = JSON.parse(await chat([...user, 'export'], ''));
    expect(exported.conversation.consentAt).toBeTruthy();
    expect(exported.practice).toHaveLength(1);
    expect(exported.practice[0]).toMatchObject({ painDuring: 1, painAfter: 2 });
    expect(exported.journal[0].text).toBe('warm shower first helped');
    const deleted = await chat([...user, 'delete'], '');
    expect(deleted.toLowerCase()).toContain('delete');
    const after = JSON.parse(await chat([...user, 'export'], ''));
    expect(after).toEqual({ conversation: null, practice: [], journal: [], scheduled: [] });
  }, 90_000);
});
