import type { Dialect } from '../db.js';

// arXiv's archives as of this migration (src/model/arxiv-category.ts keeps the live list; a shipped
// migration must not change with it).
const ARCHIVES = [
  'astro-ph', 'cond-mat', 'cs', 'econ', 'eess', 'gr-qc', 'hep-ex', 'hep-lat', 'hep-ph', 'hep-th', 'math',
  'math-ph', 'nlin', 'nucl-ex', 'nucl-th', 'physics', 'q-bio', 'q-fin', 'quant-ph', 'stat',
  'acc-phys', 'adap-org', 'alg-geom', 'ao-sci', 'atom-ph', 'bayes-an', 'chao-dyn', 'chem-ph', 'cmp-lg',
  'comp-gas', 'dg-ga', 'funct-an', 'mtrl-th', 'patt-sol', 'plasm-ph', 'q-alg', 'solv-int', 'supr-con',
];

/** SQL that is true when the text expression `x` is an arXiv category identifier ("cs.CL", "hep-th"). */
function validCategory(d: Dialect, x: string): string {
  if (d.name === 'postgres') return `(${x} ~ '^(${ARCHIVES.join('|')})(\\.[A-Za-z]+(-[A-Za-z]+)*)?$')`;
  const archives = ARCHIVES.map((a) => `'${a}'`).join(', ');
  const dot = `instr(${x}, '.')`;
  return `(${x} IN (${archives}) OR (${dot} > 1 AND substr(${x}, 1, ${dot} - 1) IN (${archives})
    AND length(${x}) > ${dot} AND substr(${x}, ${dot} + 1) NOT GLOB '*[^A-Za-z-]*'))`;
}

/**
 * Drops from every paper what imports before this version stored as categories without being one:
 * MSC and ACM classes ("68T50", "I.2.7; I.2.6") and other strings that the daily arXiv feed lists
 * beside the categories (see src/model/arxiv-category.ts, which now keeps them out on import). The
 * papers' lists, their category links and a primary category that was no category are rewritten; the
 * papers whose list changed are queued for the keyword index (its `category:` filter reads the list),
 * and the data version moves so no page rendered before is served again.
 */
export function arxivCategoriesSchema(d: Dialect): string {
  const elements = d.name === 'postgres' ? 'jsonb_array_elements_text(papers.categories::jsonb) WITH ORDINALITY AS e(value, key)' : 'json_each(papers.categories) AS e';
  const keep = d.name === 'postgres'
    ? `COALESCE((SELECT jsonb_agg(e.value ORDER BY e.key) FROM ${elements} WHERE ${validCategory(d, 'e.value')})::text, '[]')`
    : `(SELECT json_group_array(e.value ORDER BY e.key) FROM ${elements} WHERE ${validCategory(d, 'e.value')})`;
  const first = d.name === 'postgres' ? "(papers.categories::jsonb ->> 0)" : "json_extract(papers.categories, '$[0]')";
  const spoilt = `EXISTS (SELECT 1 FROM ${elements} WHERE NOT ${validCategory(d, 'e.value')})`;
  return `
INSERT INTO search_pending (paper_id) SELECT id FROM papers
WHERE ${spoilt} OR (primary_category IS NOT NULL AND NOT ${validCategory(d, 'primary_category')})
ON CONFLICT (paper_id) DO NOTHING;
UPDATE papers SET categories = ${keep} WHERE ${spoilt};
UPDATE papers SET primary_category = ${first} WHERE primary_category IS NOT NULL AND NOT ${validCategory(d, 'primary_category')};
DELETE FROM paper_categories WHERE NOT ${validCategory(d, 'category')};
UPDATE paper_categories SET is_primary = 1 WHERE is_primary = 0
  AND category = (SELECT primary_category FROM papers WHERE papers.id = paper_categories.paper_id);
UPDATE app_meta SET value = CAST(CAST(value AS BIGINT) + 1 AS TEXT) WHERE key = 'data_version';
`;
}
