// Moving one place up or down the graded sequence. Which steps use a dilator, and at which step a place is one
// dilator size, come from the step definitions in flows/ (exposure.yaml), never from numbers in code.
import type { Content } from '../../content/schema.js';
import type { Level } from './practice.js';

/** The program's steps as the rules see them (checked at load by src/content/check-steps.ts). */
export interface Ladder {
  /** The steps in order, numbered 1..n. */
  steps: ReadonlyArray<{ number: number; uses_dilator: boolean; advance_by_size: boolean }>;
  /** Sizes in the user's dilator set (parameters.dilator.sizes). */
  sizes: number;
}

export const ladderOf = (content: Pick<Content, 'steps' | 'parameters'>): Ladder =>
  ({ steps: content.steps, sizes: content.parameters.dilator.sizes });

export const lastStep = (ladder: Ladder): number => ladder.steps.length;

export function usesDilator(ladder: Ladder, step: number): boolean {
  return ladder.steps[step - 1]?.uses_dilator ?? false;
}

const advancesBySize = (ladder: Ladder, step: number): boolean => ladder.steps[step - 1]?.advance_by_size ?? false;

/**
 * The size at `step` when arriving from `from`: none at a step without a dilator; the smallest when moving up into
 * a step that goes through the sizes; otherwise the size already reached (the largest when the level before had none,
 * since a step that goes through the sizes is only passed at the largest).
 */
function sizeOnArrival(ladder: Ladder, step: number, from: Level, upward: boolean): number | null {
  if (!usesDilator(ladder, step)) return null;
  if (upward && advancesBySize(ladder, step)) return 1;
  return Math.min(from.dilatorSize ?? ladder.sizes, ladder.sizes);
}

export function nextLevel(level: Level, ladder: Ladder): Level {
  const size = level.dilatorSize ?? 1;
  if (advancesBySize(ladder, level.step) && size < ladder.sizes) return { step: level.step, dilatorSize: size + 1 };
  if (level.step >= lastStep(ladder)) return level;
  const step = level.step + 1;
  return { step, dilatorSize: sizeOnArrival(ladder, step, level, true) };
}

export function previousLevel(level: Level, ladder: Ladder): Level {
  const size = level.dilatorSize ?? 1;
  if (advancesBySize(ladder, level.step) && size > 1) return { step: level.step, dilatorSize: size - 1 };
  if (level.step <= 1) return { step: 1, dilatorSize: sizeOnArrival(ladder, 1, level, false) };
  const step = level.step - 1;
  return { step, dilatorSize: sizeOnArrival(ladder, step, level, false) };
}

/**
 * A stored place fitted to the program as it now is (after a content change): a step beyond the last becomes
 * the last; a size only where the step uses a dilator, within the set (the smallest where the step goes
 * through the sizes and none was kept, the largest where the size already reached is held).
 */
export function fitLevel(level: Level, ladder: Ladder): Level {
  const step = Math.min(Math.max(1, level.step), lastStep(ladder));
  if (!usesDilator(ladder, step)) return { step, dilatorSize: null };
  const kept = level.dilatorSize ?? (advancesBySize(ladder, step) ? 1 : ladder.sizes);
  return { step, dilatorSize: Math.min(Math.max(1, kept), ladder.sizes) };
}
