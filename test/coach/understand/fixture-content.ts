// A small, hand-written Content object for unit tests of the understanding module.
// It mirrors the shape and style of flows/ (same sections, realistic terms and phrases) but is
// independent of it, so these tests do not change when the real content is edited.
import type { Content, RedFlagKind } from '../../../src/content/schema.js';
import { loadContent } from '../../../src/content/load-content.js';
import { PARAMS } from '../progression/params.js';

const r = { source: 'test fixture', reviewed_by: 'test', reviewed_on: '2026-01-01', required_terms: [] as string[] };

function topic(id: string, title: string, phrases: string[], text: string) {
  return { ...r, id, rephrasable: true, title, phrases, text };
}

function flag(id: string, label: string, detects: RedFlagKind[], terms: string[], confirm: string) {
  return { ...r, id, rephrasable: false as const, label, detects, terms, confirm };
}

export const fixtureContent: Content = {
  version: 'fixture-1',
  parameters: PARAMS,
  messages: [
    { ...r, id: 'help', rephrasable: true, text: 'You can say done, skip, repeat, pause, stop, progress, or ask me a question.' },
    { ...r, id: 'disclaimer', rephrasable: false, text: 'This coach is for education only and is not medical advice.' },
  ],
  circuit: [
    {
      ...r, id: 'circuit.breath', rephrasable: true, name: '90/90 diaphragm breath', minutes: { min: 3, max: 3 },
      text: 'Lie on your back with your calves on a chair. Breathe in through your nose so your ribs widen; breathe out slowly through pursed lips.',
    },
    {
      ...r, id: 'circuit.hips', rephrasable: true, name: 'Hip openers', minutes: { min: 3, max: 4 }, choose: 2,
      text: 'Pick two of these hip openers.',
      options: [
        { ...r, id: 'circuit.hips.child', rephrasable: true, name: "Child's pose, knees wide", text: 'Kneel, knees wide, rest your chest down. 5-8 slow breaths.' },
        { ...r, id: 'circuit.hips.baby', rephrasable: true, name: 'Happy baby', text: 'On your back, hold your feet and rock gently.' },
        { ...r, id: 'circuit.hips.figure4', rephrasable: true, name: 'Figure-4 stretch', text: 'On your back, ankle over the opposite knee.' },
      ],
    },
  ],
  steps: [
    {
      ...r, id: 'step.1', rephrasable: true, number: 1, name: 'External mapping', uses_dilator: false, advance_by_size: false,
      text: 'With clean hands and lube, trace light circles around the vulva. No penetration.', target: 'Tenderness fades within 30-60 seconds.',
    },
    {
      ...r, id: 'step.4', rephrasable: true, number: 4, name: 'Dilator', uses_dilator: true, advance_by_size: true, hold_seconds: { min: 60, max: 180 },
      text: 'Use the smallest dilator that feels easy, with plenty of lube. Insert on an inhale.', target: 'Hold 1-3 minutes comfortably.',
    },
  ],
  reset_schedule: [],
  strength: [],
  guidance: [
    { ...r, id: 'guidance.arousal', rephrasable: true, text: 'Arousal first: longer touch without penetration, lube even when you feel wet, and warmth.' },
  ],
  troubleshooting: [
    topic('ts.burning', 'Burning at the entrance', [
      'it burns at the entrance', 'burning feeling when I insert', 'stinging at the opening', 'it feels raw', 'burning sensation',
    ], 'Use more lube, slow your breath and try lying on your side. A daily vaginal moisturiser can help; ask your clinician about local estrogen.'),
    topic('ts.clench', 'My muscles clench on their own', [
      'my muscles clench automatically', 'I tense up before anything goes in', 'my body clamps shut', 'involuntary tightening', "I can't relax down there",
    ], 'Pair every breath out with a jaw release: hum or sigh. Practise reverse Kegels in the shower.'),
    topic('ts.thrusting', 'Insertion is fine, but movement hurts', [
      'insertion is ok but thrusting hurts', 'it hurts when my partner moves', 'movement is painful', "it's fine until we start moving",
    ], 'Go back to stillness, spend longer on arousal, and try only tiny angle changes or micro-movements.'),
    topic('ts.fear', 'The fear is louder than the body', [
      "I'm scared", 'I feel anxious before practice', 'fear of pain stops me', 'I panic when I try', "I'm too nervous to start",
    ], 'Keep sessions short and successful. Write one sentence in your journal: what felt safe today?'),
    topic('ts.soreness', 'Sore the next day', [
      "I'm sore the next day", 'it aches the day after', 'soreness after practice', 'tender the morning after',
    ], 'Use less time or a smaller size, add hip openers and warmth. When the soreness has gone, resume at the previous easy step.'),
  ],
  faq: [
    topic('faq.vaginismus_vs_dyspareunia', 'Vaginismus or painful sex?', [
      "what's the difference between vaginismus and dyspareunia", 'is this vaginismus or just painful sex', 'what is vaginismus',
    ], 'Vaginismus is an involuntary tightening of the pelvic floor. Dyspareunia is the broad word for painful sex, with many causes.'),
    topic('faq.kegels', 'Will Kegels help or make it worse?', [
      'should I do kegels', 'will kegels make it worse', 'can I strengthen my pelvic floor',
    ], 'Early on, strong Kegels can add guarding. Start with relaxation; gentle strength comes much later.'),
    topic('faq.dilators', 'Do I have to use dilators?', [
      'do I need dilators', 'are dilators necessary', 'can I skip the dilator', "I don't want to use dilators",
    ], 'Not everyone needs them, but they give a predictable, stepwise stretch. Always use plenty of lube.'),
    topic('faq.timeline', 'How long will this take?', [
      'how long does it take', 'when will I see results', 'how many weeks until it works', 'will this ever get better',
    ], 'Many people notice changes within 2-6 weeks of regular practice. Timelines vary.'),
    topic('faq.postpartum_trauma', 'Is this safe after birth or trauma?', [
      'is this safe after giving birth', 'I had a baby recently', 'I have a history of sexual trauma', 'after assault',
    ], 'Yes, with clearance from your provider and a slower pace. A pelvic health physiotherapist can tailor the plan.'),
    topic('faq.see_clinician', 'When should I see a clinician?', [
      'when should I see a doctor', 'do I need a physio', 'should I see a pelvic floor therapist', 'who should I see about this',
    ], 'See a pelvic health PT or clinician if pain is sharp or worsening, if progress stalls after 4-6 weeks, or for any red flag.'),
    topic('faq.lube', 'Which lubricant?', [
      'what lube should I use', 'which lubricant is best', 'is coconut oil ok as lube',
    ], 'Use a generous amount of body-safe lubricant; water-based works with every dilator.'),
    topic('faq.positions', 'Which positions are easiest?', [
      'what position should we try', 'best position for penetration', 'is side lying better',
    ], 'Side-lying, you on top, or the edge of the bed with pillows. Avoid deep hip flexion early on.'),
  ],
  red_flags: [
    flag('rf.bleeding', 'Unexplained bleeding', ['bleeding'], ['bleeding', 'blood', 'spotting', 'bled'], 'Are you having bleeding now that you cannot explain?'),
    flag('rf.fever', 'Fever', ['fever'], ['fever', 'high temperature', 'feverish', 'chills'], 'Do you have a fever or chills right now?'),
    flag('rf.odour', 'Foul odour', ['odour'], ['foul odour', 'bad smell', 'smells fishy', 'strange discharge', 'smelly'], 'Have you noticed an unusual or bad smell?'),
    flag('rf.infection', 'Suspected infection', ['infection'], ['infection', 'infected', 'thrush', 'uti', 'yeast infection'], 'Do you think you might have an infection?'),
    flag('rf.prolapse', 'Bulge or persistent pressure', ['bulge', 'pressure'], ['bulge', 'bulging', 'something coming out', 'lump at the opening', 'persistent pressure', 'pressure down there'], 'Can you see or feel a bulge at the opening, or constant pressure?'),
    flag('rf.sharp_pain', 'Sharp or escalating pain', ['sharp_pain'], ['sharp pain', 'stabbing pain', 'pain getting worse', 'escalating pain'], 'Is the pain sharp, or getting worse?'),
    flag('rf.pain_not_settling', 'Pain that does not settle', ['lasting_pain'], ["pain that won't go away", 'pain lasting days', "pain hasn't settled", 'still hurts after two days'], 'Has pain lasted more than a day or two without settling?'),
  ],
  history_flags: [],
  feelings: [],
  small_talk: [],
  // the real safety lexicon: the rules are tested against the words people use, not a fixture's
  safety_lexicon: loadContent().safety_lexicon,
  synonyms: [
    ['burn', 'burning', 'sting', 'stinging', 'raw'],
    ['clench', 'tense', 'tighten', 'tight', 'clamp', 'squeeze', 'guard', 'lock up'],
    ['fear', 'scared', 'afraid', 'anxious', 'nervous', 'panic', 'terrified', 'dread'],
    ['sore', 'soreness', 'ache', 'achy', 'tender'],
    ['thrust', 'thrusting', 'movement', 'moving', 'motion'],
    ['dilator', 'trainer'],
    ['lube', 'lubricant', 'lubrication'],
    ['doctor', 'gp', 'gyno', 'gynecologist', 'physio', 'physiotherapist', 'pt', 'clinician', 'therapist'],
    ['partner', 'boyfriend', 'girlfriend', 'husband', 'wife', 'bf', 'gf'],
    ['sex', 'intercourse', 'penetration'],
    ['pain', 'hurt', 'painful'],
    ['smell', 'odour', 'odor', 'stink'],
    ['bleed', 'blood', 'bleeding', 'spotting'],
    ['birth', 'baby', 'postpartum', 'delivery'],
  ],
};

export const hipOptions = ["Child's pose, knees wide", 'Happy baby', 'Figure-4 stretch'];
