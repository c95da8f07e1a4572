import type { Dialect } from '../db.js';

/**
 * Records where each paper's publication date comes from, so pages can say "Listed" for a paper
 * dated only by the daily listing it appeared in (the arXiv daily feed's files carry no dates) and
 * "Published" for a date a source gave. Papers with arXiv's v1 date are marked now; other dated
 * papers stay unknown (NULL, shown as "Published", as before) until a record about them is imported
 * again: importing the daily feed's files again marks the papers it dated.
 */
export function publishedFromSchema(_d: Dialect): string {
  return `
ALTER TABLE papers ADD COLUMN published_from TEXT;
UPDATE papers SET published_from = 'version' WHERE versions LIKE '%{"version":1,"date":"%';
`;
}
