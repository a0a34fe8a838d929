// Labelled messages (JSONL: {"label", "subtype", "text"}) turned into what the learned net trains on.
import type { Content } from '../../../content/schema.js';
import { analyzeMessage } from '../analyze.js';
import { indexContent } from '../content-index.js';
import { cleanText } from '../normalize-text.js';
import { safetyView } from './assess-safety.js';
import { netFeatures } from './net-features.js';
import type { TrainingCase } from './train-net.js';

export function featuresOf(text: string, content: Content): string[] {
  const index = indexContent(content);
  // exactly what understand() reads of a message, so the net trains on what it will see
  return netFeatures(safetyView(analyzeMessage(text, cleanText(text), index.synonyms, index.vocabulary), index.safety));
}

/** The same message, whoever wrote it: two blind writers can both write "this stretch is killing me". */
export const sameMessage = (text: string): string => text.trim().toLowerCase();

export function readLabelled(jsonl: string): Array<{ label: string; subtype: string; text: string }> {
  return jsonl.split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as { label: string; subtype: string; text: string });
}

/** Training cases from a development set, leaving out any message that is also in a held-out set (`heldOut`, as sameMessage). */
export function trainingCases(jsonl: string, content: Content, heldOut: ReadonlySet<string> = new Set()): TrainingCase[] {
  return readLabelled(jsonl).filter((c) => !heldOut.has(sameMessage(c.text)))
    .map((c) => ({ label: c.label, subtype: c.subtype, features: featuresOf(c.text, content) }));
}
