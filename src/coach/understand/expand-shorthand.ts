// Expands contractions, missing-apostrophe contractions and common chat shorthand, so later steps
// see "do not" for "dont"/"don't" and "i am" for "im". Input is folded (lower-case, ASCII quotes).

// Whole words written without apostrophes (or as chat shorthand) -> their expansion.
const WORDS = new Map<string, string>(Object.entries({
  dont: 'do not', didnt: 'did not', doesnt: 'does not', isnt: 'is not', wasnt: 'was not', werent: 'were not',
  arent: 'are not', havent: 'have not', hasnt: 'has not', hadnt: 'had not', cant: 'can not', cannot: 'can not',
  couldnt: 'could not', wouldnt: 'would not', shouldnt: 'should not', wont: 'will not', aint: 'is not',
  mustnt: 'must not', neednt: 'need not', im: 'i am', ive: 'i have', youre: 'you are', theyre: 'they are',
  thats: "that 's", theres: "there 's", whats: "what 's", hows: "how 's", its: "it 's", lets: 'let us',
  shes: "she 's", hes: "he 's", itll: 'it will',
  u: 'you', ur: 'your', pls: 'please', plz: 'please', pleez: 'please', plx: 'please',
  thx: 'thanks', thanx: 'thanks', ty: 'thanks', tysm: 'thanks',
  idk: 'i do not know', dunno: 'do not know', idc: 'i do not care',
  gonna: 'going to', wanna: 'want to', gotta: 'got to', hafta: 'have to', kinda: 'kind of', sorta: 'sort of',
  cuz: 'because', coz: 'because', cos: 'because', bc: 'because', bcuz: 'because', becuz: 'because', bcoz: 'because',
  rn: 'right now', abt: 'about', bout: 'about', b4: 'before', '2day': 'today', '2nite': 'tonight', tonite: 'tonight', nite: 'night',
  tmrw: 'tomorrow', tmr: 'tomorrow', tmrrw: 'tomorrow', tomoz: 'tomorrow', tomorow: 'tomorrow', tommorow: 'tomorrow', tommorrow: 'tomorrow',
  yday: 'yesterday', yest: 'yesterday', yesterdy: 'yesterday',
  prob: 'probably', probs: 'probably', prolly: 'probably', smth: 'something', sth: 'something', somethin: 'something',
  ppl: 'people', bcs: 'because', ok: 'ok', okay: 'ok', okey: 'ok', k: 'ok', kk: 'ok', okie: 'ok', oki: 'ok', okk: 'ok',
  alot: 'a lot', abit: 'a bit', alittle: 'a little', everytime: 'every time', anymore: 'anymore', noone: 'no one',
  w: 'with', nvm: 'never mind', nevermind: 'never mind', lemme: 'let me', gimme: 'give me', temp: 'temperature', temps: 'temperature', meds: 'medication',
  hurted: 'hurt', bleeded: 'bled', gyn: 'gyno', obgyn: 'gyno', 'ob-gyn': 'gyno',
}));

/** Apostrophe contractions. Order matters: the irregular negatives first. */
const CONTRACTIONS: Array<[RegExp, string]> = [
  [/\bcan'?t\b/g, 'can not'],
  [/\bwon't\b/g, 'will not'],
  [/\bshan't\b/g, 'shall not'],
  [/\bain't\b/g, 'is not'],
  [/\b([a-z]+)n't\b/g, '$1 not'],
  [/\b(i)'m\b/g, '$1 am'],
  [/\b([a-z]+)'re\b/g, '$1 are'],
  [/\b([a-z]+)'ve\b/g, '$1 have'],
  [/\b([a-z]+)'ll\b/g, '$1 will'],
  [/\b([a-z]+)'d\b/g, '$1 would'],
  [/\blet's\b/g, 'let us'],
  [/\b([a-z]+)'s\b/g, "$1 's"],
  [/\bw\/o\b/g, 'without'],
  [/\bw\/(?=\s|$)/g, 'with '],
];

/** Expand contractions and shorthand in folded text. Keeps punctuation; never throws. */
export function expandShorthand(folded: string): string {
  let s = folded;
  for (const [re, to] of CONTRACTIONS) s = s.replace(re, to);
  return s.replace(/[\p{L}\p{N}][\p{L}\p{N}-]*/gu, (w) => {
    return WORDS.get(w) ?? w;
  });
}
