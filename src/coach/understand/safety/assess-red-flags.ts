// Red flags (PROGRAM-RULES section 4): WHAT (bleeding, fever, a smell, signs of infection, a bulge,
// pressure, sharp or escalating pain, pain that has lasted), WHEN (now, for how long, long ago and
// over), HOW SURE (denied in its own clause, hedged, explained by a period), and whether it is a
// report at all or a question about red flags ("how much bleeding is too much?"), which is answered.
import { judgeMention } from '../judge-mention.js';
import type { Mention } from './tag-concepts.js';
import { all, has, hedged, inQuestion, near, polarity, type MessageView, wordsAround } from './message-view.js';

export type FlagGrade = 'clear' | 'possible' | 'asked';
export type FlagFindings = Map<string, { grade: FlagGrade; why: string }>;

const RANK: Record<FlagGrade, number> = { asked: 0, possible: 1, clear: 2 };

/** Said as something happening to them ("I noticed", "there was", "today", "on the tissue"), not only asked about. */
function reported(v: MessageView, m: Mention): boolean {
  const s = v.a.seg.sentence[m.start]!;
  return all(v, 'report').some((r) => {
    if (polarity(v, r) === 'denied') return false;   // "I don't have it right now"
    const rs = v.a.seg.sentence[r.start]!;
    if (rs !== s && rs !== s + 1) return false;
    // "if someone notices blood ... do they still need": a condition or someone else, not a report
    const earlier = v.a.tokens.filter((t, i) => v.a.seg.sentence[i] === rs && i < r.start).map((t) => t.surface);
    if (earlier.some((w) => ['if', 'whether', 'someone', 'anyone', 'somebody', 'people', 'they'].includes(w))) return false;
    const before = v.a.tokens.slice(Math.max(0, r.start - 3), r.start).map((t) => t.surface);
    return !before.includes('if') && !before.includes('when') && !before.includes('whether');
  });
}

/** How sure and how current one mention of a symptom is, judged in its own clause. */
function judge(v: MessageView, m: Mention): FlagGrade | 'denied' {
  const positions = Array.from({ length: m.end - m.start + 1 }, (_, k) => m.start + k);
  let j = judgeMention(v.a, { positions, start: m.start, end: m.end, fuzzy: false });
  if (j.verdict === 'negated') {
    const ended = /^resolved '(.+)'$/.exec(j.why)?.[1];
    const at = ended ? v.a.tokens.findIndex((t, i) => i > m.end && t.surface === ended) : -1;
    // "worse even after I stopped": the person stopped practising, the symptom did not stop
    if (at > 0 && ['i', 'we', 'you'].includes(v.a.tokens[at - 1]!.surface)) j = { verdict: 'clear', why: 'practice stopped' };
    // "done", "over", "finished" say more often that the practice ended than that a symptom did
    else if (ended && ['done', 'over', 'finished'].includes(ended)) j = { verdict: 'clear', why: `'${ended}' is not an ending of the symptom` };
    // "the bleeding stopped but now it's back"
    else if (ended && v.a.tokens.some((t, i) => i > m.end && ['back', 'again', 'returned', 'restarted'].includes(t.surface))) return 'possible';
    else if (/^negated by '(no|nope|nah)'$/.test(j.why) && interjection(v, m)) j = { verdict: 'clear', why: "'no' answers something else" };
    else return 'denied';
  }
  if (pastAndResolved(v, m)) return 'denied';
  // "there was blood on the dilator what lube do you recommend?": the question starts after the mention
  const question = (inQuestion(v, m) || /^question/.test(j.why)) && !questionStartsAfter(v, m);
  if (question || has(v, m, 'general_frame', 'message') && !reported(v, m)) {
    // "how much bleeding is too much?" is asked about; "a funky smell maybe?" is a hedged report
    // "is a bit of spotting normal?": a small amount asked about is most likely happening; ask, don't lecture
    const small = has(v, m, 'minimiser', 'clause') && !has(v, m, 'general_frame', 'message') && !has(v, m, 'warning_signs', 'sentence');
    if (!reported(v, m) && !small && (!hedged(v, m) || has(v, m, 'warning_signs', 'sentence') || has(v, m, 'general_frame', 'message'))) return 'asked';
    // "I'm bleeding, is that normal?": a report with a question about it
    return reported(v, m) && !hedged(v, m) && !m.fuzzy && j.verdict === 'clear' ? 'clear' : 'possible';
  }
  if (j.verdict === 'unclear' || hedged(v, m) || m.fuzzy) return 'possible';
  // "I bled a bit yesterday but it's stopped now": recent, and over; worth a question, not a pause
  const s = v.a.seg.sentence[m.start];
  if (all(v, 'resolved').some((r) => r.start > m.end && v.a.seg.sentence[r.start] === s && polarity(v, r) !== 'denied' && !['i', 'we', 'you'].includes(v.a.tokens[r.start - 1]?.surface ?? ''))) return 'possible';
  return 'clear';
}

