import type { Db } from '../../db/db.js';
import { searchIndexStore as store } from '../../store/search-index-store.js';
import type { ParsedQuery } from './query-parse.js';
import { phraseStream, words } from './tokenize.js';

/** True when `needle` occurs as a contiguous run inside `hay`. */
function contains(hay: string[], needle: string[]): boolean {
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/**
 * Checks what the postings cannot: that phrases occur word for word (in the title or abstract), that
 * excluded phrases do not, and that `author:"first last"` names one author. Returns one flag per id.
 */
export async function verify(db: Db, q: ParsedQuery, ids: number[]): Promise<boolean[]> {
  const papers = await store.papersByRowId(db, ids);
  return ids.map((id) => {
    const p = papers.get(id);
    if (!p) return false;
    // Tokenizing an abstract is most of a check: an author-only query (a common name has thousands
    // of candidates) skips it.
    const title = q.phrases.length ? phraseStream(p.title) : [];
    const abstract = q.phrases.length ? phraseStream(p.abstract ?? '') : [];
    for (const ph of q.phrases) {
      const found = contains(title, ph.stems) || contains(abstract, ph.stems);
      if (found === ph.negated) return false;
    }
    if (q.authorNames.length) {
      const authors = (JSON.parse(p.authors) as string[]).map((a) => words(a));
      for (const name of q.authorNames) if (!authors.some((a) => contains(a, name))) return false;
    }
    return true;
  });
}
