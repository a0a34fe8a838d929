// The terminal as a user runs it: `npm run chat` with lines on stdin, a fresh SQLite file, replies on stdout.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createCoach } from '../../../src/coach/handle-turn.js';
import { loadContent } from '../../../src/content/load-content.js';
import { renderMessage } from '../../../src/content/render-message.js';
import { openSqliteStore } from '../../../src/store/open-sqlite.js';

const run = promisify(execFile);
const root = new URL('../../../', import.meta.url).pathname;

async function chat(args: string[], input: string) {
  const child = run('npx', ['tsx', 'src/index.ts', 'chat', ...args], { cwd: root, maxBuffer: 20_000_000 });
  child.child.stdin!.end(input);
  return (await child).stdout;
}

/** Runs a command that must fail; returns its exit code and output. */
async function fails(args: string[], input: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    await chat(args, input);
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
  throw new Error(`expected ${args.join(' ')} to fail`);
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

  it('a clarifying question is answered by its number: "3" (Neither) brings the consent question back, and consent is still asked', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'gp-')), 'clarify.db');
    const content = loadContent();
    const out = await chat(['--user', 'c', '--db', db, '--tz', 'Europe/Berlin'], 'hi\nis this private? who sees this\n3\nyes\n');
    const afterNeither = out.slice(out.indexOf('> 3'));
    expect(out).toContain('[3] Neither');
    expect(afterNeither).toContain(renderMessage(content, 'clarify.neither').text);
    expect(afterNeither).not.toContain(renderMessage(content, 'onboarding.consent_declined').text);
    expect(afterNeither).toContain(renderMessage(content, 'onboarding.consent_thanks').text);
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
    // Not a terminal to ask in: nothing is erased without --yes.
    const refused = await fails([...user, 'delete'], '');
    expect(refused.stderr).toMatch(/--yes/);
    expect(JSON.parse(await chat([...user, 'export'], '')).practice).toHaveLength(1);
    const deleted = await chat([...user, 'delete', '--yes'], '');
    expect(deleted).toContain('terminal:rights');
    expect(deleted.toLowerCase()).toContain('erased');
    // Gone: the export now says there is nothing, and exits non-zero.
    expect((await fails([...user, 'export'], '')).stderr).toMatch(/Nothing is stored for terminal:rights/);
    const store = await openSqliteStore(db);
    expect(Object.values(await store.countRows('terminal:rights')).every((n) => n === 0)).toBe(true);
    await store.close();
  }, 90_000);

  it('an unknown user: export and delete exit non-zero with a clear message and create nothing (no conversation, no consent)', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'gp-')), 'unknown.db');
    for (const command of ['export', 'delete']) {
      const failed = await fails(['--user', 'nobody', '--db', db, command, '--yes'], '');
      expect(failed.code).toBe(1);
      expect(failed.stderr).toMatch(/Nothing is stored for terminal:nobody/);
    }
    const store = await openSqliteStore(db);
    expect(await store.loadConversation('terminal:nobody')).toBeNull();
    expect(Object.values(await store.countRows('terminal:nobody')).every((n) => n === 0)).toBe(true);
    await store.close();
    expect((await fails(['--db', db, 'export', '--key', 'nope:1'], '')).stderr).toMatch(/not a conversation key: keys start with one of web: bf: slack: terminal:/);
  }, 60_000);

  it('exports and deletes a conversation of another channel by its key', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'gp-')), 'keys.db');
    const store = await openSqliteStore(db);
    const coach = createCoach({ content: loadContent(), store });
    const key = 'bf:msteams:a:1teams-chat';
    await coach.handleTurn(key, { text: 'hi' });
    await coach.handleTurn(key, { text: 'yes' });
    await store.close();
    const exported = JSON.parse(await chat(['--db', db, 'export', '--key', key], ''));
    expect(exported.conversation).toMatchObject({ key });
    expect(exported.conversation.consentAt).toBeTruthy();
    expect(await chat(['--db', db, 'delete', '--key', key, '--yes'], '')).toContain(key);
    expect((await fails(['--db', db, 'export', '--key', key], '')).code).toBe(1);
  }, 60_000);

  it('--help and -h print the usage, naming --tz, --key and --yes', async () => {
    for (const flag of ['--help', '-h']) {
      const out = await chat([flag], '');
      expect(out).toMatch(/Usage: npm run chat/);
      for (const word of ['export', 'delete', '--tz', '--key', '--yes', '--user']) expect(out).toContain(word);
    }
  }, 60_000);
});
