// Someone forcing, pressuring, threatening, controlling or hurting the person, or not stopping when
// told; feeling unsafe at home (PROGRAM-RULES section 4, crisis). WHO acts (a partner, "he", anyone in
// the message: not the dilator, not the person themselves), WHAT they do (kinds of act below), WHEN
// (now, or long past: an ex, years ago, which is history, not crisis) and HOW SURE (a denial in the same
// clause: "he never pushes me"; a worry: "I'm scared he'll leave me"). Clear -> the crisis reply;
// possible -> "are you safe?".
import type { Concept } from './lexicon.js';
import type { Mention } from './tag-concepts.js';
import { all, has, inQuestion, longPast, near, polarity, type MessageView, wordsAround } from './message-view.js';
import type { Finding } from './assess-self-harm.js';

/** What a threat threatens: harm, force, leaving, control, anger. */
const HARMS: Concept[] = ['threat', 'violence', 'sexual_force', 'relationship_worry', 'control', 'anger_strong', 'not_stopping', 'coerce_soft'];

/** Acts that need a person doing them; each alone is clear when current and not denied. */
const STRONG: Concept[] = ['violence', 'sexual_force', 'control'];

function current(v: MessageView, m: Mention): boolean {
  // an ex, years ago, as a child: history (asked about at onboarding), unless the sentence says it is now
  return !longPast(v, m) && !longPast(v, m, 'clause');
}

function live(v: MessageView, m: Mention): boolean {
  return polarity(v, m) !== 'denied' && current(v, m);
}

/** The act is someone else's, not the person's own ("I force myself", "I push myself too hard"). */
function byOther(v: MessageView, m: Mention): boolean {
  const clause = wordsAround(v, m);
  if (clause.includes('myself') && !has(v, m, 'person', 'clause')) return false;
  return has(v, m, 'person', 'message');
}

