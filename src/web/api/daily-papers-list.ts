import type { FastifyReply, FastifyRequest } from 'fastify';
import type { WebDeps } from '../deps.js';
import { latestListedDay, listPeriod, periodFromQuery, type Period } from '../../store/listings.js';
import { all, enumParam, intParam, readQuery, sendProblem, textParam, type ApiError } from './api-params.js';
import { dailyEntryJson, type DailyEntryJson } from './paper-json.js';

/** Largest page the listing API returns. */
export const DAILY_MAX_LIMIT = 100;
/** Page size when the client gives none. */
export const DAILY_DEFAULT_LIMIT = 50;

/**
 * `GET /api/daily_papers`: the featured papers of a day, ISO week or month (default: the newest
 * listed day) in the hosted API's shape, so its existing clients can point here instead. Sorted by
 * upvotes unless `sort=publishedAt` (listing time, newest first); `p` is a 0-based page number.
 */
export function dailyPapersList(deps: WebDeps) {
  return async (req: FastifyRequest, reply: FastifyReply): Promise<DailyEntryJson[] | ApiError> => {
    const query = readQuery(req.query);
    if (!query.ok) return sendProblem(reply, 400, query.problem);
    const q = query.value;
    const params = all(
      textParam(q, 'date', 20),
      textParam(q, 'week', 20),
      textParam(q, 'month', 20),
      intParam(q, 'p', { def: 0, min: 0, max: 100_000 }),
      intParam(q, 'limit', { def: DAILY_DEFAULT_LIMIT, min: 1, max: DAILY_MAX_LIMIT }),
      enumParam(q, 'sort', ['trending', 'publishedAt'] as const, 'trending'),
      textParam(q, 'submitter', 200),
    );
    if (!params.ok) return sendProblem(reply, 400, params.problem);
    const [date, week, month, page, limit, sort, submitter] = params.value;
    const chosen = periodFromQuery({ date, week, month });
    if (chosen && !chosen.ok) return sendProblem(reply, 400, chosen.problem);
    let period: Period | null = chosen?.period ?? null;
    if (!period) {
      const latest = await latestListedDay(deps.db);
      if (!latest) return [];
      period = { kind: 'day', day: latest };
    }
    const { papers, total } = await listPeriod(deps.db, period, { sort, limit, offset: page * limit, submitter });
    reply.header('x-total-count', String(total));
    return papers.map(dailyEntryJson);
  };
}
