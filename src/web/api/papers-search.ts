import type { FastifyReply, FastifyRequest } from 'fastify';
import type { WebDeps } from '../deps.js';
import { SEARCH_MODES } from '../../search/semantic/semantic-search.js';
import { SUGGEST_WAIT_MS, type SpellingIndex } from '../../search/keyword/spelling.js';
import { papersByIds } from '../../store/listings.js';
import { all, enumParam, intParam, readQuery, sendProblem, textParam, type ApiError } from './api-params.js';
import { searchHitJson, type SearchHitJson } from './ranked-json.js';

export type { SearchHitJson } from './ranked-json.js';

/** Largest result list of one search, as the hosted search caps it. */
export const SEARCH_MAX_LIMIT = 120;

/** Longest `q`: room for a pasted abstract ("more like this text"), which is matched by meaning. */
export const SEARCH_MAX_QUERY = 4000;

/** A header value from free text: printable ASCII on one line, so no reason can split a header. */
export function headerText(text: string): string {
  return text.replace(/[^\x20-\x7e]+/g, ' ').trim().slice(0, 300);
}

/**
 * `GET /api/papers/search?q=&limit=&mode=`: every stored paper ranked by keyword, semantic or
 * hybrid (the default) relevance, best first. The body stays the hosted API's array of hits; the
 * mode actually used is in `X-Search-Mode`, and `X-Search-Degraded` says why semantic ranking was
 * replaced by keyword ranking when it was. A query with nothing to search for is a 400 naming `q`.
 */
export function papersSearch(deps: WebDeps, spelling: SpellingIndex) {
  return async (req: FastifyRequest, reply: FastifyReply): Promise<SearchHitJson[] | ApiError> => {
    const query = readQuery(req.query);
    if (!query.ok) return sendProblem(reply, 400, query.problem);
    const q = query.value;
    const params = all(
      textParam(q, 'q', SEARCH_MAX_QUERY),
      intParam(q, 'limit', { def: 50, min: 1, max: SEARCH_MAX_LIMIT }),
      enumParam(q, 'sort', ['relevance', 'date'] as const, 'relevance'),
      enumParam(q, 'mode', SEARCH_MODES, 'hybrid'),
    );
    if (!params.ok) return sendProblem(reply, 400, params.problem);
    const [text, limit, sort, mode] = params.value;
    if (!text?.trim()) return sendProblem(reply, 400, { source: 'q', message: 'missing: give the words to search for' });
    // The "did you mean" is looked for beside the search, so the first seconds after start-up wait
    // for the vocabulary and the vectors at once, not one after the other.
    const spelled = spelling.suggestWithin(text, SUGGEST_WAIT_MS);
    spelled.catch(() => undefined); // awaited below unless the query is rejected first
    const found = await deps.semantic.search(text, { mode, limit, sort });
    if (!found.ok) return sendProblem(reply, 400, { source: 'q', message: found.problem.message });
    reply.header('x-total-count', String(found.total));
    reply.header('x-search-mode', found.mode);
    if (found.degraded) reply.header('x-search-degraded', headerText(found.degraded) || 'semantic ranking unavailable');
    // The search page's "did you mean" (a pasted passage gets none).
    const { ready, suggestion } = await spelled;
    if (suggestion) reply.header('x-search-suggestion', headerText(suggestion));
    // Not kept by the page cache while the vocabulary is still being read or meaning cannot rank
    // (the first seconds after start-up, a failing endpoint): the same URL answers better soon.
    if (!ready || found.degraded) reply.header('cache-control', 'no-store');
    const papers = await papersByIds(deps.db, found.hits.map((h) => h.paperId));
    const score = new Map(found.hits.map((h) => [h.paperId, h.score]));
    return papers.map((p) => searchHitJson(p, score.get(p.paperId) ?? 0));
  };
}
