// Every word a user sees comes from flows/: a string literal in src/ that reads like words for a person fails
// this test, outside the places that never talk to the user (below, each with its reason). Keyed content is
// what lets a second language be a parallel set of flows/ files later.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pageHtml } from '../../src/channels/web/page.js';
import { loadContent } from '../../src/content/load-content.js';
import { renderMessage } from '../../src/content/render-message.js';
import { claimText } from '../../src/content/review-state.js';
import { projectRoot } from '../../src/project-root.js';

/** Folders and files whose strings never reach a user (the coached person), and why. */
const NOT_USER_FACING: Record<string, string> = {
  'src/content/': 'the content loader and lookup, the one place that turns flows/ into text; its own strings are for whoever edits or reviews flows/',
  'src/coach/understand/': 'words people type (input vocabulary), never shown',
  'src/coach/parse-settings-command.ts': 'words people type to change reminders (input vocabulary)',
  'src/llm/': 'the optional LLM: verifier word lists, operator messages; what users read is checked against flows/',
  'src/review/': 'the clinician and operator tool (npm run review)',
  'src/server/': 'the HTTP server: logs, 4xx/5xx bodies for clients',
  'src/store/': 'storage: operator errors and logs',
  'src/index.ts': 'the command line: operator output',
  'src/config.ts': 'configuration errors for the operator',
  'src/errors.ts': 'error codes',
  'src/logger.ts': 'logs',
  'src/channels/web/page.ts': 'the page template (markup, styles, script); its visible text is checked below',
  'src/channels/web/physio-summary.ts': 'the summary page template (markup, styles); every visible word is rendered from flows/ (physio.*)',
};

/** Single literals that look like words but are not shown as such, and why. */
const ALLOWED: Array<{ file: string; literal: string; why: string }> = [
  { file: 'src/coach/render-replies.ts', literal: "I've been checked by a clinician and cleared", why: 'a button value: the command the understanding reads back' },
  { file: 'src/coach/render-replies.ts', literal: 'stop, it hurts', why: 'a button value: the command the understanding reads back' },
  { file: 'src/coach/render-replies.ts', literal: 'I pressed yes by mistake', why: 'a button value: the command the understanding reads back' },
  { file: 'src/coach/render-replies.ts', literal: 'start timer', why: 'a button value: the command the understanding reads back' },
  { file: 'src/channels/botframework/channel.ts', literal: 'refusing to listen on ${config.host}: without MicrosoftAppId, /api/messages runs in local mode with no authentication. Use HOST=127.0.0.1, set MicrosoftAppId/MicrosoftAppPassword/MicrosoftAppTenantId, or set GENTLEPATH_ALLOW_PUBLIC_LOCAL_MODE=1 if you really mean it.', why: 'a start-up error for the operator (the line after throw)' },
  { file: 'src/channels/terminal/terminal-chat.ts', literal: '(ignored "${line}": not a date)', why: 'scripted mode for developers (@now lines)' },
  { file: 'src/channels/shared/calendar-ics.ts', literal: 'PRODID:-//GentlePath//Daily check-in//EN', why: 'the calendar file\'s product id (RFC 5545), not shown' },
  { file: 'src/channels/web/direct-line.ts', literal: 'attachment; filename="${CALENDAR_FILE_NAME}"', why: 'an HTTP header (the saved file\'s name)' },
];

