// Everyday English words that are not typos of anything. A message word found here (or anywhere in
// the content) is never "corrected" by the typo tolerance: "never" is not a misspelt "fever", "small"
// is not "smell", "flood" is not "blood". Also used to down-weight generic words in topic matching.

const words = `
able about above across act actually add added after again against age ago agree ahead air all allow almost alone along already
also although always amazing among amount angry another answer any anybody anyone anything anyway anywhere apart app appear apple
area arm around arrive art ask asked asleep attempt attention aunt available avoid awake away awful baby back bad bag bake ball band
bank bar base basic bath bathroom be bear beat beautiful became because become bed bedroom been beer before began begin behind
being believe below best better between beyond big bike bill bird birthday bit black blame blank bleep blend blind block blog blond
blow blue board boat body book bored boring born borrow boss both bother bottle bottom bought box boy brain brand bread break
breakfast breed brief bright bring brood brother brought brown build building burger bus business busy but buy call calm came
camera camp can car card care career careful carry case cat catch caught cause center certain chair chance change chat cheap check
cheese chicken child chill chocolate choice choose church city class clean clear clever click climb clock close clothes cloud club
coffee cold college color come comfortable comment common company complete computer concern condition consider contact continue
control cook cool copy corner correct cost could count country couple course cousin cover crazy cream create cross cry cup cut
cute dad daily dance dark date daughter day dead deal dear decide deep definitely degree dentist describe desk detail did
different difficult dinner direct dirty dish do doctor does dog done door double doubt down draw dream dress drink drive drop
during each ear early earn easy eat edge effect egg either else email empty end enjoy enough enter entire even evening event ever
every everybody everyone everything exact exam example excited exercise expect expensive experience explain extra eye face fact
fair fall family famous fan far farm fast father fault favorite fear feed feel feeling felt few fewer field fight figure file fill
film final finally find fine finger finish fire first fish fit five fix flat flight flood bloom floor flower fly focus follow food
foot for force forget form forward found four free fresh friend from front fruit full fun funny future game garden gave general
get gift girl give glad glass go goal gone good got great green group grow guess guy gym hair half hall hand handle hang happen
happy hard hate have head health hear heard heart heat heavy hello help her here hey high him his hit hold hole holiday home
hope hospital hot hotel hour house how huge human hundred hungry hurry husband idea if ill important in inside instead interest
into invite island it item job join joke journey juice jump just keep kept key kid kill kind kitchen knew know lake land language
large last late later laugh lay lazy lead learn least leave left leg less lesson let letter level lever library lie life lift
light like line list listen little live lock long look lose lost lot loud love lovely low luck lunch mad made mail main make man
manage many market married match matter may maybe meal mean meant meet meeting member mention message middle might mind mine
minute miss mistake mom money month mood more morning most mother move movie much mum music must name near nearly need neighbor
never new news next nice night nine no nobody noise none normal nose not note nothing notice now number often oil old once one
only open order other out outside over own page paid paint pair paper parent park part party pass past pay peace pen people
perfect perhaps person phone pick picture piece place plan plane plant play please plenty pocket point police poor popular
possible post potato power practice present pretty price print problem promise proper pull push put question quick quiet
quite race rain raise ran rather reach read ready real reason receive recent record red relax remember rent repeat reply rest
result return rich ride right ring rise river road rock room round rule run sad safe said salt same save saw say school sea
season seat second see seem sell send sense serious set seven several shall shape share she shirt shoe shop short should shout
show shower shut sick side sign simple since sing sister sit six size skill skin sleep slow small smart smile snow so soft some
somebody someone something sometimes son song soon sorry sort sound space speak special spell spend spent spill sport spot
spring staff stage stair stand star start state station stay step still stone stop store story straight strange street strong
student study stuff stupid such sugar summer sun sunday supposed sure surprise sweet swim table take talk tall tape taste taxi
tea teach team tear tell ten test text than thank that their them then there these they thing think third this those though
three through throw ticket tidy tie till time tiny tired title today together toilet told tomorrow tonight too took top total
touch tough towards town toy track train travel tree trip trouble true trust try turn twice two type uncle under understand
until up upon upset use used useful usual usually very video view visit voice wait wake walk wall want war warm wash watch water
way wear weather week weekend weird welcome well went were wet what when where whether which while white who whole why wide wife
will win window winter wish with without woke woman wonder word wore work world worry worse would write wrong year yes yet you
young your yourself zero evil level fiver sever lover never seven clever ever bleat plead pleading breeding bleating
injected injecting spelling spoke spotless swell sweller smelly smiled smiling shelly belly jelly telly silly hilly`;

/** Everyday words (folded, unstemmed) that are never treated as typos. */
export const COMMON_WORDS: ReadonlySet<string> = new Set(words.split(/\s+/).filter(Boolean));
