import type { FastifyReply, FastifyRequest } from 'fastify';
import type { WebDeps } from '../deps.js';
import { arxivId } from '../../model/normalise.js';
import { paperWithListings, type PaperListing } from '../../store/listings.js';
import { cleanText, sendProblem, type ApiError } from './api-params.js';
import { paperJson, type PaperJson } from './paper-json.js';

/** The paper endpoint's body: the paper plus every day it was featured. */
export interface PaperDetailJson extends PaperJson {
  listings: PaperListing[];
}

/** The path parameters: `:id`, or `:archive/:num` for old-style ids such as hep-th/9901001. */
type PaperParams = { id?: string; archive?: string; num?: string };

/**
 * `GET /api/papers/:id`: everything stored about one paper. Accepts the id as people paste it
 * (`2506.01005v2`, `arXiv:2506.01005`); old-style ids come as two path segments or with the slash
 * encoded (`hep-th%2F9901001`).
 */
export function paperShow(deps: WebDeps) {
  return async (req: FastifyRequest<{ Params: PaperParams }>, reply: FastifyReply): Promise<PaperDetailJson | ApiError> => {
    const { id: plain, archive, num } = req.params;
    const id = cleanText(plain ?? `${archive ?? ''}/${num ?? ''}`, 'id', 200);
    if (!id.ok) return sendProblem(reply, 400, id.problem);
    if (!id.value.trim()) return sendProblem(reply, 400, { source: 'id', message: 'missing' });
    let paper = await paperWithListings(deps.db, id.value);
    const canonical = paper ? null : arxivId(id.value);
    if (canonical && canonical !== id.value) paper = await paperWithListings(deps.db, canonical);
    if (!paper) return sendProblem(reply, 404, { source: 'id', message: `no paper with id ${id.value}` });
    return { ...paperJson(paper), listings: paper.listings };
  };
}
