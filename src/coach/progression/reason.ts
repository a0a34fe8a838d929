// Why a rule decided what it did, as data: a reason id (its words are the flows/ message reason.<id>) and the
// values it names. The rules never hold English; the coach renders the reason in the user's language.
export type ReasonId =
  | 'spike_next_day' | 'spike_after' | 'resting' | 'rest_over' | 'rest_over_waiting' | 'last_step'
  | 'high_rating' | 'min_days' | 'not_enough' | 'pending_next_day' | 'advance' | 'strength';

export interface Reason {
  id: ReasonId;
  values: Record<string, string | number>;
}

/** Values that count days: rendered with the flows/ words for "1 day" / "N days". */
export const DAY_COUNTS: readonly string[] = ['practised', 'min_days', 'window'];
