// Moving one place up or down the graded sequence; at the dilator step a place is one size.
import type { Level } from './practice.js';

const DILATOR_STEP = 4;

export function nextLevel(level: Level, lastStep: number, dilatorSizes: number): Level {
  if (level.step === DILATOR_STEP && (level.dilatorSize ?? 1) < dilatorSizes) {
    return { step: DILATOR_STEP, dilatorSize: (level.dilatorSize ?? 1) + 1 };
  }
  if (level.step >= lastStep) return level;
  const step = level.step + 1;
  // Micro-movements and partner work happen at the size that is already comfortable.
  return { step, dilatorSize: step === DILATOR_STEP ? 1 : step > DILATOR_STEP ? level.dilatorSize ?? dilatorSizes : null };
}

export function previousLevel(level: Level): Level {
  if (level.step === DILATOR_STEP && (level.dilatorSize ?? 1) > 1) {
    return { step: DILATOR_STEP, dilatorSize: (level.dilatorSize ?? 1) - 1 };
  }
  if (level.step <= 1) return { step: 1, dilatorSize: null };
  const step = level.step - 1;
  return { step, dilatorSize: step >= DILATOR_STEP ? level.dilatorSize : null };
}