/** "no there was blood", "nope, it bled": the "no" answers the question asked, it does not deny what follows. */
function interjection(v: MessageView, m: Mention): boolean {
  for (let i = m.start - 1; i >= 0; i--) {
    const w = v.a.tokens[i]!.surface;
    if (!['no', 'nope', 'nah'].includes(w)) continue;
    return [',', '.', '!', '-', ':'].includes(v.a.tokens[i + 1]?.surface ?? '');
  }
  return false;
}

const WH_AFTER = new Set(['what', 'how', 'which', 'why', 'where', 'who', 'should', 'can', 'could', 'would', 'is', 'are', 'do', 'does', 'will']);
const SUBJECTS = new Set(['i', 'you', 'it', 'that', 'this', 'there', 'we', 'they', 'she', 'he', 'lube', 'the', 'a', 'my']);
/** A new question begins after the mention ("... what lube do you recommend?", "..., is that normal?"). */
function questionStartsAfter(v: MessageView, m: Mention): boolean {
  const s = v.a.seg.sentence[m.start];
  // "is spotting ever expected ... or is it ...?": the sentence opened as a question before the mention
  const first = v.a.tokens.findIndex((t, i) => v.a.seg.sentence[i] === s && t.kind === 'word' && !['so', 'and', 'but', 'ok', 'also', 'just', 'quick', 'q', 'hi', 'hey', 'sorry', 'question'].includes(t.surface));
  if (first >= 0 && first < m.start && (['what', 'how', 'which', 'why', 'when', 'where', 'who'].includes(v.a.tokens[first]!.surface)
    || WH_AFTER.has(v.a.tokens[first]!.surface) && SUBJECTS.has(v.a.tokens[first + 1]?.surface ?? '') || WH_AFTER.has(v.a.tokens[first]!.surface) && first + 1 === m.start)) return false;
  for (let i = m.end + 1; i < v.a.tokens.length && v.a.seg.sentence[i] === s; i++) {
    const w = v.a.tokens[i]!.surface;
    if (WH_AFTER.has(w) && SUBJECTS.has(v.a.tokens[i + 1]?.surface ?? '')) return true;
    if (['what', 'how', 'which', 'why'].includes(w)) return true;
  }
  return false;
}

/** Said in the past and over by now: "the fever I had was a cold, it's gone", "the fishy thing cleared up after the treatment". */
function pastAndResolved(v: MessageView, m: Mention): boolean {
  const resolvedNow = all(v, 'resolved_now').some((r) => polarity(v, r) !== 'denied');
  const sentence = wordsAround(v, m, 'sentence');
  const present = has(v, m, 'present_marker', 'sentence') && !sentence.includes('now') || /\b(still|again|since|back)\b/.test(sentence.join(' '));
  // "it's gone greenish" is a change, not an ending; "after I stopped" is the practice stopping, not the symptom
  const resolvedHere = near(v, m, 'resolved', 'clause').some((r) => polarity(v, r) !== 'denied' && !['i', 'we', 'you'].includes(v.a.tokens[r.start - 1]?.surface ?? '')
    && !(r.source === 'gone' && /^(a|green|greenish|yellow|yellowish|grey|brown|red|pink|weird|funny|bad|off|thick|watery|lumpy|smelly|really|very|kind|kinda|all)/.test(v.a.tokens[r.end + 1]?.surface ?? '')));
  return (resolvedNow || resolvedHere) && !present;
}

