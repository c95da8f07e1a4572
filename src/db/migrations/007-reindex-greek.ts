import type { Dialect } from '../db.js';

/**
 * Queues for the keyword index again every paper whose text tokenizes differently now that Greek
 * letters read as their names ("α" as "alpha", as LaTeX's `$\alpha$` does; `\varepsilon` as
 * "epsilon"): titles and abstracts that are not plain ASCII, or that use a LaTeX variant letter.
 * The old entries keep answering until the queued papers are indexed (by `serve` when it starts,
 * or the next import or harvest).
 */
export function reindexGreekSchema(d: Dialect): string {
  const text = "title || ' ' || COALESCE(abstract, '')";
  const variants = ['epsilon', 'theta', 'phi', 'pi', 'rho', 'sigma', 'kappa'].map((v) => `${text} LIKE '%var${v}%'`).join(' OR ');
  return `
INSERT INTO search_pending (paper_id)
SELECT id FROM papers WHERE ${d.byteLength(text)} > LENGTH(${text}) OR (${text} LIKE '%var%' AND (${variants}))
ON CONFLICT (paper_id) DO NOTHING;
`;
}
