// The one safety check every message goes through first, in every state (PROGRAM-RULES section 4).
// It reasons over concepts from flows/safety-lexicon.yaml: who, what, when and how sure. It fails
// closed: an error inside it is reported to the caller as `failed` with a possible crisis (ask).
import type { Analysis } from '../analyze.js';
import { assessAbuse } from './assess-abuse.js';
import { assessRedFlags, type FlagFindings, type FlagGrade } from './assess-red-flags.js';
import { assessSelfHarm, type Finding } from './assess-self-harm.js';
import type { LexiconIndex } from './tag-concepts.js';
import { tagConcepts } from './tag-concepts.js';
import { all, has, polarity, viewOf, type MessageView } from './message-view.js';
import type { Concept } from './lexicon.js';
import type { SafetyResult } from './safety-result.js';
import { netOpinion, type NetOpinion, type CompiledNet } from './safety-net.js';
import { netFeatures } from './net-features.js';

/** A learned-net score this high is quite sure: its crisis question is asked even beside a symptom or a plain request. */
export const SURE = 0.8;
/** Below this red-flag score, the net does not read the message as a report of a symptom now. */
const NOT_A_REPORT = 0.2;
/**
 * Below this crisis score the net doubts the crisis the rules read: the reply becomes the kind question. 0.1, not 0.02:
 * in leave-one-writer-out cross-validation (npm run safety:cv) it cut false crisis replies by a fifth and turned 0.5%
 * of crisis messages from the reply at once into the question.
 */
const DOUBT = 0.1;
/**
 * Below this on both the red-flag and the question head the net doubts a symptom the rules read: ask, don't pause.
 * Lower than DOUBT: short plain reports ("I AM BLEEDING") give the net few words, and must still pause at once.
 */
const FLAG_DOUBT = 0.02;

/** Red flags in the order the pause message lists them. */
const FLAG_ORDER = ['red.bleeding', 'red.fever', 'red.odour', 'red.infection', 'red.bulge', 'red.pressure', 'red.sharp_pain', 'red.lasting_pain'];

function strongest(findings: Finding[]): Finding | undefined {
  return findings.find((f) => f.grade === 'clear') ?? findings[0];
}

/** The safety layer's view of an analysed message: its concepts found (who, what, when, how sure). */
export const safetyView = (a: Analysis, index: LexiconIndex): MessageView => viewOf(a, tagConcepts(a, index));

export function assessSafety(a: Analysis, index: LexiconIndex, net?: CompiledNet): SafetyResult {
  try {
    const v = safetyView(a, index);
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
    if (net) weighWithNet(result, flags, netOpinion(net, netFeatures(v)), symptomNamed(v), onlyRelationshipWorry(v));
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

/** Words of a red-flag symptom (not pain or soreness alone, not burning or stinging, which the program expects), not denied. */
const SYMPTOMS: Concept[] = ['blood', 'blood_colour', 'fever', 'fever_number', 'temperature', 'smell', 'infection', 'discharge', 'itch',
  'lump', 'lump_strong', 'pressure', 'sharp', 'escalate', 'not_settled'];
function symptomNamed(v: MessageView): boolean {
  return SYMPTOMS.some((c) => all(v, c).some((m) => polarity(v, m) !== 'denied'));
}

/** Acts of someone else the abuse rules reason with (a threat said in a worry is not one). */
const ACTS: Concept[] = ['violence', 'sexual_force', 'not_stopping', 'control', 'fear', 'anger_strong', 'anger_soft', 'coerce_soft', 'refusal', 'aftermath'];
/** The only thing said about the partner is a worry about the relationship ("I'm worried he'll leave me over this"). */
function onlyRelationshipWorry(v: MessageView): boolean {
  return all(v, 'relationship_worry').some((m) => polarity(v, m) !== 'denied')
    && !ACTS.some((c) => all(v, c).some((m) => polarity(v, m) !== 'denied' && !has(v, m, 'relationship_worry', 'clause')));
}

/**
 * The learned net's part (safety-net.ts): it may ask or answer where the rules found nothing, and it may turn
 * what the rules would act on into a question when it reads the message quite differently. It never pauses
 * the program or gives the crisis reply itself, and never touches a medical emergency.
 */
function weighWithNet(result: SafetyResult, flags: FlagFindings, o: NetOpinion, symptom: boolean, relationshipWorry: boolean): void {
  const c = result.crisis;
  // a medical emergency, or pills or poison already taken, is never turned into a question
  if (c && Math.max(o.scores.self, o.scores.others) < DOUBT && !c.why.some((w) => /^(emergency|means|swallowed)/.test(w))) {
    // the rules read a crisis the net doubts entirely ("an attempt at 16, twenty years ago, safe now"): ask, not the crisis reply
    if (c.grade === 'clear') result.crisis = { ...c, grade: 'possible', why: [...c.why, 'learned net doubts it'] };
    // a possible crisis beside a symptom the rules found: the symptom explains the words
    else if (flags.size > 0) delete result.crisis;
  }
  // a symptom the rules found explains the words the net reacted to, unless it is quite sure
  if (!result.crisis && o.crisis && (flags.size === 0 || o.crisis.score >= SURE) && !(o.crisis.about === 'others' && relationshipWorry)) {
    result.crisis = { grade: 'possible', about: o.crisis.about, why: [`learned net ${o.crisis.about} ${o.crisis.score.toFixed(2)}`], netOnly: o.crisis.score };
  }
  if (result.crisis) return;
  const { red_flag: red, question } = o.scores;
  const regrade = (from: FlagGrade, to: FlagGrade, note: string) => {
    for (const [id, f] of flags) if (f.grade === from) flags.set(id, { grade: to, why: `${f.why}; ${note}` });
  };
  if (flags.size === 0) {
    if (o.question) for (const id of FLAG_ORDER) flags.set(id, { grade: 'asked', why: 'learned net: a question' });
    // pain alone is what this program is about: the net asks about a red flag only when a symptom is named
    else if (o.redFlag && symptom && FLAG_ORDER.includes(o.redFlag.kind)) flags.set(o.redFlag.kind, { grade: 'possible', why: `learned net ${o.redFlag.score.toFixed(2)}` });
  } else if (red < FLAG_DOUBT && question < FLAG_DOUBT) {
    // a symptom now to the rules, neither a report nor a question to the net ("temp's normal now, 36.7"): ask, don't pause
    regrade('clear', 'possible', 'learned net doubts it');
  } else if (question >= SURE && red < NOT_A_REPORT) {
    // a question about a symptom ("if I see blood, should I stop?"): a possible report is answered, a clear one asked
    regrade('possible', 'asked', 'learned net: a question');
    regrade('clear', 'possible', 'learned net: a question');
  } else if (red >= SURE && question < NOT_A_REPORT) {
    // what the rules took for a question reads as a report now ("like someone stabbed me, still there an hour later"): ask
    regrade('asked', 'possible', 'learned net: a report');
  }
}
