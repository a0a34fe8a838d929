// A light English stemmer: enough to make "bleeding", "bleeds" and "bled" meet, "burns" and
// "burning" meet, and British and American spellings meet. Both sides of every comparison (content
// terms and user words) go through it, so it only has to be consistent, not linguistically exact.

const IRREGULAR = new Map<string, string>(Object.entries({
  bled: 'bleed', felt: 'feel', went: 'go', gone: 'go', did: 'do', done: 'do', does: 'do', doing: 'do',
  was: 'be', were: 'be', been: 'be', being: 'be', am: 'be', is: 'be', are: 'be',
  had: 'have', has: 'have', having: 'have', got: 'get', gotten: 'get', took: 'take', taken: 'take',
  thought: 'think', told: 'tell', said: 'say', saw: 'see', seen: 'see', came: 'come', made: 'make',
  swollen: 'swell', tore: 'tear', torn: 'tear', stung: 'sting', burnt: 'burn', smelt: 'smell', sore: 'sore', soreness: 'sore',
  worse: 'worse', worst: 'worse', better: 'better', best: 'better', ran: 'run', sat: 'sit', lay: 'lie', lain: 'lie',
  women: 'woman', men: 'man', children: 'child', feet: 'foot', teeth: 'tooth', agreed: 'agree', achy: 'ache',
  practise: 'practice', practised: 'practice', practising: 'practice', practises: 'practice', practicing: 'practice', practiced: 'practice',
  oestrogen: 'estrogen', gynaecologist: 'gynecologist', gynaecology: 'gynecology', haemorrhage: 'hemorrhage',
  anaemia: 'anemia', paediatric: 'pediatric', fiance: 'fiance', fiancee: 'fiance', kegal: 'kegel', kegals: 'kegel',
  ready: 'ready', early: 'early', every: 'every', very: 'very', only: 'only', family: 'family', body: 'body',
  story: 'story', sorry: 'sorry', worry: 'worry', worried: 'worry', worries: 'worry', worrying: 'worry',
  angry: 'angry', hungry: 'hungry', scary: 'scary', happy: 'happy', easy: 'easy', busy: 'busy', lady: 'lady',
  baby: 'baby', babies: 'baby', any: 'any', many: 'many', really: 'really', reply: 'reply', city: 'city',
  this: 'this', thus: 'thus', yes: 'yes', less: 'less', unless: 'unless', bless: 'bless', process: 'process',
  always: 'always', perhaps: 'perhaps', various: 'various', news: 'news', lens: 'lens', bus: 'bus', gas: 'gas',
  uterus: 'uterus', vaginismus: 'vaginismus', painless: 'painless', bottomless: 'bottomless', stress: 'stress',
  pus: 'pus', virus: 'virus', anus: 'anus', clitoris: 'clitoris', pelvis: 'pelvis', thrush: 'thrush',
}));

const VOWEL = /[aeiouy]/;
const DOUBLE_END = /([bdfgkmnprt])\1$/; // "spott" -> "spot", "stopp" -> "stop" (not ll, ss, zz)

/** British -our/-ise spellings to American, so "odour"/"odor" and "moisturiser"/"moisturizer" meet. */
function americanize(w: string): string {
  if (w.length >= 5) {
    const our = /^([a-z]{2,})our(s|ed|ing|less|y|ful)?$/.exec(w);
    if (our) return `${our[1]}or${our[2] ?? ''}`;
    const ise = /^([a-z]{3,})is(e|es|ed|ing|er|ers|ation|ations)$/.exec(w);
    if (ise) return `${ise[1]}iz${ise[2]}`;
  }
  return w;
}

function stripFinalE(w: string): string {
  return w.length > 3 && w.endsWith('e') && !w.endsWith('ee') ? w.slice(0, -1) : w;
}

function undouble(w: string): string {
  return DOUBLE_END.test(w) ? w.slice(0, -1) : w;
}

const cache = new Map<string, string>();

/** Stem one lower-case word. Digits and short words are returned as they are. */
export function stem(word: string): string {
  const hit = cache.get(word);
  if (hit !== undefined) return hit;
  const out = computeStem(word);
  if (cache.size > 20_000) cache.clear();
  cache.set(word, out);
  return out;
}

function computeStem(word: string): string {
  const w = word.replace(/'/g, '');
  if (w.length <= 3 || !/^[a-z]+$/.test(w)) return IRREGULAR.get(w) ?? w;
  const lemma = IRREGULAR.get(w) ?? IRREGULAR.get(americanize(w));
  // irregular forms map to a base word; an entry mapping to itself means "leave this word alone"
  if (lemma !== undefined) return IRREGULAR.get(lemma) === lemma ? lemma : algorithmic(americanize(lemma));
  return algorithmic(americanize(w));
}

function algorithmic(w: string): string {
  if (w.length <= 3) return w;

  if (w.endsWith('ies') && w.length > 4) return `${w.slice(0, -3)}y`;
  if (w.endsWith('ied') && w.length > 4) return `${w.slice(0, -3)}y`;
  if (w.endsWith('ness') && w.length > 6) return stripFinalE(w.slice(0, -4));
  if (w.endsWith('fully') && w.length > 7) return w.slice(0, -5);
  if (w.endsWith('ful') && w.length > 5) return w.slice(0, -3);
  if (w.endsWith('ingly') && w.length > 7) w = w.slice(0, -2);
  if (w.endsWith('ing') && w.length > 5) {
    const base = w.slice(0, -3);
    return VOWEL.test(base) ? stripFinalE(undouble(base)) : w;
  }
  if (w.endsWith('eed')) return w;                       // bleed, need, feed
  if (w.endsWith('ed') && w.length > 4) {
    const base = w.slice(0, -2);
    return VOWEL.test(base) ? stripFinalE(undouble(base)) : w;
  }
  // adverbs only: "smelly", "fishy", "bloody" are kept apart from "smell", "fish", "blood" (content lists them itself)
  if (w.endsWith('ly') && w.length > 5 && !w.endsWith('lly')) return stripFinalE(w.slice(0, -2));
  if (w.endsWith('ally') && w.length > 6) return w.slice(0, -2);
  if (w.endsWith('sses')) return w.slice(0, -2);
  if (w.endsWith('es') && /(?:ch|sh|x|ss|zz)es$/.test(w)) return w.slice(0, -2);
  if (w.endsWith('s') && !/(?:ss|us|is|ous)$/.test(w)) return stripFinalE(w.slice(0, -1));
  return stripFinalE(w);
}
