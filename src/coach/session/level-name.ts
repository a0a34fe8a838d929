// A level in words ("Step 4: Dilator, dilator size 2"), from flows/ (level.step, level.step_dilator); a size is
// named only at a step that uses a dilator (exposure.yaml), whatever an older stored record carries.
import { renderMessage } from '../../content/render-message.js';
import type { Content } from '../../content/schema.js';
import { ladderOf, usesDilator } from '../progression/levels.js';
import type { Level } from '../progression/practice.js';

export function levelName(content: Content, level: Level): string {
  const name = content.steps.find((s) => s.number === level.step)?.name ?? '';
  return level.dilatorSize && usesDilator(ladderOf(content), level.step)
    ? renderMessage(content, 'level.step_dilator', { number: level.step, name, size: level.dilatorSize }).text
    : renderMessage(content, 'level.step', { number: level.step, name }).text;
}
