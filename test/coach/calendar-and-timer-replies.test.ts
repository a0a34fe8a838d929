// What the coach hands the channels for two things a page or chat app shows beyond text: the daily check-in as a
// calendar file (when the time is set, changed or asked for) and the hold timer (its length, end and Stop answer).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCoach, type Coach } from '../../src/coach/handle-turn.js';
import type { BotReply } from '../../src/coach/bot-reply.js';
import { parseSettingsCommand } from '../../src/coach/parse-settings-command.js';
import { loadContent } from '../../src/content/load-content.js';
import { openSqliteStore } from '../../src/store/open-sqlite.js';
import type { KyselyStore } from '../../src/store/kysely-store.js';
import { CHECK_IN_TO_RATING, ONBOARDING } from '../helpers/journey.js';

const content = loadContent();
let store: KyselyStore;
let coach: Coach;
let now: Date;

beforeEach(async () => {
  store = await openSqliteStore(':memory:');
  now = new Date('2026-11-23T10:00:00Z');
  coach = createCoach({ content, store, now: () => now });
});
afterEach(async () => { await store.close(); });

const say = (text: string) => coach.handleTurn('u', { text });
async function sayAll(texts: readonly string[]): Promise<BotReply[]> {
  const all: BotReply[] = [];
  for (const text of texts) all.push(...await say(text));
  return all;
}
const calendars = (replies: BotReply[]) => replies.flatMap((r) => (r.attachment?.kind === 'calendar' ? [{ ...r.attachment, ids: r.contentIds }] : []));

describe('the daily check-in as a calendar file', () => {
  it('comes with the end of onboarding, a changed time and when asked for, with the time and zone it is for', async () => {
    const onboarded = await sayAll(['hi', ...ONBOARDING]);
    expect(calendars(onboarded)).toEqual([{ kind: 'calendar', time: '20:00', timeZone: 'Europe/Berlin', title: expect.any(String), description: expect.any(String), ids: ['calendar.attached'] }]);
    expect(calendars(await say('change my reminder to 7am'))).toMatchObject([{ time: '07:00', timeZone: 'Europe/Berlin' }]);
    const asked = await say('can you add it to my calendar?');
    expect(calendars(asked)).toMatchObject([{ time: '07:00' }]);
    // The conversation carries on where it was: the prompt comes again, with its buttons.
    expect(asked.at(-1)!.buttons?.length).toBeGreaterThan(0);
    // With reminders off there is no time to put in a calendar: a kind line instead of a file.
    await say('turn reminders off');
    const none = await say('calendar file');
    expect(calendars(none)).toEqual([]);
    expect(none.flatMap((r) => r.contentIds)).toContain('calendar.no_time');
  });

  it('is not sent when onboarding skips the time', async () => {
    const replies = await sayAll(['hi', 'yes', 'no', 'no', 'no', 'no', 'skip', 'Berlin']);
    expect(replies.flatMap((r) => r.contentIds)).toContain('onboarding.done');
    expect(calendars(replies)).toEqual([]);
  });

  it('is asked for in so many words, not by any sentence that mentions a calendar', () => {
    for (const text of ['add to calendar', 'Add it to my calendar please', 'calendar', 'calendar file', 'send me the ics', 'can I save it in my calendar?', 'put it in my calendar']) {
      expect(parseSettingsCommand(text), text).toEqual({ kind: 'calendar' });
    }
    for (const text of ['my calendar is full today', 'I get anxious when I look at my calendar', 'I checked the calendar and my period is due']) {
      expect(parseSettingsCommand(text), text).toBeUndefined();
    }
  });
});

describe('the hold timer', () => {
  it('offers Start timer and Stop at the exposure step, and its reply says how long, until when, and what Stop sends', async () => {
    await sayAll(['hi', ...ONBOARDING]);
    const atStep = await sayAll(CHECK_IN_TO_RATING.slice(0, -1));
    const labels = atStep.at(-1)!.buttons!.map((b) => b.label);
    expect(labels).toEqual(expect.arrayContaining([content.messages.find((m) => m.id === 'button.start_timer')!.text, content.messages.find((m) => m.id === 'button.stop')!.text]));
    const started = await say('start timer');
    const timer = started.find((r) => r.attachment?.kind === 'timer');
    expect(timer?.contentIds).toEqual(['timer.started']);
    // Step 1 holds for 30-60 seconds: the timer runs for the longer end, from now.
    expect(timer?.attachment).toEqual({ kind: 'timer', seconds: 60, endsAt: new Date(now.getTime() + 60_000).toISOString(), stop: { label: 'Stop', value: 'stop, it hurts' } });
    // Its Stop answer is the step's own: "you were right to stop", then the rating for the comfort rule.
    const stopped = await say(timer!.attachment!.kind === 'timer' ? timer!.attachment!.stop.value : '');
    expect(stopped.flatMap((r) => r.contentIds)).toEqual(expect.arrayContaining(['exposure.stopped', 'rating.ask_during']));
  });
});
