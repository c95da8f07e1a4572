import type { FastifyReply, FastifyRequest } from 'fastify';
import type { WebDeps } from '../deps.js';
import { html } from '../views/html.js';
import { layout } from '../views/layout.js';
import { formatCount } from '../views/format.js';
import { pager, pageParam } from '../views/pager.js';
import { queryText, type Query } from '../views/query-params.js';
import { orgNamePath, orgPath, withQuery } from '../views/site-paths.js';
import { organizationCounts } from '../../store/listings.js';

const PAGE_SIZE = 200;

/**
 * `/orgs`: the organizations Daily Papers credited, most papers first, each linking to its page; an
 * institution with several accounts under one full name also links the listing of all their papers.
 */
export function orgList(deps: WebDeps) {
  return async (req: FastifyRequest, reply: FastifyReply): Promise<string> => {
    reply.type('text/html; charset=utf-8');
    const page = pageParam(queryText(req.query as Query, 'page'));
    const list = await organizationCounts(deps.db, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
    const body = html`<h1>Organizations</h1>
<p class="lede">${formatCount(list.total)} ${list.total === 1 ? 'organization' : 'organizations'} named on Hugging Face Daily Papers, most papers first.</p>
${list.total === 0 ? html`<div class="empty"><p>No paper names an organization yet.</p></div>` : html`<ul class="directory">
${list.organizations.map((o) => html`<li><a href="${orgPath(o.name)}">${o.fullname ?? o.name}</a>${o.fullname && o.fullname !== o.name ? html` <code>${o.name}</code>` : ''} <span class="count">${formatCount(o.papers)}</span>${o.fullname && o.accounts > 1 ? html` <a class="namesakes" href="${orgNamePath(o.fullname)}">all ${o.accounts} accounts</a>` : ''}</li>`)}
</ul>`}
${pager({ page, pageSize: PAGE_SIZE, total: list.total }, (n) => withQuery('/orgs', { page: n > 1 ? n : null }))}`;
    return layout({ title: 'Organizations · paperboy', description: 'Organizations and their papers.', body }).value;
  };
}