/** Hours a pain has lasted, as said in the sentence: "for 3 days", "48 hours", "since monday", "all weekend". */
export function statedHours(v: MessageView, m: Mention, scope: 'sentence' | 'message' = 'sentence'): number {
  const toks = v.a.tokens;
  const s = v.a.seg.sentence[m.start];
  let best = 0;
  const inScope = (i: number) => scope === 'message' || v.a.seg.sentence[i] === s;
  const WORDS: Record<string, number> = { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, few: 3, couple: 2, several: 3, both: 2, whole: 1 };
  for (let i = 0; i < toks.length; i++) {
    if (!inScope(i)) continue;
    const w = toks[i]!.surface;
    const unit = (k: number) => toks[k]?.surface ?? '';
    const n = /^\d+(\.\d+)?$/.test(w) ? Number(w) : WORDS[w];
    if (n !== undefined) {
      for (const k of [i + 1, i + 2, i + 3]) {
        const u = unit(k);
        if (/^(hours?|hrs?|h)$/.test(u)) best = Math.max(best, n);
        else if (/^(days?|nights?)$/.test(u)) best = Math.max(best, 24 * n);
        else if (/^weeks?$/.test(u)) best = Math.max(best, 168 * n);
        else continue;
        break;
      }
      const m2 = /^(\d+)h$/.exec(w);
      if (m2) best = Math.max(best, Number(m2[1]));
    }
    if (/^(\d+)h$/.test(w)) best = Math.max(best, Number(w.slice(0, -1)));
    if (w === 'since' || w === 'from') {
      const next = unit(i + 1) === 'last' || unit(i + 1) === 'the' ? unit(i + 2) : unit(i + 1);
      if (/^(mon|tues|wednes|thurs|fri|satur|sun)(day)?$|^(weekend|week|sat|sun|weds|thurs|tues)$/.test(next)) best = Math.max(best, 48);
      else if (next === 'start' && /^(week|weekend)$/.test(unit(i + 4))) best = Math.max(best, 48);   // since the start of the week
      else if (next === 'yesterday') best = Math.max(best, 24);
    }
    if ((w === 'all' || w === 'whole') && /^(week|weekend|days)$/.test(unit(i + 1))) best = Math.max(best, 48);
    if (w === 'for' && unit(i + 1) === 'days') best = Math.max(best, 48);
    if (w === 'days' && /^(later|now|after)$/.test(unit(i + 1))) best = Math.max(best, 48);
    if (w === 'day' && unit(i - 1) === 'the' && unit(i + 1) === 'before' && unit(i + 2) === 'yesterday') best = Math.max(best, 48);
    if (w === 'day' && /^\d+$/.test(unit(i + 1))) best = Math.max(best, 24 * (Number(unit(i + 1)) - 1));          // "day 4 of this"
    if (w === 'day' && unit(i + 1) === 'after' && unit(i + 2) === 'that') best = Math.max(best, 48);            // "and the day after that"
    if (w === 'overnight' && toks.slice(i + 1, i + 5).some((t) => t.surface === 'today' || t.surface === 'day')) best = Math.max(best, 24);
    if (/^(mon|tues|wednes|thurs|fri|satur|sun)days?$/.test(w) && !toks.some((t) => t.surface === 'yesterday')) {
      const around = toks.slice(Math.max(0, i - 4), i + 4).map((t) => t.surface);
      if (around.some((x) => ['since', 'from', 'still', 'on', 'after', 'last', "'s"].includes(x))) best = Math.max(best, 48);
    }
  }
  return best;
}

