import type { FastifyReply, FastifyRequest } from 'fastify';
import type { WebDeps } from '../deps.js';
import { html } from '../views/html.js';
import { layout } from '../views/layout.js';
import { formatCount } from '../views/format.js';
import { categoryPath } from '../views/site-paths.js';
import { categoryCounts } from '../../store/listings.js';
import { archiveName, archiveOf, archiveOrder, categoryName } from '../../model/arxiv-taxonomy.js';

/**
 * `/categories`: every category that has papers, grouped by arXiv archive with the names arXiv
 * gives them and how many papers each holds, so a reader can browse a field without knowing its code.
 */
export function categoryList(deps: WebDeps) {
  return async (_req: FastifyRequest, reply: FastifyReply): Promise<string> => {
    reply.type('text/html; charset=utf-8');
    const counts = await categoryCounts(deps.db);
    const byArchive = new Map<string, typeof counts>();
    for (const c of counts) {
      const a = archiveOf(c.category);
      if (!byArchive.has(a)) byArchive.set(a, []);
      byArchive.get(a)!.push(c);
    }
    const sections = archiveOrder(byArchive.keys()).map((a) => html`<section class="directory-group" aria-labelledby="archive-${a}">
<h2 id="archive-${a}">${archiveName(a) ?? a} <code>${a}</code></h2>
<ul class="directory">
${byArchive.get(a)!.map((c) => html`<li><a href="${categoryPath(c.category)}">${c.category}</a> ${categoryName(c.category) ?? ''} <span class="count">${formatCount(c.papers)}</span></li>`)}
</ul>
</section>`);
    const body = html`<h1>Categories</h1>
<p class="lede">${formatCount(counts.length)} arXiv ${counts.length === 1 ? 'category' : 'categories'} with papers here; a paper counts under each category it is filed in, cross-lists included.</p>
${counts.length ? sections : html`<div class="empty"><p>No papers with categories yet.</p></div>`}`;
    return layout({ title: 'Categories · paperboy', description: 'arXiv categories and their papers.', body }).value;
  };
}
