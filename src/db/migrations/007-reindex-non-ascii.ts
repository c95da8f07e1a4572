import type { Dialect } from '../db.js';

/**
 * Queues every paper whose title or abstract is not plain ASCII for the keyword index again: the
 * tokenizer now spells short runs of Greek letters by name ("α" reads as "alpha", as LaTeX's
 * `$\alpha$` does), and only such texts tokenize differently. The old entries keep answering until
 * the queued papers are indexed (by `serve` on start, or the next import or harvest).
 */
export function reindexNonAsciiSchema(d: Dialect): string {
  const text = "title || ' ' || COALESCE(abstract, '')";
  return `
INSERT INTO search_pending (paper_id)
SELECT id FROM papers WHERE ${d.byteLength(text)} > LENGTH(${text})
ON CONFLICT (paper_id) DO NOTHING;
`;
}
