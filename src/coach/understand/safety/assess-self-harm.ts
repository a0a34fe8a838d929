// Suicidal thoughts and self-harm (PROGRAM-RULES section 4, crisis). Concepts, not phrases:
// WHAT (death, not existing, a plan, the means: pills, a bridge, a blade; harming one's body),
// WHO (oneself, said or implied: "wanna die lol"), HOW SURE (a wish, a plan, a hedge, a denial in the
// same clause) and WHEN (now, or long past and over). Clear -> the crisis reply; possible -> one kind,
// direct question. Everyday idioms ("this stretch is killing me", "dying to know") are not crisis.
import type { Mention } from './tag-concepts.js';
import { all, covered, has, hedged, inQuestion, longPast, near, polarity, type MessageView, wordsAround } from './message-view.js';
import type { Grade } from './safety-result.js';

export interface Finding { grade: Grade; why: string }

/** A past episode that is over ("I self-harmed as a teen, I've been fine for years"). */
function pastAndOver(v: MessageView, m: Mention): boolean {
  if (has(v, m, 'relapse', 'sentence')) return false;
  const sentence = wordsAround(v, m, 'sentence');
  if (sentence.some((w) => /^(19[6-9]\d|20[0-2]\d)$/.test(w)) && !has(v, m, 'present_marker', 'sentence')) return true;   // "back in 2019"
  return longPast(v, m) || longPast(v, m, 'clause') || has(v, m, 'past_marker', 'sentence') && has(v, m, 'resolved_now', 'message');
}

/** Someone else is the one who died or is dying ("my cat died", "grandma is dying"). */
function aboutSomeoneElse(v: MessageView, m: Mention): boolean {
  if (covered(v, m, 'idiom_death')) return true;
  // the nearest "who" before the mention in its clause: a person ("they'd rather die", "my dad's death") or the self
  const who = [...near(v, m, 'person', 'clause'), ...near(v, m, 'self', 'clause').filter((x) => !['my'].includes(x.source))]
    .filter((x) => x.end < m.start).sort((x, y) => y.end - x.end)[0];
  return who?.concept === 'person';
}

/** "want/wish/plan to ..." in the same clause, before the mention; its own polarity. */
function wish(v: MessageView, m: Mention): 'yes' | 'denied' | 'none' {
  const w = near(v, m, 'want', 'clause').filter((x) => x.end < m.start && !aboutSomeoneElse(v, x));
  if (w.length === 0) return 'none';
  return w.some((x) => polarity(v, x) === 'denied') ? 'denied' : 'yes';
}

/** Anything in the message that says this is about ending one's life (strengthens weaker signals). */
function deathContext(v: MessageView): boolean {
  return ['suicide_word', 'passive', 'die', 'hopeless', 'ending'].some((c) => all(v, c as never).some((m: Mention) => polarity(v, m) !== 'denied' && !covered(v, m, 'idiom_death')));
}

const mine = (v: MessageView, m: Mention) => /\b(my|myself|mine|own)\b/.test(wordsAround(v, m, 'sentence').join(' '));

