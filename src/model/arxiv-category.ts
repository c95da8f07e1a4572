/**
 * arXiv category identifiers, the only thing a paper's category list holds. Sources put other
 * strings there as well: the daily arXiv feed lists MSC and ACM classes beside the categories
 * ("68T50", "I.2.7; I.2.6"), sometimes several joined by commas ("cs.CV, cs.MM"), and the arXiv API
 * has sent ACM classes as category terms. Shown as chips they lead to category pages of one paper
 * each and make `stats` count 1,238 categories for 80,000 papers; only identifiers from arXiv's
 * taxonomy are kept (the source record keeps the rest).
 */

import { archiveOf } from './arxiv-taxonomy.js';

/**
 * arXiv's archives, the part of an identifier before the dot: today's, and the ones merged into
 * them (papers from the 1990s still carry "cmp-lg", "chao-dyn", ...).
 */
export const ARXIV_ARCHIVES: ReadonlySet<string> = new Set([
  'astro-ph', 'cond-mat', 'cs', 'econ', 'eess', 'gr-qc', 'hep-ex', 'hep-lat', 'hep-ph', 'hep-th', 'math',
  'math-ph', 'nlin', 'nucl-ex', 'nucl-th', 'physics', 'q-bio', 'q-fin', 'quant-ph', 'stat',
  'acc-phys', 'adap-org', 'alg-geom', 'ao-sci', 'atom-ph', 'bayes-an', 'chao-dyn', 'chem-ph', 'cmp-lg',
  'comp-gas', 'dg-ga', 'funct-an', 'mtrl-th', 'patt-sol', 'plasm-ph', 'q-alg', 'solv-int', 'supr-con',
]);

// A subject class after the dot: "AI", "stat-mech", "atom-ph".
const SUBJECT = /^[A-Za-z]+(?:-[A-Za-z]+)*$/;
const SEPARATORS = /[\s,;]+/;

/** True for an identifier of arXiv's taxonomy ("cs.CL", "hep-th", "cond-mat.stat-mech"). */
export function isArxivCategory(value: string): boolean {
  const archive = archiveOf(value);
  if (!ARXIV_ARCHIVES.has(archive)) return false;
  return archive === value || SUBJECT.test(value.slice(archive.length + 1));
}

/**
 * The arXiv categories of a source's list, in its order, each once: entries are split at commas,
 * semicolons and spaces first, so "cs.CV, cs.MM" gives both, and everything else is dropped.
 */
export function arxivCategories(list: readonly string[]): string[] {
  const out: string[] = [];
  for (const entry of list) {
    for (const part of entry.split(SEPARATORS)) {
      if (part && isArxivCategory(part) && !out.includes(part)) out.push(part);
    }
  }
  return out;
}

/** The category itself when it is one of arXiv's, else null (a primary category is one or none). */
export function arxivCategoryOrNull(value: string | null | undefined): string | null {
  return value != null && isArxivCategory(value.trim()) ? value.trim() : null;
}