export function assessRedFlags(v: MessageView): FlagFindings {
  const found: FlagFindings = new Map();
  const note = (id: string, grade: FlagGrade | 'denied', why: string) => {
    if (grade === 'denied') return;
    const prev = found.get(id);
    if (!prev || RANK[grade] > RANK[prev.grade]) found.set(id, { grade, why });
  };
  const clauseText = (m: Mention) => wordsAround(v, m).join(' ');
  const sentenceText = (m: Mention) => wordsAround(v, m, 'sentence').join(' ');

  // Bleeding, also minimised or said by its colour ("a pink tinge on the tissue"); a period explains it
  // unless the message rules the period out ("not due for a week", "post-menopausal").
  const colourAnchors = all(v, 'blood_colour').filter((c) => {
    const next = near(v, c, 'practice_object', 'sentence').some((o) => o.start === c.end + 1 || o.start === c.end + 2 && v.a.tokens[c.end + 1]?.surface === 'one');
    return !next && (has(v, c, 'blood_mark', 'sentence') || has(v, c, 'practice_object', 'sentence'));
  });
  // "period was 10 days ago", "my cycle says not for another week": the period is ruled out
  const periodRuledOut = all(v, 'period_ruled_out').length > 0 || all(v, 'explained').some((e) => /period|cycle|menstru/.test(e.source)
    && /\b(ago|away|nowhere|finished|ended)\b/.test(wordsAround(v, e, 'sentence').join(' ')));
  const explainedBy = all(v, 'explained').filter((e) => polarity(v, e) !== 'denied');
  for (const m of [...all(v, 'blood'), ...colourAnchors]) {
    if (covered(v, m)) continue;
    const g = judge(v, m);
    if (explainedBy.length > 0 && !periodRuledOut && g !== 'asked') continue;
    note('red.bleeding', g, `'${m.source}'`);
  }

  // Fever: the word, chills, a temperature with a number or "a/high/running".
  for (const m of all(v, 'fever')) note('red.fever', judge(v, m), `'${m.source}'`);
  for (const m of all(v, 'temperature')) {
    const before = [1, 2].map((k) => v.a.tokens[m.start - k]?.surface ?? '');
    const raised = has(v, m, 'fever_number', 'sentence') || before.some((w) => /^(a|high|running|raised|got|have|had|with|slight)$/.test(w));
    if (raised && !/room|body temperature|lube|water|dilator/.test(sentenceText(m))) note('red.fever', judge(v, m), 'a temperature');
  }

  for (const t of v.a.tokens) {
    if (t.kind !== 'number' || !t.surface.includes('.')) continue;
    const n = Number(t.surface);
    const m = all(v, 'fever_number').find((x) => v.a.tokens[x.start] === t);
    if (!m || !(n >= 37.8 && n <= 42 || n >= 100.4 && n <= 107)) continue;
    if (all(v, 'temperature').length > 0 || all(v, 'fever').length > 0) continue;   // judged above with its word
    const g = judge(v, m);
    note('red.fever', g === 'clear' ? 'possible' : g, `${t.surface} degrees`);
  }

  // A bad smell: a smell word with a bad quality, or from down there; "the lube smells like coconut" is fine.
  for (const m of all(v, 'smell')) {
    // "the lube smells like coconut" is fine; "it smells off, and it's not the lube" is not
    if (near(v, m, 'smell_ok', 'sentence').some((o) => Math.abs(o.start - m.start) <= 4 && polarity(v, o) !== 'denied') && !has(v, m, 'smell_bad', 'clause')) continue;
    if (/^(odou?r|stink|stank|reek|pong|smelly)/.test(v.a.tokens[m.start]!.surface)) { note('red.odour', judge(v, m), `'${m.source}'`); continue; }   // a bad smell by its word
    if (has(v, m, 'smell_bad', 'sentence') || has(v, m, 'discharge', 'sentence')) note('red.odour', judge(v, m), `'${m.source}'`);
    else if (has(v, m, 'smell_bad', 'message')) note('red.odour', judge(v, m) === 'clear' ? 'possible' : judge(v, m), `'${m.source}'`);
    else if (has(v, m, 'lump_place', 'sentence')) note('red.odour', judge(v, m) === 'clear' ? 'possible' : judge(v, m), 'a smell down there');
  }

  // Infection: named, or told by its signs (odd discharge, itching down there, burning when peeing, peeing often).
  for (const m of all(v, 'infection')) note('red.infection', judge(v, m), `'${m.source}'`);
  for (const m of all(v, 'discharge')) if (has(v, m, 'discharge_odd', 'sentence') || has(v, m, 'itch', 'sentence')) note('red.infection', judge(v, m), 'unusual discharge');
  for (const m of all(v, 'itch')) {
    const g = judge(v, m);
    note('red.infection', has(v, m, 'lump_place', 'sentence') || has(v, m, 'discharge', 'sentence') ? g : g === 'clear' ? 'possible' : g, 'itching');
  }
  for (const m of all(v, 'pee')) {
    const symptom = [...near(v, m, 'burn', 'sentence'), ...near(v, m, 'pain', 'clause'), ...near(v, m, 'often', 'sentence')];
    if (symptom.length === 0) continue;
    // "no burning when I pee": the symptom word carries the denial
    const grades = [judge(v, m), ...symptom.map((x) => judge(v, x))];
    note('red.infection', grades.includes('denied') ? 'denied' : grades[0]!, 'peeing hurts');
  }
  for (const m of all(v, 'swollen')) if (has(v, m, 'lump_place', 'sentence') && !has(v, m, 'practice_object', 'clause')) note('red.infection', judge(v, m) === 'clear' ? 'possible' : judge(v, m), 'swelling');

  // A bulge at the opening: strong words anywhere, everyday ones ("a lump", "something sticking out") with a place.
  for (const m of all(v, 'lump_strong')) {
    const clause = clauseText(m);
    const phrasal = m.source.includes(' ');
    if (phrasal && /dilator|lube|tampon|finger|swab|toy|cup|it 's|it is|it keeps|it kept/.test(clause) && !/something|thing|skin|tissue|lump|bulge|wall|organ|uterus|bladder|womb/.test(clause)) continue;
    if (phrasal && !/something|thing|everything|skin|tissue|lump|bulge|wall|organ|uterus|bladder|womb|bit/.test(clause) && !has(v, m, 'lump_place', 'sentence')) continue;
    note('red.bulge', judge(v, m), `'${m.source}'`);
  }
  for (const m of all(v, 'lump')) {
    if (!has(v, m, 'lump_place', 'sentence') || has(v, m, 'not_lump_place', 'clause')) continue;
    note('red.bulge', judge(v, m), `'${m.source}' down there`);
  }

  // Pressure or heaviness that stays (not pressure from a person, not the stretch of a dilator going in).
  for (const m of all(v, 'pressure')) {
    if (has(v, m, 'person', 'clause') || /\bon me\b|from (him|her|my)/.test(clauseText(m))) continue;
    if (/heav/.test(m.source) && (all(v, 'period').length > 0 || all(v, 'explained').length > 0)) continue;   // "a heavy period"
    const distinctive = /heav|drag|bearing|weigh|falling|sagg|fullness|full feeling|ball/.test(m.source);
    const lasting = has(v, m, 'persistent', 'sentence') || statedHours(v, m) >= 24;
    const placed = has(v, m, 'lump_place', 'sentence') || /pelvi|bladder|bum|rectum/.test(sentenceText(m));
    if (!distinctive && !lasting && !placed) continue;
    if (!lasting && has(v, m, 'sex_or_practice', 'clause') && !distinctive) continue;
    const g = judge(v, m);
    note('red.pressure', lasting || distinctive && placed ? g : g === 'clear' ? 'possible' : g, `'${m.source}'`);
  }

  // Sharp or escalating pain.
  for (const m of all(v, 'sharp')) {
    const intrinsic = !/^sharp/.test(m.source);
    // "sharp" without a pain word is still most likely about pain here, but not "look sharp", "a sharp mind"
    if (!intrinsic && !has(v, m, 'pain', 'sentence') && /look|mind|knife|pencil|edge|cheddar|dressed|eyed|witted|turn|bend|corner/.test(sentenceText(m))) continue;
    const brief = /for a (second|sec|moment)|then (it )?(went|stopped|faded|passed|eased)|went away|only once|just once/.test(sentenceText(m));
    const g = judge(v, m);
    if (brief) { note('red.sharp_pain', g === 'clear' ? 'possible' : g, `brief '${m.source}'`); continue; }
    const rising = all(v, 'escalate').some((e) => polarity(v, e) !== 'denied');
    note('red.sharp_pain', rising ? g : g === 'clear' ? 'possible' : g, `'${m.source}'`);
  }
  for (const m of all(v, 'escalate')) {
    if (near(v, m, 'improving', 'clause').some((x) => polarity(v, x) !== 'denied')) continue;
    const painful = has(v, m, 'pain', 'message') || v.a.tokens.some((t) => t.kind === 'number');
    const g = judge(v, m);
    note('red.sharp_pain', painful ? g : g === 'clear' ? 'possible' : g, `escalating '${m.source}'`);
  }

  // Pain climbing in numbers: "a dull 3, now a throbbing 7", "went 3 then 5 after I stopped and now it's 8".
  // pain scores only: not the "/10" of "2/10", not a dilator size
  const scores = v.a.tokens.map((t, i) => ({ i, n: t.kind === 'number' && /^\d{1,2}$/.test(t.surface) && v.a.tokens[i - 1]?.surface !== '/'
    && !['size', 'day', 'sizes', 'number', 'step'].includes(v.a.tokens[i - 1]?.surface ?? '') ? Number(t.surface) : NaN })).filter((x) => x.n >= 0 && x.n <= 10);
  const climbing = scores.some((a, k) => scores.slice(k + 1).some((b) => b.n >= a.n + 2 && b.n >= 5
    && v.a.tokens.slice(a.i, b.i + 1).some((t) => ['now', 'then', 'went', 'up', 'climbing', 'rising'].includes(t.surface))));
  if (climbing) note('red.sharp_pain', scores.at(-1)!.n >= 7 ? 'clear' : 'possible', 'pain climbing');

  // Pain that has not settled within 24-48 hours.
  const pains = all(v, 'pain');
  for (const m of pains) {
    const hours = Math.max(statedHours(v, m), pains.length === 1 ? statedHours(v, m, 'message') : 0);
    const unsettled = near(v, m, 'not_settled', 'sentence').filter((x) => polarity(v, x) !== 'denied');
    const strongUnsettled = unsettled.some((x) => !/^still/.test(x.source));
    if (hours < 24 && !strongUnsettled) continue;
    if (hours > 0 && hours < 24) continue;
    const g = judge(v, m);
    if (g === 'denied') continue;
    note('red.lasting_pain', hours >= 48 || hours >= 24 && unsettled.length > 0 ? g : g === 'clear' ? 'possible' : g, hours > 0 ? `pain for ${hours} h` : 'pain not settling');
  }
  for (const m of all(v, 'not_settled')) {
    if (has(v, m, 'pain', 'sentence') || /^still/.test(m.source)) continue;
    // "it still hasn't settled since Monday": the pain is named elsewhere in the message, or is what "it" means here
    if (!has(v, m, 'pain', 'message') && found.size > 0) continue;
    const hours = statedHours(v, m, 'message');
    const g = judge(v, m);
    const painNamed = has(v, m, 'pain', 'message');
    note('red.lasting_pain', hours >= 48 && painNamed ? g : g === 'clear' ? 'possible' : g, 'not settling');
  }
  // "Which signs mean I should stop?", "what symptoms are a reason to pause?": a question about red flags in general.
  for (const m of all(v, 'warning_signs')) {
    const asking = inQuestion(v, m) || all(v, 'general_frame').length > 0;
    if (asking && !reported(v, m) && found.size === 0) note('red.any', 'asked', `question '${m.source}'`);
  }
  // "is it normal to feel pressure with the dilator?", "what discharge is normal?": asked, answered.
  for (const c of ['pressure', 'discharge', 'smell', 'pain', 'lump', 'itch', 'temperature'] as const) {
    for (const m of all(v, c)) {
      if (found.size > 0 || !inQuestion(v, m) || reported(v, m)) continue;
      if (has(v, m, 'warning_signs', 'sentence') || has(v, m, 'general_frame', 'message')) note('red.any', 'asked', `question about '${m.source}'`);
    }
  }
  return found;
}

function covered(v: MessageView, m: Mention): boolean {
  return all(v, 'idiom_death').some((x) => x.start <= m.end && x.end >= m.start);
}
