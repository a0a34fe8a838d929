// Everything about a Content object that matching needs, computed once per object (WeakMap), so a
// message costs only its own tokenizing and a few map lookups.
import type { Content } from '../../content/schema.js';
import { compileNet, type CompiledNet } from './safety/safety-net.js';
import { buildSynonyms, type Synonyms } from './synonyms.js';
import { compileLexicon } from './safety/lexicon.js';
import { indexLexicon, type LexiconIndex } from './safety/tag-concepts.js';
import { buildTopicIndex, type TopicIndex } from './match-topic.js';
import type { Vocabulary } from './analyze.js';
import { foldText } from './normalize-text.js';
import { expandShorthand } from './expand-shorthand.js';
import { tokenize } from './tokenize.js';
import { COMMON_WORDS } from './common-words.js';
import { stem } from './stem.js';
import { derivedOnce } from '../../content/content-cache.js';


export interface ContentIndex {
  synonyms: Synonyms;
  vocabulary: Vocabulary;
  /** The safety lexicon (flows/safety-lexicon.yaml), indexed for concept tagging. */
  safety: LexiconIndex;
  /** The learned safety net (flows/safety-net.json), when there is one. */
  net?: CompiledNet;
  topics: TopicIndex;
}

const cache = new WeakMap<Content, ContentIndex>();

export function indexContent(content: Content): ContentIndex {
  const hit = cache.get(content);
  if (hit) return hit;
  const synonyms = buildSynonyms(content.synonyms ?? []);
  const index: ContentIndex = {
    synonyms,
    // Every word of flows/ tokenized (the largest part of indexing), kept by the hash of flows/ and of this folder's code.
    vocabulary: derivedOnce(content, 'vocabulary', import.meta.url, () => buildVocabulary(content),
      (v) => ({ words: [...v.words], stems: [...v.stems] }), (j) => ({ words: new Set(j.words), stems: new Set(j.stems) })),
    safety: indexLexicon(compileLexicon(content.safety_lexicon?.concepts ?? {})),
    topics: buildTopicIndex(content, synonyms),
    ...(content.safety_net ? { net: compileNet(content.safety_net) } : {}),
  };
  cache.set(content, index);
  return index;
}

/** Every word the program itself uses, plus everyday words: none of these is ever a typo. */
function buildVocabulary(content: Content): Vocabulary {
  const words = new Set<string>();
  const stems = new Set<string>();
  for (const w of COMMON_WORDS) { words.add(w); stems.add(stem(w)); }
  const visit = (v: unknown): void => {
    if (typeof v === 'string') {
      for (const t of tokenize(expandShorthand(foldText(v)))) if (t.kind === 'word') { words.add(t.surface); stems.add(t.stem); }
    } else if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') Object.values(v).forEach(visit);
  };
  // red flag terms and the safety lexicon are what typos are measured against, so they are left out on purpose
  const { red_flags: _r, safety_lexicon: _s, safety_net: _n, ...rest } = content;
  visit(rest);
  for (const f of content.red_flags ?? []) { visit(f.label); visit(f.confirm); }
  return { words, stems };
}
