// The terminal's rendering: word-wrap to the width without cutting a word, buttons as numbered choices
// that can be answered by number, and ratings left as the numbers they are.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { BotReply } from '../../../src/coach/bot-reply.js';
import { createCoach } from '../../../src/coach/handle-turn.js';
import { loadContent } from '../../../src/content/load-content.js';
import { renderMessage } from '../../../src/content/render-message.js';
import { choiceByNumber, renderForTerminal, wrapText } from '../../../src/channels/terminal/render.js';
import { runTerminalChat } from '../../../src/channels/terminal/terminal-chat.js';
import { openSqliteStore } from '../../../src/store/open-sqlite.js';

const reply = (text: string, buttons?: BotReply['buttons']): BotReply => ({ text, contentIds: ['t'], rephrasable: false, ...(buttons ? { buttons } : {}) });
const content = loadContent();

describe('terminal rendering', () => {
  it('leaves out the line offering a calendar file (a terminal cannot hand one over), keeping the buttons', () => {
    const calendar: BotReply = { text: 'Here is your calendar file', contentIds: ['calendar.attached'], rephrasable: false, attachment: { kind: 'calendar', time: '20:00', timeZone: 'UTC', title: 't', description: 'd' } };
    const out = renderForTerminal([reply('Done: 20:00'), calendar, reply('What next?', [{ label: 'Yes', value: 'yes' }, { label: 'No', value: 'no' }])]);
    expect(out).not.toContain('calendar file');
    expect(out).toContain('Done: 20:00');
    expect(out).toContain('[1] Yes');
  });

  it('wraps every scripted message at 80 columns without cutting a word, keeping list indents', () => {
    for (const message of content.messages) {
      const text = message.text;
      const wrapped = wrapText(text, 80);
      for (const line of wrapped.split('\n')) {
        // A line over 80 only when it is one word that is longer by itself.
        if (line.length > 80) expect(line.trim()).not.toContain(' ');
      }
      // The same words in the same order: nothing cut or lost.
      expect(wrapped.split(/\s+/).filter(Boolean)).toEqual(text.split(/\s+/).filter(Boolean));
    }
    expect(wrapText('- one two three four five six seven', 20)).toBe('- one two three four\n  five six seven');
  });

  it('numbers word buttons and leaves number buttons as they are', () => {
    expect(renderForTerminal([reply('Ok?', [{ label: 'Yes', value: 'yes' }, { label: 'No', value: 'no' }])])).toBe('Ok?\n\n  [1] Yes  [2] No\n');
    const ratings = Array.from({ length: 11 }, (_, i) => ({ label: String(i), value: String(i) }));
    expect(renderForTerminal([reply('Pain?', ratings)])).toBe(`Pain?\n\n  ${ratings.map((r) => `[${r.label}]`).join(' ')}\n`);
    expect(choiceByNumber('2', [{ label: 'Yes', value: 'yes' }, { label: 'No', value: 'no' }])?.value).toBe('no');
    expect(choiceByNumber(' 1) ', [{ label: 'Yes', value: 'yes' }, { label: 'No', value: 'no' }])?.value).toBe('yes');
    expect(choiceByNumber('3', [{ label: 'Yes', value: 'yes' }, { label: 'No', value: 'no' }])).toBeUndefined();
    // A rating typed as a number stays the rating.
    expect(choiceByNumber('1', ratings)).toBeUndefined();
  });

  it('takes a typed number as the numbered choice in a chat', async () => {
    const store = await openSqliteStore(':memory:');
    const input = new PassThrough();
    const output = new PassThrough();
    let printed = '';
    output.on('data', (d) => { printed += String(d); });
    const done = runTerminalChat({ coach: createCoach({ content, store }), content, user: 'terminal:numbers', input, output, interactive: false, width: 60 });
    input.end('hi\n1\n');
    await done;
    expect(printed).toContain('[1] Yes  [2] No');
    expect(printed).toContain(renderMessage(content, 'onboarding.consent_thanks').text.split('\n')[0]!.slice(0, 30));
    expect((await store.exportUser('terminal:numbers')).conversation?.consentAt).toBeTruthy();
    for (const line of printed.split('\n')) if (line.length > 60) expect(line.trim()).not.toContain(' ');
    await store.close();
  });
});
