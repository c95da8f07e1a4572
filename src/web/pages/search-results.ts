import type { FastifyReply, FastifyRequest } from 'fastify';
import type { WebDeps } from '../deps.js';
import { html, type Html } from '../views/html.js';
import { SEARCH_FEED_PATH, type PageFeed } from '../views/feed-links.js';
import { layout } from '../views/layout.js';
import { missingPaper } from '../views/missing-paper.js';
import { paperList } from '../views/paper-card.js';
import { highlighter } from '../views/highlight.js';
import { pager, pageParam, rangeLabel } from '../views/pager.js';
import { queryChoice, queryText, type Query } from '../views/query-params.js';
import { paperPath, withQuery } from '../views/site-paths.js';
import { SEARCH_SORTS, modeLabel, searchFormView, searchHelp, type SearchFormState } from '../views/search-form.js';
import { SEARCH_MODES } from '../../search/semantic/semantic-search.js';
import { parseDay, papersByIds } from '../../store/listings.js';
import { paperReference } from '../../model/paper-reference.js';
import { listExportLinks } from '../views/list-export-links.js';
import { SUGGEST_WAIT_MS, type SpellingIndex } from '../../search/keyword/spelling.js';

const PAGE_SIZE = 20;
/** Room for a pasted abstract; longer text is cut here. */
const MAX_QUERY = 4000;
/** A query with more words than this is a passage ("more like this text"): matched by meaning, not marked. */
const PASSAGE_WORDS = 12;

function readForm(query: Query): SearchFormState {
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
    q: (queryText(query, 'q', MAX_QUERY) ?? '').replace(/\s+/g, ' '),
    mode: queryChoice(query, 'mode', SEARCH_MODES, 'hybrid'),
    from: day('from'), to: day('to'), category, org: queryText(query, 'org', 100),
    code: queryText(query, 'code') !== undefined,
    sort: queryChoice(query, 'sort', SEARCH_SORTS, 'relevance'),
    page: pageParam(queryText(query, 'page'), 500),
    notes,
  };
}

