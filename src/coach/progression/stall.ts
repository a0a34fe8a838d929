// A long time without an advance is a reason to suggest a pelvic health physiotherapist (coaching goes on).
import type { Parameters } from '../../content/schema.js';
import type { Progress } from './practice.js';
import { daysBetween } from './practice.js';

/** True when the stall period has passed since the last advance (or the start) and since the last suggestion. */
export function shouldSuggestSpecialist(progress: Progress, today: string, params: Parameters): boolean {
  const since = progress.lastAdvanceDay ?? progress.startedDay;
  const stalled = daysBetween(since, today) >= params.stall.days;
  const notRecentlyTold = !progress.stallNotifiedDay || daysBetween(progress.stallNotifiedDay, today) >= params.stall.days;
  return stalled && notRecentlyTold;
}
