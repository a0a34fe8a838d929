// General everyday English that a rephrase may use even when its source does not: the words of a warm,
// plain register (greetings, reassurance, linking words, everyday verbs and nouns).
//
// How the list was made (so it is not tuned to any model's output): common words of everyday English,
// chosen by category, then with whole categories left OUT because a new word from them could change
// the facts of a step or add advice:
//   - numbers and quantity words (one, two, half, double, twice, ...): numbers are checked separately
//   - time units and frequency (second, minute, hour, day, week, daily, every, always, never, ...)
//   - dose and intensity comparatives (more, less, longer, shorter, deeper, further, extra, plenty, ...)
//   - body parts, anatomy, medical, product and procedure words, professions (see medical-terms.ts)
//   - verbs of actions on the body (breathe, push, insert, stretch, squeeze, relax, rest, sleep, ...)
// Words listed in medical-terms.ts are removed from this list when it is loaded, whatever is written here.
// Inflections (-s, -ed, -ing, -ly, -er) are matched by a small stemmer, so list base forms.
export const FUNCTION_WORDS_TEXT = `
a an the this that these those there here it its it's itself
i i'm i'll i've i'd me my mine myself we we're we'll we've we'd us our ours ourselves
you you're you'll you've you'd your yours yourself yourselves
he she they they're they'll they've them their theirs themselves
and or but so nor yet because since though although while whereas if unless until till whether
as than then when whenever where wherever why how what which who whom whose whatever whichever
to of in on at by for from with without within into onto upon about above below under over
through throughout across along around among between beside besides beyond near off out up down
after before during toward towards past via like unlike per despite against
is am are was were be been being isn't aren't wasn't weren't
do does did doing done don't doesn't didn't
have has had having haven't hasn't hadn't
can can't cannot could couldn't will won't would wouldn't shall should shouldn't may might must
need needn't ought let's that's there's here's what's who's where's how's
not no yes also too very really quite rather just only even still already again
all any some such own same other another both either neither
`;

export const STYLE_WORDS_TEXT = `
# greetings, thanks, reassurance
hi hello hey welcome thanks thank please sorry okay ok alright right sure great good lovely nice
wonderful brilliant fantastic glad happy pleased proud well fine perfect cheers bye goodbye
congratulations congrats bravo kind kindly warm warmly gentle gently soft softly calm calmly
easy easily simple simply clear clearly honest honestly truly sincerely dear hooray
# linking and discourse
now so well anyway actually basically indeed instead otherwise meanwhile also plus
altogether overall total in total all in all
first firstly next finally lastly later soon earlier afterwards beforehand together apart
maybe perhaps probably possibly certainly definitely of course naturally usually often sometimes
generally mostly mainly especially particularly exactly nearly almost about around roughly
ahead along away back forward onward home inside outside somewhere anywhere everywhere nowhere
anything something everything nothing anyone someone everyone nobody somebody everybody
whole entire part bit piece kind sort type way ways
# everyday verbs
be become begin beginning began begun bring bringing brought build call came come coming
carry carried change choose chose chosen close continue decide do doing done end enjoy feel
feeling felt find found finish follow get getting got give given go going gone goes went
grow happen have help hope keep kept know knew known learn leave let like look looking make
made mean meant mind move need notice offer open pick plan prefer ready remember say said see
seen seem show sound speak spend spent start stay stick take taking took taken talk tell think
thought try trying tried turn understand wait want welcome wish wonder work write written
allow appreciate agree ask check choose count share suit return reach manage matter handle
guide lead join listen hear heard meet miss note read realise realize recognise recognize
believe trust care expect improve settle support aim build focus reflect celebrate
# everyday nouns (no time units, body, medical or product words)
thing things place point step steps stage level way path journey progress process plan
goal aim idea question answer reply message note word words sentence list choice option
chance moment time pace rhythm rush hurry break pause space room
start beginning middle end part piece bit side sense feeling feelings thought thoughts mind
heart self life world people person someone friend friends family home
experience practice session sessions routine habit exercise exercises work effort energy
comfort ease calm peace patience kindness courage confidence trust care support help
success win wins progress change changes difference result results problem problems worry
worries concern question questions reason reasons sign signs signal need needs
check-in checkin
# everyday adjectives (no comparatives of dose or size)
able available new old usual normal common natural important useful helpful possible
ready steady safe secure comfortable uncomfortable relaxed relaxing gentle kind caring
small tiny little large big few many much fine okay sure unsure certain true real whole
free own different same similar right wrong best better worse good bad great nice
quiet peaceful patient careful slow quick calm tired busy hard tough difficult easy simple
clear sure wise positive negative open closed enough main key whole full empty
own personal private brave strong proud lucky special ideal
# warm phrases and words of encouragement
keep going well done nice work good job you've got this no worries no problem take care
step by step bit by bit at your own pace in your own time whenever you like whenever you're ready
matter matters okay fine totally completely entirely fully absolutely
`;