export function assessSelfHarm(v: MessageView): Finding[] {
  const out: Finding[] = [];
  const add = (grade: Grade, why: string) => out.push({ grade, why });
  const context = deathContext(v);

  // 1. Words that only mean one thing (suicide, kms, "end my life") and passive wishes to be gone.
  for (const m of [...all(v, 'suicide_word'), ...all(v, 'passive')]) {
    if (covered(v, m, 'idiom_death')) continue;
    const p = polarity(v, m);
    if (pastAndOver(v, m)) continue;
    if (p === 'denied') {
      // "I'm not going to kill myself but I think about it": denied, yet thought about
      if (has(v, m, 'contemplate', 'sentence') && m.concept === 'suicide_word') { add('possible', `denied but thought about '${m.source}'`); continue; }
      // "I'm not suicidal" denies it; "I don't want to live" / "not want to be here" is the wish itself.
      if (wish(v, m) === 'denied' && /wake|alive|live|living|exist|here/.test(m.source)) add('clear', `no wish to live '${m.source}'`);
      else if (/keep living|worth|stick around|making it|see tomorrow/.test(m.source)) add('clear', `'${m.source}' denied`);
      continue;
    }
    if (inQuestion(v, m) && !has(v, m, 'self', 'sentence') && m.concept === 'suicide_word') { add('possible', `question '${m.source}'`); continue; }
    // "my therapist asked if I've had thoughts of suicide, and no": a question someone asked, told: ask, not the crisis reply
    if (has(v, m, 'reported_question', 'sentence')) { add('possible', `asked by someone '${m.source}'`); continue; }
    // "my daughter is self-harming", "my friend's sister died by suicide": someone else's, yet close to the person: ask
    if (aboutSomeoneElse(v, m)) { add('possible', `someone else's '${m.source}'`); continue; }
    if (has(v, m, 'general_frame', 'sentence') && !has(v, m, 'self', 'clause')) { add('possible', `about others '${m.source}'`); continue; }
    add(m.concept === 'passive' && hedged(v, m) && !context ? 'possible' : 'clear', `'${m.source}'`);
  }
  // A medical emergency said in words: the crisis reply gives the emergency number at once.
  for (const m of all(v, 'emergency')) {
    if (polarity(v, m) === 'denied' || pastAndOver(v, m) || inQuestion(v, m) && !has(v, m, 'self', 'sentence')) continue;
    add(m.fuzzy ? 'possible' : 'clear', `emergency '${m.source}'`);
  }
  for (const m of all(v, 'suicide_weak')) {
    if (polarity(v, m) !== 'denied' && !pastAndOver(v, m)) add(context ? 'clear' : 'possible', `'${m.source}'`);
  }

  // 1b. Hope said and denied: "I don't see a future", "no reason to live", "can't see why I should keep going".
  for (const m of all(v, 'hope_positive')) {
    if (pastAndOver(v, m)) continue;
    const before = v.a.tokens.slice(Math.max(0, m.start - 4), m.start).map((t) => t.surface);
    const denied = polarity(v, m) === 'denied' || wish(v, m) === 'denied' || before.some((w) => ['no', 'not', 'never', 'nothing'].includes(w));
    if (!denied) continue;
    add(/live|living|alive|exist|future|point|reason|go on|keep going|stick around/.test(m.source) ? 'clear' : 'possible', `no hope '${m.source}'`);
  }

  // 2. Not wanting to live, exist or be here: "don't want to be alive", "no point in living".
  for (const m of all(v, 'life')) {
    if (covered(v, m, 'idiom_death') || pastAndOver(v, m)) continue;
    const w = wish(v, m);
    const p = polarity(v, m);
    const clause = wordsAround(v, m);
    const strong = /alive|living|live|exist|earth|world/.test(m.source) || clause.includes('anymore') || clause.includes('more');
    if (w === 'denied' || (w === 'yes' && p === 'denied')) { add(strong ? 'clear' : 'possible', `no wish '${m.source}'`); continue; }
    // "how much easier it would be if I just wasn't alive"
    if (p === 'denied' && /alive|exist|here|around/.test(m.source) && /\b(if|easier|better|rather|wish|hope|relief)\b/.test(wordsAround(v, m, 'sentence').join(' '))) { add('clear', `wish not '${m.source}'`); continue; }
    if (has(v, m, 'hopeless', 'sentence') && /alive|living|live|life|exist/.test(m.source)) { add('clear', `hopeless about '${m.source}'`); continue; }
    // "out of reasons to stay alive", "why I bother staying alive", "count me out of being alive", "I want it to end"
    const around = wordsAround(v, m, 'sentence').join(' ');
    if (/\b(why|bother|reasons?|point|worth|out of|count me out|end|over|rather|relief|easier|survive|only)\b/.test(around) && /alive|living|live|survive|life|still here|on earth|exist/.test(m.source)) {
      add(/alive|living|survive|exist/.test(m.source) ? 'clear' : 'possible', `life '${m.source}' in doubt`);
    }
  }

  // 3. Death and dying with the person as the subject: "want to die", "wish I was dead", "I should just die".
  for (const m of all(v, 'die')) {
    if (covered(v, m, 'idiom_death') || aboutSomeoneElse(v, m) || pastAndOver(v, m)) continue;
    const w = wish(v, m);
    if (w === 'yes' && polarity(v, m) !== 'denied') { add(hedged(v, m) && !context ? 'possible' : 'clear', `wish '${m.source}'`); continue; }
    if (w === 'denied') { add('possible', `"don't want to ${m.source}"`); continue; }
    if (polarity(v, m) === 'denied') continue;
    // "dying would fix everything": death as the way out
    if (/\b(fix|fixes|solve|solves|relief|peace|easier|answer|only way)\b/.test(wordsAround(v, m, 'sentence').join(' '))) { add('clear', `death as a way out '${m.source}'`); continue; }
    if (inQuestion(v, m) && !has(v, m, 'self', 'clause')) continue;           // "can you die from an infection?"
    if (has(v, m, 'laughter', 'sentence') && !has(v, m, 'hopeless', 'message')) continue;  // "i'm dead lol"
    if (has(v, m, 'not_a_person', 'clause') && !has(v, m, 'self', 'clause')) continue;    // "the battery is dead"
    add('possible', `'${m.source}'`);
  }

  // 4. Vanishing, ending it, a plan: "I just want to disappear", "I've set a date", "wrote the note".
  for (const m of [...all(v, 'vanish'), ...all(v, 'ending'), ...all(v, 'plan')]) {
    if (covered(v, m, 'idiom_death') || pastAndOver(v, m) || polarity(v, m) === 'denied') continue;
    if (near(v, m, 'person', 'clause').length > 0 && !has(v, m, 'self', 'clause')) continue;  // "he disappeared"
    if (m.concept !== 'plan' && has(v, m, 'not_a_person', 'clause') && !context) continue;   // "the pain disappeared", "end the session"
    if (m.concept === 'plan' && (inQuestion(v, m) || has(v, m, 'practice_object', 'sentence')) && !context) continue;   // "want to have a plan" for practice
    if (m.concept === 'plan') add(context || has(v, m, 'means', 'message') || has(v, m, 'means_tool', 'message') ? 'clear' : 'possible', `plan '${m.source}'`);
    else if (wish(v, m) === 'yes' || context || has(v, m, 'conditional', 'clause') && has(v, m, 'self', 'clause')) add('possible', `'${m.source}'`);
  }

  // 5. The means: pills counted or saved, a bridge stood on, a blade taken to the skin.
  for (const m of all(v, 'means')) {
    if (pastAndOver(v, m) || polarity(v, m) === 'denied' || has(v, m, 'benign_meds', 'sentence') || covered(v, m, 'benign_meds')) continue;
    if (/^(overdos|od|o d|lethal)/.test(m.source)) {
      add(inQuestion(v, m) && !has(v, m, 'self', 'sentence') && !context ? 'possible' : 'clear', `'${m.source}'`);
      continue;
    }
    const took = has(v, m, 'means_verb', 'sentence');
    const amount = has(v, m, 'quantity', 'sentence');
    const thinking = has(v, m, 'contemplate', 'sentence');
    if (thinking || took && (amount || has(v, m, 'on_purpose', 'sentence')) || context && (took || amount)) add('clear', `means '${m.source}'`);
    else if (amount || context) add('possible', `means '${m.source}'`);
  }
  // "swallowed the whole lot", "emptied the cabinet and swallowed it"
  for (const m of all(v, 'means_verb')) {
    if (!/^swallow/.test(m.source) || polarity(v, m) === 'denied') continue;
    if (has(v, m, 'quantity', 'sentence') || context) add('clear', `swallowed '${m.source}'`);
  }
  // "relapsed", "14 months clean and I broke it": self-harm or another harm coming back
  for (const m of all(v, 'relapse')) {
    if (!/relaps|clean|broke/.test(m.source) || polarity(v, m) === 'denied') continue;
    add(all(v, 'blood').length + all(v, 'wound').length + all(v, 'harm_verb').length > 0 ? 'clear' : 'possible', `relapse '${m.source}'`);
  }
  for (const m of all(v, 'means_place')) {
    if (pastAndOver(v, m) || polarity(v, m) === 'denied') continue;
    if (has(v, m, 'contemplate', 'sentence') || context) add('clear', `place '${m.source}'`);
  }
  for (const m of all(v, 'means_tool')) {
    if (pastAndOver(v, m) || polarity(v, m) === 'denied' || /like|as if/.test(v.a.tokens[m.start - 1]?.surface ?? '')) continue;
    const onBody = has(v, m, 'body_part', 'sentence') && mine(v, m) && !has(v, m, 'accident', 'sentence');
    const lethal = /rope|noose|gun|shotgun|firearm/.test(m.source);
    if (onBody || has(v, m, 'contemplate', 'sentence') && (context || mine(v, m) || lethal) || context) add('clear', `tool '${m.source}'`);
  }

  // 6. Harming one's own body: "cut myself", "scratched my thighs until they bled", "sh'd again".
  for (const m of all(v, 'harm_verb')) {
    if (pastAndOver(v, m) || has(v, m, 'accident', 'sentence') && !has(v, m, 'on_purpose', 'sentence')) continue;
    const slang = /^(sh |shing|did sh|blade out|the blade out)/.test(m.source);
    const after = v.a.tokens.slice(m.end + 1, m.end + 6).map((t) => t.surface);
    // the person does it to their own body: "<verb> myself", "<verb> my arm", "took the scissors to my arm"
    const ownBody = after[0] === 'myself' || after.slice(0, 5).some((w, k) => (w === 'my' || w === 'own') && near(v, m, 'body_part', 'sentence').some((b) => b.start === m.end + k + 2 || b.start === m.end + k + 3));
    const purpose = near(v, m, 'on_purpose', 'sentence').length > 0;
    const relapse = has(v, m, 'relapse', 'sentence') && /^(cut|cutting|sh|slash|carve)/.test(m.source) && !has(v, m, 'pain', 'clause');
    const symptom = /^(burn|sting|hurt|press|pick|bit$|snap)/.test(m.source) && !ownBody;   // "it burns", "tender to press"
    if (slang || relapse) { add('clear', `self-harm '${m.source}'`); continue; }
    if (symptom || !ownBody && !purpose) continue;
    // the exercise or a tool during practice is pain, not self-harm ("hurt myself with the dilator")
    if (has(v, m, 'practice_object', 'sentence') && !purpose) continue;
    if (near(v, m, 'person', 'clause').some((p) => p.end < m.start) && !has(v, m, 'self', 'clause')) continue;   // "he hit me"
    const p = polarity(v, m);
    const w = wish(v, m);
    if (p === 'denied' && w !== 'denied') continue;
    if (w === 'denied') { add('possible', `"don't want to ${m.source}"`); continue; }
    if (has(v, m, 'reported_question', 'sentence')) { add('possible', `asked by someone '${m.source}'`); continue; }
    add(ownBody && (purpose || !hedged(v, m)) || purpose && has(v, m, 'body_part', 'sentence') ? 'clear' : 'possible', `self-harm '${m.source}'`);
  }
  // "pour boiling water on my hand", "used the pieces on my arm": something done onto one's own body, with a
  // harmful thing or on purpose
  for (const b of all(v, 'body_part')) {
    if (pastAndOver(v, b) || has(v, b, 'accident', 'sentence') || b.source === 'myself') continue;
    const before = v.a.tokens.slice(Math.max(0, b.start - 3), b.start).map((t) => t.surface);
    if (!before.includes('my') && !before.includes('own')) continue;
    if (!before.some((w) => ['on', 'into', 'to', 'over', 'against', 'across', 'at'].includes(w))) continue;
    if (has(v, b, 'means_tool', 'sentence') || has(v, b, 'on_purpose', 'sentence') || has(v, b, 'harm_verb', 'sentence') && has(v, b, 'wound', 'message')) add('clear', `harm onto '${b.source}'`);
  }
  for (const m of all(v, 'wound')) {
    if (pastAndOver(v, m) || polarity(v, m) === 'denied') continue;
    if (has(v, m, 'body_part', 'sentence') && mine(v, m) && (has(v, m, 'relapse', 'sentence') || has(v, m, 'on_purpose', 'sentence') || /fresh|new/.test(wordsAround(v, m, 'sentence').join(' ')))) add('clear', `wounds '${m.source}'`);
  }
  // 6b. Marks of an injury on one's own body (not the genitals, which are the red flags' part) that nothing explains:
  // "my thighs are covered in plasters again", "knuckles split open": too often self-harm told sideways, so one kind question
  if (out.length === 0) {
    for (const m of all(v, 'injury_sign')) {
      if (pastAndOver(v, m) || polarity(v, m) === 'denied' || has(v, m, 'accident', 'sentence') || has(v, m, 'lump_place', 'sentence')) continue;
      if (near(v, m, 'person', 'clause').some((p) => p.end < m.start) && !has(v, m, 'self', 'clause')) continue;   // "he left bruises": the abuse rules' part
      if (has(v, m, 'practice_object', 'sentence') || inQuestion(v, m) && !has(v, m, 'self', 'sentence')) continue;
      const ownBody = has(v, m, 'body_part', 'sentence') && mine(v, m);
      if (ownBody || has(v, m, 'on_purpose', 'sentence') || has(v, m, 'relapse', 'sentence')) { add('possible', `marks '${m.source}'`); break; }
    }
  }

  // 7. Hopelessness: "what's the point", "I can't go on", "everyone would be better off without me".
  for (const m of all(v, 'hopeless')) {
    if (polarity(v, m) === 'denied' || pastAndOver(v, m)) continue;
    // frustration with one exercise or object is not hopelessness about life ("what's the point of this stretch")
    const aboutThing = has(v, m, 'not_a_person', 'clause') && !/life|living|alive|everything|anything|me\b|myself|burden|miss me|without me|future/.test(`${m.source} ${wordsAround(v, m).join(' ')}`);
    if (aboutThing) continue;
    if (/give up|gave up|giving up/.test(m.source) && !/everything|life|myself/.test(wordsAround(v, m).join(' '))) continue;
    add('possible', `hopeless '${m.source}'`);
  }

  // 8. The wider net, only when nothing above matched: despair anywhere in the message and, in a sentence about
  // the person, a word of finality ("gone", "the end", "not here", "forever", "pills"): one kind question.
  if (out.length === 0) {
    const despair = all(v, 'despair').filter((m) => polarity(v, m) !== 'denied' && !pastAndOver(v, m));
    const final = all(v, 'finality').filter((m) => polarity(v, m) !== 'denied' && !covered(v, m, 'idiom_death') && !aboutSomeoneElse(v, m)
      && !pastAndOver(v, m) && !(has(v, m, 'not_a_person', 'clause') && !has(v, m, 'self', 'clause')));
    if (despair.length > 0 && final.length > 0) add('possible', `despair '${despair[0]!.source}' with '${final[0]!.source}'`);
    // a word of finality about oneself, without an idiom or an object around it, is worth one kind question too
    else if (final.some((m) => has(v, m, 'self', 'sentence') && !has(v, m, 'practice_object', 'sentence') && !has(v, m, 'laughter', 'sentence')
      && /^(die|dying|dead|death|be gone|disappear|vanish|funeral|grave|not here|not around|stop breathing|never wake|sleep forever|end it|end things|end everything|cease|without me|rid of me|in the ground|six feet|take my life|overdose|rope)/.test(m.source))) {
      add('possible', `finality '${final[0]!.source}'`);
    }
  }
  return out;
}
