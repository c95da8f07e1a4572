import { html, type Html } from './html.js';
import { formatCount } from './format.js';

/** Where a list is: 1-based page, its size, and how many items there are in all. */
export interface PageState {
  page: number;
  pageSize: number;
  total: number;
}

/** Reads `?page=` (1-based); anything else (missing, 0, text, huge) becomes a valid page. */
export function pageParam(value: unknown, max = 10_000): number {
  const n = typeof value === 'string' && /^\d{1,6}$/.test(value) ? Number(value) : 1;
  return Math.min(Math.max(1, n), max);
}

/** Number of pages a list spans (at least one, so an empty list still has page 1). */
export function pageCount(state: PageState): number {
  return Math.max(1, Math.ceil(state.total / state.pageSize));
}

/** "Previous / Page 2 of 7 / Next" links under a list; nothing when everything fits on one page. */
export function pager(state: PageState, href: (page: number) => string): Html {
  const pages = pageCount(state);
  if (pages <= 1 && state.page <= 1) return html``;
  return html`<nav class="pager" aria-label="Pages">
${state.page > 1 ? html`<a rel="prev" href="${href(Math.min(state.page - 1, pages))}">← Previous</a>` : ''}
<span>Page ${formatCount(state.page)} of ${formatCount(pages)}</span>
${state.page < pages ? html`<a rel="next" href="${href(state.page + 1)}">Next →</a>` : ''}
</nav>`;
}

/** "1–20 of 134" above a list. */
export function rangeLabel(state: PageState, shown: number): string {
  if (state.total === 0 || shown === 0) return `0 of ${formatCount(state.total)}`;
  const from = (state.page - 1) * state.pageSize + 1;
  return `${formatCount(from)}–${formatCount(from + shown - 1)} of ${formatCount(state.total)}`;
}
