import { html, type Html } from './html.js';

/**
 * A search box that stays inside one organization's or category's papers: a plain GET form to the
 * search page with the scope as a hidden filter, which the search writes into the query language
 * (`org:`, `category:`), so words and meaning are ranked among those papers only. Works without
 * JavaScript, like every form of the site.
 */
export function scopedSearchForm(label: string, scope: { org: string } | { category: string }): Html {
  const [name, value] = 'org' in scope ? ['org', scope.org] : ['category', scope.category];
  return html`<form class="scoped-search" action="/search" method="get" role="search" aria-label="${label}">
<input type="hidden" name="${name}" value="${value}">
<input type="search" name="q" placeholder="${label}" aria-label="${label}" required>
<button type="submit">Search</button>
</form>`;
}
