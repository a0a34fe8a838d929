// A Slack request checked before bolt sees it: signed with our secret, dated within five minutes of now in
// either direction (bolt refuses only old ones), and a body bolt can read without throwing (a signed `null`
// or `payload=null` made bolt throw inside its request listener, which ended the process).
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** How far a request's timestamp may be from now, either way. */
const MAX_SKEW_SECONDS = 5 * 60;

export type SlackRequestCheck = 'ok' | 'unsigned' | 'malformed';

export function checkSlackRequest(headers: IncomingHttpHeaders, body: Buffer, signingSecret: string, nowSeconds: number): SlackRequestCheck {
  const timestamp = Number(headers['x-slack-request-timestamp']);
  const signature = headers['x-slack-signature'];
  if (!Number.isInteger(timestamp) || Math.abs(nowSeconds - timestamp) > MAX_SKEW_SECONDS || typeof signature !== 'string') return 'unsigned';
  const expected = Buffer.from(`v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:`).update(body).digest('hex')}`);
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'unsigned';
  return readableBody(headers['content-type'] ?? '', body.toString('utf8')) ? 'ok' : 'malformed';
}

const isObject = (value: unknown) => typeof value === 'object' && value !== null && !Array.isArray(value);

/** JSON must be an object (its `event`, if any, too); a form's `payload`, when there is one, must be a JSON object. */
function readableBody(contentType: string, text: string): boolean {
  try {
    if (/^application\/x-www-form-urlencoded\b/i.test(contentType)) {
      const payload = new URLSearchParams(text).get('payload');
      return payload === null || isObject(JSON.parse(payload));
    }
    const parsed = JSON.parse(text) as Record<string, unknown>;
    // An event callback's event is an object (bolt answers 500 to anything else).
    return isObject(parsed) && (!('event' in parsed) || isObject(parsed.event));
  } catch {
    return false;
  }
}
