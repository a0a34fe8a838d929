// Gentle strength stays locked until comfortable penetration is consistent: strengthening a guarded floor first can backfire.
import type { Parameters } from '../../content/schema.js';
import { isComfortable, practiceDays } from './practice-days.js';
import type { PracticeSession } from './practice.js';
import type { Reason } from './reason.js';

export interface StrengthCheck { unlocked: boolean; reason: Reason }

export function checkStrengthUnlock(sessions: readonly PracticeSession[], params: Parameters): StrengthCheck {
  const { comfortable_days: needed, window_days: windowDays, min_step: minStep } = params.strength;
  const recent = practiceDays(sessions).slice(-windowDays);
  const penetrationDays = new Set(sessions.filter((s) => s.step >= minStep).map((s) => s.day));
  const good = recent.filter((d) => penetrationDays.has(d.day) && isComfortable(d, params.comfort.max_pain)).length;
  return {
    unlocked: good >= needed,
    reason: { id: 'strength', values: { good, recent: recent.length, min_step: minStep, needed, window_days: windowDays } },
  };
}