export function assessAbuse(v: MessageView): Finding[] {
  const out: Finding[] = [];
  const add = (grade: Finding['grade'], why: string) => out.push({ grade, why });
  const anyPerson = all(v, 'person').length > 0;
  const refusal = all(v, 'refusal').some((m) => current(v, m));
  const sex = all(v, 'sex_or_practice').length > 0;

  for (const concept of STRONG) {
    for (const m of all(v, concept)) {
      if (!live(v, m) || !byOther(v, m)) continue;
      // "I could strangle my flatmate": the person is the one speaking of doing it
      const before = v.a.tokens.slice(Math.max(0, m.start - 3), m.start).map((t) => t.surface);
      if (before.includes('i') && !before.includes('was') && !before.includes('got') && !before.includes('been')) continue;
      // "he hit the dilator against the table", "I was assaulted years ago" are filtered above; worry is not an act
      if (has(v, m, 'worry', 'clause') && !has(v, m, 'speech', 'clause')) { add('possible', `feared '${m.source}'`); continue; }
      add('clear', `${concept} '${m.source}'`);
    }
  }

  // Carrying on after a "stop" or a "no", or while they cry.
  for (const m of all(v, 'not_stopping')) {
    if (!live(v, m) || !byOther(v, m)) continue;
    if (v.a.tokens.slice(Math.max(0, m.start - 2), m.start).some((t) => t.surface === 'i')) continue;   // I kept going (the person themselves)
    if (refusal) add('clear', `not stopping '${m.source}'`);
    else if (sex) add('possible', `not stopping '${m.source}'`);
  }

  // A threat tied to sex or to saying no: "if I say no one more time he'll take it"; a worry is not a threat.
  for (const m of all(v, 'threat')) {
    if (!live(v, m) || !anyPerson) continue;
    const said = has(v, m, 'speech', 'sentence') || /^threat/.test(m.source);
    const tied = has(v, m, 'conditional', 'sentence') || refusal || sex;
    if (has(v, m, 'worry', 'sentence') && !said) continue;          // "I'm scared he'll leave me over this"
    if (said && tied) add('clear', `threat '${m.source}'`);
    else if (said) add('possible', `threat '${m.source}'`);
  }

  // The shape of a threat: someone says that if the person does (or does not do) something, they will do
  // something ("he says if I say no again he'll ...", "she told me next time I stall she'll ..."); a worry is not one.
  for (const c of all(v, 'conditional')) {
    if (!current(v, c)) continue;
    const sentence = wordsAround(v, c, 'sentence').join(' ');
    const told = has(v, c, 'speech', 'sentence') && has(v, c, 'person', 'sentence');
    const consequence = /\b(he|she|they) (will|would|is going to|is gonna)\b|\bi (will|would) be\b|\bor else\b/.test(sentence);
    // the consequence is a harm ("he'll leave", "she'll take the kids", "he'll make me"), not a kindness ("he'll stop if I say so")
    const harm = HARMS.some((h) => has(v, c, h, 'sentence'));
    if (told && consequence && harm && !has(v, c, 'worry', 'sentence')) { add('clear', `threat: if ... then '${c.source}'`); break; }
  }

  // Fear of a person, not feeling safe at home.
  for (const m of all(v, 'fear')) {
    if (!live(v, m)) continue;
    if (inQuestion(v, m) && !has(v, m, 'self', 'sentence')) continue;   // "is it unsafe to use an old dilator?"
    if (/unsafe|not safe/.test(m.source) && has(v, m, 'practice_object', 'clause')) continue;
    const named = /him|her|he |she |partner|husband|boyfriend|wife|girlfriend|home|house|room|safe/.test(m.source);
    if (!named && !has(v, m, 'person', 'sentence')) continue;   // "dreading the wedding"
    if (has(v, m, 'relationship_worry', 'clause')) continue;      // "scared he'll resent me / leave me": a worry about the relationship, not fear of harm
    // a fear word that names nobody ("dreading") is fear of a person only when the person comes after it: "dreading
    // when he gets home", not "my boyfriend asked the question I've been dreading"; even then, one kind question
    if (!named) {
      if (near(v, m, 'person', 'clause').some((p) => p.start > m.end)) add('possible', `fear '${m.source}'`);
      continue;
    }
    add(anyPerson || /home|house|room|him|her/.test(`${m.source} ${wordsAround(v, m, 'sentence').join(' ')}`) ? 'clear' : 'possible', `fear '${m.source}'`);
  }

  // Anger at a "no" or a "stop".
  for (const m of all(v, 'anger_strong')) {
    if (!live(v, m) || !byOther(v, m)) continue;
    const atMe = /\bme\b/.test(wordsAround(v, m).join(' ')) || /\bme\b/.test(m.source);
    if (refusal && has(v, m, 'person', 'sentence') || atMe && sex) add('clear', `anger '${m.source}'`);
    else if (atMe || has(v, m, 'sex_or_practice', 'sentence') && has(v, m, 'person', 'sentence')) add('possible', `anger '${m.source}'`);
  }
  for (const m of all(v, 'anger_soft')) {
    if (!live(v, m) || !byOther(v, m) || !refusal) continue;
    if (has(v, m, 'person', 'clause')) add('possible', `upset at a refusal '${m.source}'`);
  }

  // Pressure, guilt, "he's been patient enough", "I just give in".
  for (const m of all(v, 'coerce_soft')) {
    if (!live(v, m) || !byOther(v, m) || !has(v, m, 'person', 'sentence')) continue;
    if (/^(at|from) (work|my job|school|uni)/.test(v.a.tokens.slice(m.end + 1, m.end + 3).map((t) => t.surface).join(' '))) continue;
    if (/^(make me|makes me|made me|making me)$/.test(m.source) && !sex && !refusal) continue;   // "he makes me laugh"
    if (/^(push|pushed|pushing|pushes)$/.test(m.source) && !/\bme\b/.test(wordsAround(v, m).join(' '))) continue;
    add(sex && (refusal || has(v, m, 'present_marker', 'sentence')) ? 'clear' : 'possible', `pressure '${m.source}'`);
  }

  // The wider net, only when nothing above matched: a person, sex or practice, and a "no" or a "stop" that
  // was not respected ("anyway", "even though", "he got upset", "my fault") in the person's sentence: ask.
  const someone = all(v, 'person').some((p) => !['they', 'them', 'their'].includes(p.source));
  // a person, sex or practice, and a refusal with any sign of displeasure or pressure: one kind question
  if (out.length === 0 && someone && sex && refusal) {
    const pushy = ['anger_soft', 'coerce_soft', 'aftermath', 'fear'].some((c) => all(v, c as never).some((m: Mention) => polarity(v, m) !== 'denied' && current(v, m)
      && near(v, m, 'person', 'sentence').some((p) => !['they', 'them', 'their'].includes(p.source)) && has(v, m, 'refusal', 'sentence')));
    if (pushy) add('possible', 'a refusal met with displeasure');
  }
  if (out.length === 0 && someone && sex) {
    for (const m of all(v, 'aftermath')) {
      if (polarity(v, m) === 'denied' || !current(v, m) || !near(v, m, 'person', 'sentence').some((p: Mention) => !['they', 'them', 'their'].includes(p.source))) continue;
      if (has(v, m, 'refusal', 'sentence')) { add('possible', `not respected '${m.source}'`); break; }
    }
  }
  return out;
}
