import { describe, expect, it } from 'vitest';
import { JOIN_EVENT, parsePostedActivity } from '../../../src/channels/web/parse.js';
import { renderForWeb } from '../../../src/channels/web/render.js';

describe('web parse', () => {
  it('reads typed text and button values, keyed by the client\'s own activity id', () => {
    expect(parsePostedActivity({ type: 'message', text: ' yes ', channelData: { clientActivityID: 'c1' } })).toEqual({ text: 'yes', inboundId: 'web:c1' });
    // No client id: no retry key at all (never the server's id, which a restart or a deleted transcript reuses).
    expect(parsePostedActivity({ type: 'message', value: { reply: '4' } })).toEqual({ text: '4' });
  });
  it('opens on the join event and ignores everything else', () => {
    expect(parsePostedActivity({ type: 'event', name: JOIN_EVENT })).toMatchObject({ text: '', opening: true });
    expect(parsePostedActivity({ type: 'event', name: 'other' })).toBeNull();
    expect(parsePostedActivity({ type: 'typing' })).toBeNull();
    expect(parsePostedActivity({ type: 'message', text: '   ' })).toBeNull();
  });
});

describe('web render', () => {
  it('sends plain text with suggested actions for quick replies and ratings', () => {
    const out = renderForWeb([{ text: 'Rate it', contentIds: ['rating.ask_during'], rephrasable: false, expects: 'rating', buttons: [{ label: '0', value: '0' }, { label: '10', value: '10' }] }]);
    expect(out).toEqual([{
      type: 'message', text: 'Rate it', textFormat: 'plain', channelData: { contentIds: ['rating.ask_during'], expects: 'rating' },
      suggestedActions: { to: [], actions: [{ type: 'imBack', title: '0', value: '0' }, { type: 'imBack', title: '10', value: '10' }] },
    }]);
  });
  it('sends the progress chart as an SVG image attachment (a data: URL Web Chat shows as an <img>)', () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"></svg>';
    const [activity] = renderForWeb([{ text: 'Your progress', contentIds: ['progress'], rephrasable: false, attachment: { kind: 'chart', svg, points: 0 } }]);
    expect(activity!.attachments).toHaveLength(1);
    const [image] = activity!.attachments!;
    expect(image!.contentType).toBe('image/svg+xml');
    expect(image!.contentUrl.startsWith('data:image/svg+xml;base64,')).toBe(true);
    expect(Buffer.from(image!.contentUrl.split(',')[1]!, 'base64').toString('utf8')).toBe(svg);
    // With the picture attached, the text chart in its fenced block is left out (the alt text says it in words).
    const progress = renderForWeb([{ text: 'Your progress so far:\n- Days practised: 2\n```\nlast 14 days\nduring   ▁▂\n```\n', contentIds: ['progress'], rephrasable: false, attachment: { kind: 'chart', svg, points: 2, alt: 'Pain ratings' } }])[0]!;
    expect(progress.text).toBe('Your progress so far:\n- Days practised: 2');
    expect(progress.attachments![0]!.name).toBe('Pain ratings');
    // The daily check-in comes as a calendar file made for this conversation, a download link in Web Chat.
    const calendar = renderForWeb([{ text: 'Your calendar file', contentIds: ['calendar.attached'], rephrasable: false, attachment: { kind: 'calendar', time: '07:30', timeZone: 'Asia/Tokyo', title: 'GentlePath', description: 'check-in' } }], { key: 'web:abc', now: new Date('2026-11-28T00:00:00Z') })[0]!;
    expect(calendar.text).toBe('Your calendar file');
    expect(calendar.attachments).toHaveLength(1);
    expect(calendar.attachments![0]).toMatchObject({ contentType: 'text/calendar', name: 'gentlepath-check-in.ics' });
    expect(Buffer.from(calendar.attachments![0]!.contentUrl.split(',')[1]!, 'base64').toString('utf8')).toContain('DTSTART;TZID=Asia/Tokyo:20261129T073000'); // 09:00 in Tokyo: tomorrow's is the first
    // An export is not an image: it comes as a JSON file to save, and not as JSON text in the bubble.
    const exported = renderForWeb([{ text: '{"a":1}', contentIds: [], rephrasable: false, attachment: { kind: 'export', data: { a: 1 } } }])[0]!;
    expect(exported.text).toBe('');
    expect(exported.attachments).toEqual([{ contentType: 'application/json', name: 'gentlepath-my-data.json', contentUrl: `data:application/json;base64,${Buffer.from(JSON.stringify({ a: 1 }, null, 2)).toString('base64')}` }]);
  });
});
