// The one safety check every message goes through first, in every state (PROGRAM-RULES section 4).
// It reasons over concepts from flows/safety-lexicon.yaml: who, what, when and how sure. It fails
// closed: an error inside it is reported to the caller as `failed` with a possible crisis (ask).
import type { Analysis } from '../analyze.js';
import { assessAbuse } from './assess-abuse.js';
import { assessRedFlags } from './assess-red-flags.js';
import { assessSelfHarm, type Finding } from './assess-self-harm.js';
import type { LexiconIndex } from './tag-concepts.js';
import { tagConcepts } from './tag-concepts.js';
import { viewOf } from './message-view.js';
import type { SafetyResult } from './safety-result.js';

/** Red flags in the order the pause message lists them. */
const FLAG_ORDER = ['red.bleeding', 'red.fever', 'red.odour', 'red.infection', 'red.bulge', 'red.pressure', 'red.sharp_pain', 'red.lasting_pain'];

function strongest(findings: Finding[]): Finding | undefined {
  return findings.find((f) => f.grade === 'clear') ?? findings[0];
}

export function assessSafety(a: Analysis, index: LexiconIndex): SafetyResult {
  try {
    const v = viewOf(a, tagConcepts(a, index));
    const self = assessSelfHarm(v);
    const others = assessAbuse(v);
    const result: SafetyResult = { redFlags: [], maybeRedFlags: [], askedRedFlags: [] };
    const s = strongest(self), o = strongest(others);
    const pick = s && o ? (o.grade === 'clear' && s.grade !== 'clear' ? { f: o, about: 'others' as const } : { f: s, about: 'self' as const })
      : s ? { f: s, about: 'self' as const } : o ? { f: o, about: 'others' as const } : undefined;
    if (pick) result.crisis = { grade: pick.f.grade, about: pick.about, why: [...self, ...others].map((f) => f.why) };
    const flags = assessRedFlags(v);
    // a question about red flags in general ("which signs mean I should stop?") is about all of them
    if (flags.has('red.any')) { flags.delete('red.any'); if (flags.size === 0) for (const id of FLAG_ORDER) flags.set(id, { grade: 'asked', why: 'general question' }); }
    // the wide nets (a word of finality, despair, a refusal met with displeasure) give way to a symptom report:
    // "the bleeding is gone", "the pain is killing me, it won't end" are about the body
    const netOnly = result.crisis?.grade === 'possible' && result.crisis.why.every((w) => /^(finality|despair|a refusal met|not respected)/.test(w));
    if (netOnly && flags.size > 0) delete result.crisis;
    for (const id of FLAG_ORDER) {
      const f = flags.get(id);
      if (!f) continue;
      if (f.grade === 'clear') result.redFlags.push(id);
      else if (f.grade === 'possible') result.maybeRedFlags.push(id);
      else result.askedRedFlags.push(id);
    }
    return result;
  } catch {
    return { crisis: { grade: 'possible', about: 'self', why: ['safety check failed'] }, redFlags: [], maybeRedFlags: [], askedRedFlags: [], failed: true };
  }
}
