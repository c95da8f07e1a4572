import type { FastifyReply, FastifyRequest } from 'fastify';
import type { WebDeps } from '../deps.js';
import { papersByIds } from '../../store/listings.js';
import { all, enumParam, intParam, readQuery, sendProblem, textParam, type ApiError } from './api-params.js';
import { organizationJson, paperJson, type OrganizationJson, type PaperJson } from './paper-json.js';

/** Largest result list of one search, as the hosted search caps it. */
export const SEARCH_MAX_LIMIT = 120;

/** One search result: shaped like a daily entry (hosted clients read `paper`), plus its score. */
export interface SearchHitJson {
  paper: PaperJson;
  publishedAt: string | null;
  title: string;
  summary: string | null;
  thumbnail: string | null;
  numComments: number;
  organization?: OrganizationJson;
  isAuthorParticipating: false;
  score: number;
}

/**
 * `GET /api/papers/search?q=&limit=`: keyword search over every stored paper, best first. The
 * query language (author:, category:, year:, "phrases", -exclusions) is the search page's; a query
 * with nothing to search for is a 400 naming `q`.
 */
export function papersSearch(deps: WebDeps) {
  return async (req: FastifyRequest, reply: FastifyReply): Promise<SearchHitJson[] | ApiError> => {
    const query = readQuery(req.query);
    if (!query.ok) return sendProblem(reply, 400, query.problem);
    const q = query.value;
    const params = all(
      textParam(q, 'q', 1000),
      intParam(q, 'limit', { def: 50, min: 1, max: SEARCH_MAX_LIMIT }),
      enumParam(q, 'sort', ['relevance', 'date'] as const, 'relevance'),
    );
    if (!params.ok) return sendProblem(reply, 400, params.problem);
    const [text, limit, sort] = params.value;
    if (!text?.trim()) return sendProblem(reply, 400, { source: 'q', message: 'missing: give the words to search for' });
    const found = await deps.keyword.search(text, { limit, sort });
    if (!found.ok) return sendProblem(reply, 400, { source: 'q', message: found.problem.message });
    reply.header('x-total-count', String(found.total));
    const papers = await papersByIds(deps.db, found.hits.map((h) => h.paperId));
    const score = new Map(found.hits.map((h) => [h.paperId, h.score]));
    return papers.map((p) => ({
      paper: paperJson(p),
      publishedAt: p.publishedAt,
      title: p.title,
      summary: p.abstract,
      thumbnail: p.thumbnail,
      numComments: p.numComments,
      organization: organizationJson(p),
      isAuthorParticipating: false as const,
      score: score.get(p.paperId) ?? 0,
    }));
  };
}
