import type { FastifyReply, FastifyRequest } from 'fastify';
import type { WebDeps } from '../deps.js';
import { html } from '../views/html.js';
import { collectionPage } from '../views/collection-page.js';
import { entityPageFeed } from '../views/feed-links.js';
import { pageParam } from '../views/pager.js';
import { queryText, type Query } from '../views/query-params.js';
import { authorPath, withQuery } from '../views/site-paths.js';
import { coAuthors, papersByAuthor } from '../../search/author-papers.js';

const PAGE_SIZE = 30;
/** Co-authors named under the heading: those sharing at least two papers, most shared first. */
const CO_AUTHORS_SHOWN = 8;

/** `/authors/:name`: everything the store has by one author (the full name, case and accents ignored), newest first. */
export function authorShow(deps: WebDeps) {
  return async (req: FastifyRequest, reply: FastifyReply): Promise<string> => {
    reply.type('text/html; charset=utf-8');
    const name = (req.params as { name: string }).name.trim().slice(0, 300);
    const page = pageParam(queryText(req.query as Query, 'page'));
    const list = await papersByAuthor(deps, name, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
    if (list.total === 0) reply.code(404);
    // Counted over the newest papers, on the first page only: the page's own papers, no second search.
    const together = page === 1 ? coAuthors(list.papers, name, CO_AUTHORS_SHOWN) : [];
    return collectionPage({
      heading: name, kind: 'author', papers: list.papers, total: list.total, page, pageSize: PAGE_SIZE,
      feed: entityPageFeed('authors', name, `papers by ${name}`),
      href: (n) => withQuery(authorPath(name), { page: n > 1 ? n : null }),
      extra: html`<p class="lede">Author · <a href="${withQuery('/search', { q: `author:"${name.replace(/"/g, '')}"` })}">search for this name</a></p>
${together.length ? html`<p class="co-authors">In these ${list.papers.length} papers, often with ${together.map((c, i) => html`${i ? ', ' : ''}<a href="${authorPath(c.name)}">${c.name}</a> (${c.papers})`)}</p>` : ''}`,
    });
  };
}
