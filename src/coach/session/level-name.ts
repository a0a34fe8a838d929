// A level in words ("Step 4: Dilator, dilator size 2"), from flows/ (level.step, level.step_dilator).
import { renderMessage } from '../../content/render-message.js';
import type { Content } from '../../content/schema.js';
import type { Level } from '../progression/practice.js';

export function levelName(content: Content, level: Level): string {
  const name = content.steps.find((s) => s.number === level.step)?.name ?? '';
  return level.dilatorSize
    ? renderMessage(content, 'level.step_dilator', { number: level.step, name, size: level.dilatorSize }).text
    : renderMessage(content, 'level.step', { number: level.step, name }).text;
}
