// Shared helpers for the understanding unit tests.
import type { Content } from '../../../src/content/schema.js';
import { analyze, type Analysis } from '../../../src/coach/understand/analyze.js';
import { cleanText } from '../../../src/coach/understand/normalize-text.js';
import { indexContent } from '../../../src/coach/understand/content-index.js';
import { fixtureContent } from './fixture-content.js';

/** Analyse a message against the fixture content (or another Content). */
export function an(text: string, content: Content = fixtureContent): Analysis {
  const index = indexContent(content);
  return analyze(cleanText(text), index.synonyms, index.vocabulary);
}
