import type { FastifyReply, FastifyRequest } from 'fastify';
import type { WebDeps } from '../deps.js';
import { html } from '../views/html.js';
import { collectionPage } from '../views/collection-page.js';
import { entityPageFeed } from '../views/feed-links.js';
import { pageParam } from '../views/pager.js';
import { scopedSearchForm } from '../views/scoped-search.js';
import { queryText, type Query } from '../views/query-params.js';
import { orgNamePath, orgPath, withQuery } from '../views/site-paths.js';
import { organizationInfo, papersByOrganization } from '../../store/listings.js';

const PAGE_SIZE = 30;

/** `/orgs/:name`: an organization's papers (by its Hugging Face slug), newest first. */
export function orgShow(deps: WebDeps) {
  return async (req: FastifyRequest, reply: FastifyReply): Promise<string> => {
    reply.type('text/html; charset=utf-8');
    const name = (req.params as { name: string }).name.trim().slice(0, 200);
    const page = pageParam(queryText(req.query as Query, 'page'));
    const [info, list] = await Promise.all([
      organizationInfo(deps.db, name),
      papersByOrganization(deps.db, name, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
    ]);
    if (!info) reply.code(404);
    return collectionPage({
      heading: info?.fullname ?? name, kind: 'organization', papers: list.papers, total: list.total, page, pageSize: PAGE_SIZE,
      feed: entityPageFeed('orgs', name, `papers from ${info?.fullname ?? name}`),
      href: (n) => withQuery(orgPath(name), { page: n > 1 ? n : null }),
      extra: html`<p class="lede">Organization${info?.fullname && info.fullname !== name ? html` · <code>${name}</code>` : ''} · <a href="/orgs">all organizations</a></p>
${info?.namesakes.length ? html`<p class="namesakes">Also on Hugging Face as ${info.namesakes.map((o, i) => html`${i ? ', ' : ''}<a href="${orgPath(o.name)}"><code>${o.name}</code></a> (${o.paperCount} ${o.paperCount === 1 ? 'paper' : 'papers'})`)} · <a href="${orgNamePath(info.fullname!)}">all their papers together</a></p>` : ''}
${list.total ? scopedSearchForm(`Search ${info?.fullname ?? name}'s papers`, { org: name }) : ''}`,
    });
  };
}
