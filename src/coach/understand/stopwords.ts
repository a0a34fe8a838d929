// Function words. GLUE words are skipped when matching a term's words in a message ("a bulge at
// the opening" still matches "bulge ... opening"); STOP words additionally carry no topic meaning.
// Negation words are deliberately in neither list: they are handled by the negation scope.

const glue = `a an the my your his her its their our some any of 's is am are was were be been being
  that this these those it i me you he she we they him them us which who whom have has had do does did
  will would shall should can could may might must just so very really quite pretty rather bit little lot
  lots kind sort kinda sorta like um uh er erm oh ah hmm well too also even`;

const stop = `${glue} and or but if then than because as until while at by for with about against
  between into through during before after above below to from up down in out on off over under again
  further once here there when where why how all both each few more most other such own same
  now today tonight yesterday tomorrow what whats whatever whenever wherever who whose yet still already
  ever every get got getting gets go goes going went come came make made know knew think thought want
  wanted feel felt say said tell told please thanks thank thx hi hello hey
  ok okay yes yeah yep yup sure lol lmao omg tbh ngl imo haha hahaha wow ugh idk
  myself yourself herself himself itself ourselves themselves anything something everything nothing
  anyone someone everyone one ones thing things stuff way ways much many lot lots
  really actually basically literally honestly definitely probably maybe perhaps guess try tried trying
  use used using usually always often sometimes around almost put puts putting take takes took taking give gives
  gave keep keeps kept start started starting find found look looked seem seems seemed am pm oclock fine good great
  alright nice`;

/** Skipped inside a term match and carry no meaning of their own. */
export const GLUE_WORDS: ReadonlySet<string> = new Set(glue.split(/\s+/).filter(Boolean));

/** Words with no topic meaning (GLUE_WORDS plus prepositions, discourse words, light verbs). */
export const STOP_WORDS: ReadonlySet<string> = new Set(stop.split(/\s+/).filter(Boolean));

/** Negation cues (after contraction expansion: "don't" is "do not"). */
export const NEGATION_WORDS: ReadonlySet<string> = new Set(['no', 'not', 'never', 'without', 'none', 'nor', 'neither', 'zero', 'non', 'nope', 'nah', 'nothing']);
