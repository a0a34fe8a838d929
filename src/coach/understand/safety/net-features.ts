// What the learned safety net (safety-net.ts) sees of a message: the concepts the rules found, each with
// how sure it is (affirmed, denied in its own clause, unsure, asked in a question, long past), and the
// word stems with their clause-scoped negation ("no fever but bleeding" gives NOT_fever and bleed), plus
// pairs of neighbouring stems. No raw text leaves this function.
import { all, isQuestionSentence, longPast, NEGATIONS, polarity, type MessageView } from './message-view.js';
/** How many words a negation reaches, inside its own clause. */
const NEGATION_SPAN = 4;

export function netFeatures(v: MessageView): string[] {
  const { a } = v;
  const out = new Set<string>();
  const question = new Map<number, boolean>();
  for (const m of v.mentions) {
    const how = polarity(v, m);
    out.add(`c:${m.concept}`);
    out.add(`c:${m.concept}:${how}`);
    const s = a.seg.sentence[m.start]!;
    if (!question.has(s)) question.set(s, isQuestionSentence(v, s));
    if (question.get(s)) out.add(`c:${m.concept}:q`);
    if (longPast(v, m)) out.add(`c:${m.concept}:past`);
  }
  const words: string[] = [];
  let negatedFrom = -1, negatedClause = -1;
  a.tokens.forEach((t, i) => {
    if (t.kind !== 'word' && t.kind !== 'number') return;
    if (NEGATIONS.has(t.surface)) { negatedFrom = i; negatedClause = a.seg.clause[i]!; return; }
    const negated = negatedFrom >= 0 && i - negatedFrom <= NEGATION_SPAN && a.seg.clause[i] === negatedClause;
    const w = `${negated ? 'NOT_' : ''}${t.stem}`;
    words.push(w);
    out.add(`w:${w}`);
  });
  for (let i = 0; i + 1 < words.length; i++) out.add(`b:${words[i]}_${words[i + 1]}`);
  if (a.seg.questionSentence.some(Boolean) || all(v, 'hedge').length > 0) out.add('unsure');
  return [...out];
}
