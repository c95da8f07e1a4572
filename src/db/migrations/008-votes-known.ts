import type { Dialect } from '../db.js';

/**
 * Marks the papers whose upvotes and comments some source has counted (Hugging Face Daily Papers:
 * every featured paper, and any paper a record gave a count for). The others, known only from arXiv,
 * have no upvotes to show rather than 0 of them: pages say so instead of printing "0 upvotes".
 */
export function votesKnownSchema(_d: Dialect): string {
  return `
ALTER TABLE papers ADD COLUMN votes_known INTEGER NOT NULL DEFAULT 0;
UPDATE papers SET votes_known = 1
WHERE upvotes > 0 OR num_comments > 0 OR id IN (SELECT paper_id FROM daily_entries);
`;
}
