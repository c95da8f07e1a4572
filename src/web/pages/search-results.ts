import type { FastifyReply, FastifyRequest } from 'fastify';
import type { WebDeps } from '../deps.js';
import { html, type Html } from '../views/html.js';
import { layout } from '../views/layout.js';
import { paperList } from '../views/paper-card.js';
import { highlighter } from '../views/highlight.js';
import { pager, pageParam, rangeLabel } from '../views/pager.js';
import { queryChoice, queryText, type Query } from '../views/query-params.js';
import { withQuery } from '../views/site-paths.js';
import { parseDay, papersByIds, type PaperWithOrg } from '../../store/listings.js';

const PAGE_SIZE = 20;
/** Organization and has-code filters are applied to this many best matches (the index knows neither). */
const POST_FILTER_POOL = 300;
const SORTS = ['relevance', 'date'] as const;

/** What the search form says, validated; `notes` explain any filter that was ignored. */
interface SearchForm {
  q: string;
  from?: string;
  to?: string;
  category?: string;
  org?: string;
  code: boolean;
  sort: (typeof SORTS)[number];
  page: number;
  notes: string[];
}

function readForm(query: Query): SearchForm {
  const notes: string[] = [];
  const day = (name: string): string | undefined => {
    const v = queryText(query, name, 20);
    if (v === undefined) return undefined;
    if (parseDay(v, name).ok) return v;
    notes.push(`Ignored the ${name === 'from' ? 'start' : 'end'} date "${v}": use YYYY-MM-DD.`);
    return undefined;
  };
  let category = queryText(query, 'category', 40);
  if (category && !/^[A-Za-z0-9._-]+$/.test(category)) {
    notes.push(`Ignored the category "${category}": categories look like cs.CL or hep-th.`);
    category = undefined;
  }
  return {
    q: queryText(query, 'q', 1000) ?? '',
    from: day('from'), to: day('to'), category, org: queryText(query, 'org', 100),
    code: queryText(query, 'code') !== undefined,
    sort: queryChoice(query, 'sort', SORTS, 'relevance'),
    page: pageParam(queryText(query, 'page'), 500),
    notes,
  };
}

/** The user's words plus the filters the query language can express. */
function indexQuery(f: SearchForm): string {
  const parts = [f.q];
  if (f.category) parts.push(`category:${f.category}`);
  if (f.from || f.to) parts.push(`date:${f.from ?? ''}..${f.to ?? ''}`);
  return parts.join(' ').trim();
}

function formHref(f: SearchForm, page: number, overrides: Partial<SearchForm> = {}): string {
  const s = { ...f, ...overrides };
  return withQuery('/search', {
    q: s.q, from: s.from, to: s.to, category: s.category, org: s.org, code: s.code ? 1 : null,
    sort: s.sort === 'relevance' ? null : s.sort, page: page > 1 ? page : null,
  });
}

function searchForm(f: SearchForm): Html {
  return html`<form class="search-form" role="search" action="/search" method="get">
<div class="search-main">
<label class="visually-hidden" for="q">Search papers</label>
<input id="q" type="search" name="q" value="${f.q}" placeholder="e.g. diffusion author:hinton" autocomplete="off">
<button type="submit">Search</button>
</div>
<fieldset class="filters"><legend class="visually-hidden">Filters</legend>
<label>From <input type="date" name="from" value="${f.from ?? ''}"></label>
<label>To <input type="date" name="to" value="${f.to ?? ''}"></label>
<label>Category <input type="text" name="category" value="${f.category ?? ''}" placeholder="cs.CL"></label>
<label>Organization <input type="text" name="org" value="${f.org ?? ''}" placeholder="e.g. google"></label>
<label>Sort <select name="sort">
<option value="relevance"${f.sort === 'relevance' ? html` selected` : ''}>Relevance</option>
<option value="date"${f.sort === 'date' ? html` selected` : ''}>Newest</option>
</select></label>
<label class="check"><input type="checkbox" name="code" value="1"${f.code ? html` checked` : ''}> Has code</label>
</fieldset>
</form>`;
}

function help(problem?: string): Html {
  const ex = (q: string, what: string): Html => html`<li><a href="${withQuery('/search', { q })}"><code>${q}</code></a> ${what}</li>`;
  return html`<div class="empty search-help">
${problem ? html`<p class="problem"><strong>This search could not run:</strong> ${problem}.</p>` : html`<p>Type some words to search titles, abstracts and authors.</p>`}
<p>Examples:</p>
<ul>
${ex('diffusion models', 'papers with both words')}
${ex('"large language model"', 'an exact phrase')}
${ex('retrieval -image', 'leave out a word')}
${ex('author:hinton', 'by author')}
${ex('transformer category:cs.CL year:2024', 'by category and year')}
${ex('speech OR audio', 'either word')}
</ul>
</div>`;
}

function orgMatches(p: PaperWithOrg, org: string): boolean {
  const o = org.toLowerCase();
  return p.organization?.toLowerCase() === o || p.organizationFullname?.toLowerCase() === o;
}

function page(f: SearchForm, body: Html): string {
  return layout({ title: f.q ? `${f.q} · Search · paperboy` : 'Search · paperboy', section: 'search', headerSearch: false,
    body: html`<h1>Search</h1>${searchForm(f)}${f.notes.map((n) => html`<p class="note">${n}</p>`)}${body}` }).value;
}

/**
 * `/search`: keyword results with the matched words marked, filters (date range and category go
 * into the query language; organization and has-code filter the best matches), sort and paging.
 * An empty or unusable query gets examples instead of an error.
 */
export function searchResults(deps: WebDeps) {
  return async (req: FastifyRequest, reply: FastifyReply): Promise<string> => {
    reply.type('text/html; charset=utf-8');
    const f = readForm(req.query as Query);
    const query = indexQuery(f);
    if (!query) return page(f, help());
    const postFilter = f.org !== undefined || f.code;
    const offset = (f.page - 1) * PAGE_SIZE;
    const found = await deps.keyword.search(query, postFilter
      ? { limit: POST_FILTER_POOL, offset: 0, sort: f.sort }
      : { limit: PAGE_SIZE, offset, sort: f.sort });
    if (!found.ok) {
      reply.code(400);
      return page(f, help(found.problem.message));
    }
    let papers = await papersByIds(deps.db, found.hits.map((h) => h.paperId));
    let total = found.total;
    if (postFilter) {
      papers = papers.filter((p) => (!f.org || orgMatches(p, f.org)) && (!f.code || !!p.githubRepo));
      total = papers.length;
      papers = papers.slice(offset, offset + PAGE_SIZE);
    }
    const state = { page: f.page, pageSize: PAGE_SIZE, total };
    const summary = total === 0
      ? html`<div class="empty"><p>No papers match <strong>${f.q || query}</strong>.</p><p>Try fewer words, another spelling, or remove a filter.</p></div>`
      : html`<p class="lede result-count">${rangeLabel(state, papers.length)} ${total === 1 ? 'paper' : 'papers'}${found.match === 'any' ? ' matching some of the words' : ''}${postFilter && found.total > POST_FILTER_POOL ? ` (filters applied to the ${POST_FILTER_POOL} best matches)` : ''}</p>`;
    return page(f, html`${summary}
${papers.length ? paperList(papers, { mark: highlighter(f.q) }) : ''}
${pager(state, (n) => formHref(f, n))}`);
  };
}
