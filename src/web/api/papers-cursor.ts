import type { FastifyReply, FastifyRequest } from 'fastify';
import type { WebDeps } from '../deps.js';
import { papersAfterCursor } from '../../store/listings.js';
import { all, intParam, readQuery, sendProblem, type ApiError } from './api-params.js';
import { paperJson, type PaperJson } from './paper-json.js';

/** Largest page of the walk over all papers. */
export const CURSOR_MAX_LIMIT = 500;

/** One page of the walk and the cursor of the next (null at the end). */
export interface CursorPageJson {
  papers: PaperJson[];
  nextCursor: string | null;
}

/**
 * `GET /api/papers?cursor=&limit=`: every stored paper, page by page, for mirrors and exports. The
 * cursor is opaque to clients (today a row id): pass back `nextCursor` until it is null.
 */
export function papersCursor(deps: WebDeps) {
  return async (req: FastifyRequest, reply: FastifyReply): Promise<CursorPageJson | ApiError> => {
    const query = readQuery(req.query);
    if (!query.ok) return sendProblem(reply, 400, query.problem);
    const q = query.value;
    if (q['cursor'] !== undefined && !/^\d{1,15}$/.test(q['cursor'])) {
      return sendProblem(reply, 400, { source: 'cursor', message: 'not a cursor this server returned (use nextCursor as given)' });
    }
    const params = all(intParam(q, 'limit', { def: 100, min: 1, max: CURSOR_MAX_LIMIT }));
    if (!params.ok) return sendProblem(reply, 400, params.problem);
    const [limit] = params.value;
    const page = await papersAfterCursor(deps.db, Number(q['cursor'] ?? 0), limit);
    return { papers: page.papers.map(paperJson), nextCursor: page.nextCursor == null ? null : String(page.nextCursor) };
  };
}
