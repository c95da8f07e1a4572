import { html, type Html } from './html.js';

/** Most papers one list export holds: five pages of results, and an address still far under any limit. */
export const LIST_EXPORT_MAX = 100;

/** The export path of a list of papers, in their order (`/export.bib?ids=a,b`, served by feeds/list-exports.ts). */
export function listExportPath(kind: 'bib' | 'md', paperIds: readonly string[]): string {
  return `/export.${kind}?ids=${paperIds.slice(0, LIST_EXPORT_MAX).map(encodeURIComponent).join(',')}`;
}

/**
 * "Export the papers of this page: BibTeX · Markdown" under a list (a search page, recommendations,
 * a day, an author): the shown papers in one file for a reference manager or notes. Nothing for an
 * empty list.
 */
export function listExportLinks(paperIds: readonly string[]): Html | '' {
  if (!paperIds.length) return '';
  return html`<p class="list-exports">Export the papers of this page: <a href="${listExportPath('bib', paperIds)}" type="application/x-bibtex">BibTeX</a>
· <a href="${listExportPath('md', paperIds)}" type="text/markdown">Markdown</a></p>`;
}
