// A rule's reason in words, from flows/ (reason.<id>, with day counts as words.day_one / words.day_other).
import type { MessageId } from '../content/message-ids.js';
import { renderMessage, type Vars } from '../content/render-message.js';
import type { Content } from '../content/schema.js';
import { DAY_COUNTS, type Reason } from './progression/reason.js';

const plural = new Intl.PluralRules('en');

export function reasonText(content: Content, reason: Reason | string | null | undefined): string {
  if (!reason) return '';
  if (typeof reason === 'string') return reason; // stored by an older version, in words already
  const vars: Vars = {};
  for (const [key, value] of Object.entries(reason.values)) {
    vars[key] = DAY_COUNTS.includes(key) && typeof value === 'number'
      ? renderMessage(content, plural.select(value) === 'one' ? 'words.day_one' : 'words.day_other', { n: value }).text
      : value;
  }
  return renderMessage(content, `reason.${reason.id}` as MessageId, vars).text;
}
