import type { Dialect } from '../db.js';

/**
 * Indexes the papers that link their code, newest first, for the search page's "has code" filter
 * without words: listing and counting them reads this index (a few percent of the papers) instead
 * of every paper. The condition is written as the query writes it, so both databases match them.
 */
export function papersWithCodeSchema(_d: Dialect): string {
  return `
CREATE INDEX papers_with_code ON papers (published_at) WHERE github_repo IS NOT NULL AND github_repo <> '';
`;
}
