import type { FastifyReply, FastifyRequest } from 'fastify';
import type { WebDeps } from '../deps.js';
import { arxivId } from '../../model/normalise.js';
import { all, cleanText, intParam, readQuery, sendProblem, type ApiError } from './api-params.js';
import { rankedHitsJson, type RankedHitJson } from './ranked-json.js';

/** Most similar papers one request may ask for. */
export const SIMILAR_MAX_LIMIT = 100;
/** Similar papers returned when `limit` is not given. */
export const SIMILAR_DEFAULT_LIMIT = 10;

/** The path parameters: `:id`, or `:archive/:num` for old-style ids such as hep-th/9901001. */
type SimilarParams = { id?: string; archive?: string; num?: string };

/**
 * `GET /api/papers/:id/similar?limit=`: the papers most like one paper, best first, each with the
 * shared terms and topics that explain the match. Ids are accepted as people paste them
 * (`2506.01005v2`, `arXiv:2506.01005`); an id the store does not have is a 404 naming `id`.
 */
export function papersSimilar(deps: WebDeps) {
  return async (req: FastifyRequest<{ Params: SimilarParams }>, reply: FastifyReply): Promise<RankedHitJson[] | ApiError> => {
    const { id: plain, archive, num } = req.params;
    const query = readQuery(req.query);
    if (!query.ok) return sendProblem(reply, 400, query.problem);
    const params = all(
      cleanText(plain ?? `${archive ?? ''}/${num ?? ''}`, 'id', 200),
      intParam(query.value, 'limit', { def: SIMILAR_DEFAULT_LIMIT, min: 1, max: SIMILAR_MAX_LIMIT }),
    );
    if (!params.ok) return sendProblem(reply, 400, params.problem);
    const [id, limit] = params.value;
    if (!id.trim()) return sendProblem(reply, 400, { source: 'id', message: 'missing' });
    let ranked = await deps.semantic.similar(id, limit);
    const canonical = ranked ? null : arxivId(id);
    if (canonical && canonical !== id) ranked = await deps.semantic.similar(canonical, limit);
    if (!ranked) return sendProblem(reply, 404, { source: 'id', message: `no paper with id ${id}` });
    return rankedHitsJson(deps.db, ranked);
  };
}
