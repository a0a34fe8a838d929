// How long to rest at the easier step after a spike: the minimum first, longer when spikes repeat.
import type { Parameters } from '../../content/schema.js';
import { daysBetween } from './practice.js';

export function restHoursAfterSpike(previousSpikeDays: readonly string[], today: string, params: Parameters): number {
  const { rest_hours_min: min, rest_hours_max: max, repeat_within_days: within } = params.spike;
  const recent = previousSpikeDays.filter((d) => daysBetween(d, today) <= within && daysBetween(d, today) >= 0).length;
  return Math.min(max, min * (1 + recent));
}
