// A level in words: "Step 4: Dilator, size 2".
import type { Content } from '../../content/schema.js';
import type { Level } from '../progression/practice.js';

export function levelName(content: Content, level: Level): string {
  const step = content.steps.find((s) => s.number === level.step);
  const name = `Step ${level.step}${step ? `: ${step.name}` : ''}`;
  return level.dilatorSize ? `${name}, dilator size ${level.dilatorSize}` : name;
}
