// A read-only look at a stored conversation for channel surfaces (Slack's App Home): where the user is in
// the program and when their daily check-in is. Reads the persisted snapshot; never writes.
import type { Progress } from './progression/practice.js';
import type { Profile } from './session/session-types.js';
import type { Store } from './store-port.js';

export interface ConversationSummary {
  /** Null until onboarding is complete. */
  progress: Progress | null;
  reminderTime: string | null;
  timeZone: string | null;
  /** A red flag paused the program until a clinician has cleared it. */
  paused: boolean;
}

export async function readConversationSummary(store: Pick<Store, 'loadConversation'>, key: string): Promise<ConversationSummary | null> {
  const stored = await store.loadConversation(key);
  if (!stored) return null;
  const snapshot = stored.snapshot as { value?: unknown; context?: { progress?: Progress | null; profile?: Partial<Profile> } };
  const context = snapshot.context ?? {};
  return {
    progress: context.progress ?? null,
    reminderTime: context.profile?.reminderTime ?? null,
    timeZone: context.profile?.timeZone ?? null,
    paused: JSON.stringify(snapshot.value ?? '').includes('pausedForEvaluation'),
  };
}
