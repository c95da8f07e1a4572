import type { Dialect } from '../db.js';

/**
 * Queues for the keyword index again every paper with an organization or a code repository, whose
 * entries now carry the `org:` and `has:code` filter terms. The old entries keep answering until the
 * queued papers are indexed (by `serve` when it starts, or the next import or harvest); until then
 * those filters miss the papers not yet indexed again. The search page's organization and code
 * filters now read those terms, so the index of papers with code (step 13), which served them
 * before, has no reader left and is dropped rather than kept up on every write.
 */
export function orgCodeTermsSchema(_d: Dialect): string {
  return `
INSERT INTO search_pending (paper_id)
SELECT id FROM papers WHERE organization IS NOT NULL OR (github_repo IS NOT NULL AND github_repo <> '')
ON CONFLICT (paper_id) DO NOTHING;
DROP INDEX IF EXISTS papers_with_code;
`;
}
