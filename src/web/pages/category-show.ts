import type { FastifyReply, FastifyRequest } from 'fastify';
import type { WebDeps } from '../deps.js';
import { html, type Html } from '../views/html.js';
import { collectionPage } from '../views/collection-page.js';
import { entityPageFeed } from '../views/feed-links.js';
import { pageParam } from '../views/pager.js';
import { scopedSearchForm } from '../views/scoped-search.js';
import { queryText, type Query } from '../views/query-params.js';
import { categoryPath, withQuery } from '../views/site-paths.js';
import { papersByCategory } from '../../store/listings.js';
import { categoryName } from '../../model/arxiv-taxonomy.js';

const PAGE_SIZE = 30;

/**
 * The category's papers of a day or a range of days, as arXiv lists a category by day: a plain GET
 * form to the search page, whose category and date filters with no words list them newest first.
 */
function dayRangeForm(category: string): Html {
  return html`<form class="date-picker" action="/search" method="get" aria-label="Papers of ${category} by date">
<input type="hidden" name="category" value="${category}">
<label for="cat-from">Papers from</label>
<input id="cat-from" type="date" name="from" required>
<label for="cat-to">to</label>
<input id="cat-to" type="date" name="to">
<button type="submit">Show</button>
</form>`;
}

/** `/categories/:cat`: papers filed under an arXiv category (primary or cross-listed), newest first. */
export function categoryShow(deps: WebDeps) {
  return async (req: FastifyRequest, reply: FastifyReply): Promise<string> => {
    reply.type('text/html; charset=utf-8');
    const category = (req.params as { cat: string }).cat.trim().slice(0, 60);
    const page = pageParam(queryText(req.query as Query, 'page'));
    const list = await papersByCategory(deps.db, category, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
    if (list.total === 0) reply.code(404);
    return collectionPage({
      heading: category, kind: 'category', papers: list.papers, total: list.total, page, pageSize: PAGE_SIZE,
      feed: entityPageFeed('categories', category, `papers in ${category}`),
      href: (n) => withQuery(categoryPath(category), { page: n > 1 ? n : null }),
      extra: html`<p class="lede">${categoryName(category) ? html`<span class="category-name">${categoryName(category)}</span> · ` : ''}arXiv category · <a href="${withQuery('/trending', { category })}">trending this week</a> · <a href="https://arxiv.org/list/${encodeURIComponent(category)}/recent">recent on arXiv</a> · <a href="/categories">all categories</a></p>${list.total ? html`${scopedSearchForm(`Search ${category}`, { category })}${dayRangeForm(category)}` : ''}`,
    });
  };
}
