// The learned safety net: a second reader behind the rules that can only ASK, never act. Four small
// logistic models over netFeatures() (concepts with how sure they are, negation-scoped word stems and
// word pairs) score a message for: thoughts of ending one's life or self-harm ("self"), someone hurting or
// coercing the person ("others"), a red-flag symptom now ("red_flag") and a question about red flags
// ("question"); one more model per red flag says which one to ask about. The weights are data, trained
// from the blind development sets (npm run safety:train) and kept in flows/safety-net.json for review.
// When the rules found nothing and a score passes its threshold, the coach asks one kind question.
import type { SafetyNet, SafetyNetHead as Head } from '../../../content/schema.js';

export type { SafetyNet };

/** A head with its weights in a Map (a plain object with thousands of keys is slow to read). */
export interface CompiledHead { bias: number; threshold: number; weights: Map<string, number> }
export interface CompiledNet { heads: Record<keyof SafetyNet['heads'], CompiledHead>; kinds: Array<[string, CompiledHead]> }

const compileHead = (h: Head): CompiledHead => ({ bias: h.bias, threshold: h.threshold, weights: new Map(Object.entries(h.weights)) });

export function compileNet(net: SafetyNet): CompiledNet {
  const { self, others, red_flag, question } = net.heads;
  return {
    heads: { self: compileHead(self), others: compileHead(others), red_flag: compileHead(red_flag), question: compileHead(question) },
    kinds: Object.entries(net.kinds).map(([kind, h]) => [kind, compileHead(h)]),
  };
}

export function score(head: CompiledHead, features: readonly string[]): number {
  let z = head.bias;
  for (const f of features) z += head.weights.get(f) ?? 0;
  return 1 / (1 + Math.exp(-z));
}

export interface NetOpinion {
  /** Every head's score (0-1). */
  scores: Record<keyof SafetyNet['heads'], number>;
  /** Might be crisis: whose doing, and the score. */
  crisis?: { about: 'self' | 'others'; score: number };
  /** Might be a red flag now: the most likely kind. */
  redFlag?: { kind: string; score: number };
  /** A question about red flags. */
  question?: { score: number };
}

export function netOpinion(net: CompiledNet, features: readonly string[]): NetOpinion {
  const self = score(net.heads.self, features), others = score(net.heads.others, features);
  const red = score(net.heads.red_flag, features), question = score(net.heads.question, features);
  const out: NetOpinion = { scores: { self, others, red_flag: red, question } };
  const selfOn = self >= net.heads.self.threshold, othersOn = others >= net.heads.others.threshold;
  if (selfOn || othersOn) {
    out.crisis = selfOn && (!othersOn || self / net.heads.self.threshold >= others / net.heads.others.threshold)
      ? { about: 'self', score: self } : { about: 'others', score: others };
  }
  if (question >= net.heads.question.threshold && question >= red) out.question = { score: question };
  else if (red >= net.heads.red_flag.threshold) {
    let best = { kind: '', score: -1 };
    for (const [kind, head] of net.kinds) {
      const s = score(head, features);
      if (s > best.score) best = { kind, score: s };
    }
    if (best.kind) out.redFlag = { kind: best.kind, score: red };
  }
  return out;
}
