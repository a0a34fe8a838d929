// "My midwife examined me, it's a mild prolapse, I've been cleared": symptoms named inside a report of a
// clinician's evaluation are explained by it, not new, unless something says they are new or ongoing.
import type { Analysis } from './analyze.js';

const EVALUATION = new Set(['examined', 'checked', 'evaluated', 'assessed', 'diagnosed', 'cleared', 'said', 'told', 'referred', 'confirmed',
  'doctor', 'gp', 'gyno', 'midwife', 'nurse', 'physio', 'clinician', 'specialist', 'physician', 'gynecologist', 'gynaecologist']);
const NEW_NOW = new Set(['now', 'again', 'new', 'since', 'still', 'started', 'starting', 'worse', 'more', 'today', 'tonight', 'back']);

export function explainedByEvaluation(a: Analysis): boolean {
  const words = a.tokens.map((t) => t.surface);
  return words.some((w) => EVALUATION.has(w)) && !words.some((w) => NEW_NOW.has(w));
}