/** The user's words plus the form's filters, written in the query language (which holds them all). */
function indexQuery(f: SearchFormState): string {
  const parts = [f.q];
  if (f.category) parts.push(`category:${f.category}`);
  // A quote would end the quoted name early; no organization's name has one.
  const org = f.org?.replace(/"/g, ' ').trim();
  if (org) parts.push(`org:"${org}"`);
  if (f.code) parts.push('has:code');
  if (f.from || f.to) parts.push(`date:${f.from ?? ''}..${f.to ?? ''}`);
  return parts.join(' ').trim();
}

function formHref(f: SearchFormState, page: number): string {
  return withQuery('/search', {
    q: f.q, mode: f.mode === 'hybrid' ? null : f.mode, from: f.from, to: f.to, category: f.category, org: f.org,
    code: f.code ? 1 : null, sort: f.sort === 'relevance' ? null : f.sort, page: page > 1 ? page : null,
  });
}

function isPassage(q: string): boolean {
  return q.split(' ').filter(Boolean).length > PASSAGE_WORDS;
}

function page(f: SearchFormState, body: Html, feed?: PageFeed): string {
  const short = f.q.length > 80 ? `${f.q.slice(0, 80)}…` : f.q;
  return layout({ title: f.q ? `${short} · Search · paperboy` : 'Search · paperboy', section: 'search', headerSearch: false, feed,
    body: html`<h1>Search</h1>${searchFormView(f)}${f.notes.map((n) => html`<p class="note">${n}</p>`)}${body}` }).value;
}

/**
 * "1–20 of 134 papers" for keyword matches. A ranking by meaning has no natural end (every paper is
 * somewhat close), so its count says what it is: the closest papers, up to the ranking's limit.
 */
function countLabel(range: string, total: number, used: string, asked: string, passage: boolean, filtersOnly: boolean): string {
  if (filtersOnly) return `${range} ${total === 1 ? 'paper' : 'papers'}, newest first`;
  if (used === 'keyword') return `${range} ${total === 1 ? 'paper' : 'papers'}${used === asked ? '' : ` (${modeLabel(used).toLowerCase()})`}`;
  const closest = range.replace(' of ', ' of the ');
  return passage ? `${closest} papers closest to your text` : `${closest} closest ${total === 1 ? 'paper' : 'papers'}`;
}

const ORG_HINT = html`<p>Organizations are named as on Hugging Face: a slug such as <code>google</code> or a full name such as <code>Google</code> (see <a href="/orgs">all organizations</a>).</p>`;

/** Why nothing was found, in the reader's terms: their words, or the form's filters when there were none. */
function emptyLead(f: SearchFormState, query: string): Html {
  if (!f.q && f.org) return html`<p>No papers from <strong>${f.org}</strong> match these filters.</p>`;
  if (!f.q && f.code) return html`<p>No papers with code match these filters.</p>`;
  return html`<p>No papers match <strong>${f.q || query}</strong>.</p><p>Try fewer words, another spelling, another way to match, or remove a filter.</p>`;
}

/** Says when the ranking asked for could not be used, so nobody mistakes keyword results for semantic ones. */
function degradedNote(reason: string | undefined): Html | '' {
  if (!reason) return '';
  return html`<p class="degraded" role="status">Ranking by meaning is unavailable right now: ${reason}. These results match your words only.</p>`;
}

/**
 * `/search`: results ranked by words, meaning or both (hybrid, the default), with the matched
 * words marked, filters (date range, category, organization and code, written into the query
 * language, so they restrict the ranking itself; without words they list every paper that passes),
 * sort and paging. A pasted passage finds papers about the same thing; a pasted arXiv id or paper
 * address (arXiv, Hugging Face, alphaXiv) opens that paper's page, or says it is not here. An empty or unusable query gets examples instead of an error, and a failing semantic
 * ranking falls back to keywords with a notice rather than an error page.
 */
export function searchResults(deps: WebDeps, spelling: SpellingIndex) {
  return async (req: FastifyRequest, reply: FastifyReply): Promise<string> => {
    reply.type('text/html; charset=utf-8');
    const f = readForm(req.query as Query);
    const ref = paperReference(f.q);
    if (ref) {
      if ((await papersByIds(deps.db, [ref])).length) {
        reply.redirect(paperPath(ref), 303);
        return '';
      }
      return page(f, missingPaper(ref, deps.config.arxivLookup));
    }
    const query = indexQuery(f);
    if (!query) return page(f, searchHelp());
    // Only the reader's own words are checked (the filters of the form are not), never a passage;
    // beside the search, so the first seconds after start-up wait for the vocabulary and the vectors at once.
    const spelled = spelling.suggestWithin(f.q, SUGGEST_WAIT_MS);
    spelled.catch(() => undefined); // awaited below unless the query is rejected first
    const found = await deps.semantic.search(query, { mode: f.mode, limit: PAGE_SIZE, offset: (f.page - 1) * PAGE_SIZE, sort: f.sort });
    if (!found.ok) {
      reply.code(400);
      return page(f, searchHelp(found.problem.message));
    }
    const papers = await papersByIds(deps.db, found.hits.map((h) => h.paperId));
    const total = found.total;
    const passage = isPassage(f.q);
    const state = { page: f.page, pageSize: PAGE_SIZE, total };
    const summary = total === 0
      ? html`<div class="empty">${emptyLead(f, query)}${f.org ? ORG_HINT : ''}</div>`
      : html`<p class="lede result-count" data-mode="${found.mode}">${countLabel(rangeLabel(state, papers.length), total, found.mode, f.mode, passage, found.filtersOnly === true)}</p>`;
    // New papers for the words and filters (all part of the query); a pasted passage is a one-off
    // question, not something to follow.
    const feed = passage ? undefined : { title: `new papers matching “${query}”`, path: SEARCH_FEED_PATH, query: { q: query } };
    const { ready, suggestion } = await spelled;
    // Not kept by the page cache while the vocabulary is still being read or meaning cannot rank
    // (the first seconds after start-up, a failing endpoint): the same URL answers better soon.
    if (!ready || found.degraded) reply.header('cache-control', 'no-store');
    const didYouMean = suggestion ? html`<p class="did-you-mean">Did you mean <a href="${formHref({ ...f, q: suggestion }, 1)}">${suggestion}</a>?</p>` : '';
    return page(f, html`${degradedNote(found.degraded)}${didYouMean}${summary}
${papers.length ? paperList(papers, passage ? {} : { mark: highlighter(f.q) }) : ''}
${listExportLinks(papers.map((p) => p.paperId))}
${pager(state, (n) => formHref(f, n))}`, feed);
  };
}