/** A line that only logs, throws, answers an HTTP client with an error or imports: its strings go to operators or client programs. */
const OPERATOR_LINE = /\b(log|logger|console)\.(debug|info|warn|error|trace|fatal)\(|\blog\[\w+\]\(|\bsend(Json|Text)\(res, (\d{3}|status)|\bnew (Coach|Http)?Error\(|\bthrow\b|^\s*import\b|errorFields\(|onError\(|\bwarn\(/;
/** Reads like words for a person: two words with a space between them. */
const WORDS = /[A-Za-z]{2,}[,.'!?:;]?\s+[A-Za-z]{2,}/;
/** One capitalised word given as a label, title or text ({ label: 'Cancel' }). */
const ONE_WORD = /^[A-Z][a-z]+$/;
const LABEL_BEFORE = /\b(label|title|text|alt\w*|name)\s*:\s*$/;
/** Technical strings: MIME types, URLs, paths, HTTP status lines, header values. */
const TECHNICAL = /^(\.{0,2}\/|https?:|data:|[a-z]+\/[\w.+-]+(;|$)|HTTP\/|\d{3} [A-Z])|; (charset|Path|HttpOnly|max-age)=?|^(public|private|no-cache|no-store)\b/;
const LITERAL = /'((?:\\.|[^'\\\n])*)'|"((?:\\.|[^"\\\n])*)"|`((?:\\.|[^`\\])*)`/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

function exempt(file: string): boolean {
  return Object.keys(NOT_USER_FACING).some((prefix) => (prefix.endsWith('/') ? file.startsWith(prefix) : file === prefix));
}

/** String literals (the static parts of template literals) on lines that are not comments, with line numbers. */
function literals(source: string): Array<{ line: number; text: string; before: string }> {
  const found: Array<{ line: number; text: string; before: string }> = [];
  const code = source.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '));
  code.split('\n').forEach((line, i) => {
    const trimmed = line.trim();
    if (trimmed.startsWith('//') || OPERATOR_LINE.test(line)) return;
    const withoutComment = line.replace(/\s\/\/ .*$/, '');
    for (const m of withoutComment.matchAll(LITERAL)) {
      const text = m[1] ?? m[2] ?? m[3] ?? '';
      found.push({ line: i + 1, text, before: withoutComment.slice(0, m.index) });
    }
  });
  return found;
}

function readsAsWords(text: string, before: string): boolean {
  const staticText = text.replace(/\$\{[^}]*\}/g, ' ').trim();
  if (TECHNICAL.test(staticText)) return false;
  return WORDS.test(staticText) || (ONE_WORD.test(staticText) && LABEL_BEFORE.test(before));
}

function userVisibleLiterals(root: string): string[] {
  const problems: string[] = [];
  for (const path of sourceFiles(join(root, 'src'))) {
    const file = relative(root, path).split('\\').join('/');
    if (exempt(file)) continue;
    for (const { line, text, before } of literals(readFileSync(path, 'utf8'))) {
      if (!readsAsWords(text, before)) continue;
      if (ALLOWED.some((a) => a.file === file && a.literal === text)) continue;
      problems.push(`${file}:${line}: "${text.slice(0, 80)}"`);
    }
  }
  return problems;
}

describe('user-visible text lives in flows/', () => {
  it('has no words for a user in src/ outside the content loader and operator-only code', () => {
    expect(userVisibleLiterals(projectRoot)).toEqual([]);
  });

  it('catches a button label, a notice or a reason typed into code', () => {
    const sample = [
      "const b = { label: 'Cancel', value: 'cancel' };",
      "return { text: 'Please open a private chat with me.' };",
      "reason: `You have practised on ${n} days`,",
      "// a comment with plenty of words in it",
      "logger.info({ ms }, 'turn took a while');",
      "throw new Error('content item is missing');",
      "const id = 'chart.alt';",
    ].join('\n');
    const texts = literals(sample).filter((l) => readsAsWords(l.text, l.before)).map((l) => l.text);
    expect(texts).toEqual(['Cancel', 'Please open a private chat with me.', 'You have practised on ${n} days']);
  });

  it('shows on the web page only text from flows/', () => {
    const content = loadContent();
    const html = pageHtml(content);
    const visible = html.replace(/<style[\s\S]*?<\/style>|<script[\s\S]*?<\/script>|<title>[\s\S]*?<\/title>/g, '')
      .replace(/<[^>]+>/g, '\n').split('\n').map((t) => t.trim()).filter(Boolean)
      .map((t) => t.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>'));
    const say = (id: Parameters<typeof renderMessage>[1]) => renderMessage(content, id).text;
    expect(visible).toEqual(['GentlePath', claimText(content), `${say('disclaimer.short')} ${say('web.privacy')}`, say('web.calendar_link'), say('web.physio_link'), say('web.offline'), say('web.timer_heading'), say('button.stop'), say('web.connecting')]);
    expect(html).toContain(`data-cannot-connect="${say('web.cannot_connect')}"`);
    expect(html).toContain(`data-left="${say('web.timer_left')}"`);
    expect(html).toContain(`data-done="${say('web.timer_done').replace(/"/g, '&quot;')}"`);
  });
});
