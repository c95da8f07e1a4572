import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { WebDeps } from '../deps.js';
import type { Problem } from '../../model/paper-record.js';
import { cleanText, sendProblem, type ApiError, type Param } from './api-params.js';
import { rankedHitsJson, type RankedHitJson } from './ranked-json.js';
import { paperReference } from '../../model/paper-reference.js';

/** Most papers one profile may list on each side: enough for a reading list, bounded in cost. */
export const RECOMMEND_MAX_IDS = 200;
/** Most recommendations one request may ask for. */
export const RECOMMEND_MAX_LIMIT = 100;
/** Largest accepted body: ample for two full id lists. */
export const RECOMMEND_BODY_LIMIT = 64 * 1024;
/** Recommendations returned when `limit` is not given. */
export const RECOMMEND_DEFAULT_LIMIT = 20;

/** What `POST /api/recommend` accepts, once checked. */
export interface RecommendRequest {
  positive: string[];
  negative: string[];
  limit: number;
}

/** The answer: ranked papers, and the given ids the store does not have. */
export interface RecommendJson {
  results: RankedHitJson[];
  unknown: string[];
}

const FIELDS = new Set(['positive', 'negative', 'limit']);
const UNSUPPORTED: Problem = { source: 'body', message: 'expected content-type application/json' };

function bad<T>(field: string, message: string): Param<T> {
  return { ok: false, problem: { source: field, message } };
}

function idList(body: Record<string, unknown>, field: string, required: boolean): Param<string[]> {
  const v = body[field];
  if (v === undefined) return required ? bad(field, 'missing: give a list of paper ids') : { ok: true, value: [] };
  if (!Array.isArray(v)) return bad(field, 'expected a list of paper ids');
  if (required && v.length === 0) return bad(field, 'expected at least one paper id');
  if (v.length > RECOMMEND_MAX_IDS) return bad(field, `more than ${RECOMMEND_MAX_IDS} ids`);
  const ids: string[] = [];
  for (const [i, item] of v.entries()) {
    if (typeof item !== 'string' || !item.trim()) return bad(field, `item ${i} is not a paper id`);
    const clean = cleanText(item.trim(), field, 200);
    if (!clean.ok) return bad(field, `item ${i} ${clean.problem.message}`);
    // A versioned id or a paper's address names the same paper: 2504.01234v2, arxiv.org/abs/2504.01234.
    ids.push(paperReference(clean.value) ?? clean.value);
  }
  return { ok: true, value: [...new Set(ids)] };
}

/** Checks a request body; the problem names the field at fault (`body` when it is no object). */
export function readRecommendRequest(body: unknown): Param<RecommendRequest> {
  if (body == null || typeof body !== 'object' || Array.isArray(body)) return bad('body', 'expected a JSON object {"positive": [ids], "negative": [ids], "limit": N}');
  const fields = body as Record<string, unknown>;
  const extra = Object.keys(fields).find((k) => !FIELDS.has(k));
  if (extra !== undefined) return bad(extra.slice(0, 64), 'unknown field: expected positive, negative and limit');
  const positive = idList(fields, 'positive', true);
  if (!positive.ok) return positive;
  const negative = idList(fields, 'negative', false);
  if (!negative.ok) return negative;
  const limit = fields['limit'] ?? RECOMMEND_DEFAULT_LIMIT;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > RECOMMEND_MAX_LIMIT) {
    return bad('limit', `expected a whole number from 1 to ${RECOMMEND_MAX_LIMIT}`);
  }
  const both = positive.value.find((id) => negative.value.includes(id));
  if (both !== undefined) return bad('negative', `${both} is also in positive`);
  return { ok: true, value: { positive: positive.value, negative: negative.value, limit } };
}

/**
 * `POST /api/recommend`: papers ranked for an interest profile, liked papers pulling and disliked
 * ones pushing, the given papers themselves left out. Unknown ids are listed in `unknown` and
 * the rest still count, so one stale id in a saved list does not fail the request.
 */
export function recommend(deps: WebDeps) {
  return async (req: FastifyRequest, reply: FastifyReply): Promise<RecommendJson | ApiError> => {
    // The site also parses forms; only JSON is this endpoint's body, whatever a parser made of the rest.
    if (!/^application\/json\s*(;|$)/i.test(req.headers['content-type'] ?? '')) return sendProblem(reply, 415, UNSUPPORTED);
    const input = readRecommendRequest(req.body);
    if (!input.ok) return sendProblem(reply, 400, input.problem);
    const { positive, negative, limit } = input.value;
    const found = await deps.semantic.recommend(positive, negative, limit);
    return { results: await rankedHitsJson(deps.db, found.hits), unknown: found.unknown };
  };
}

/**
 * Errors raised before the handler runs (a body that is not JSON, another content type, too
 * large) answer like the handler's own: JSON naming `body`. Anything else is left to the API's
 * error handler by rethrowing.
 */
export async function recommendBodyError(err: FastifyError, _req: FastifyRequest, reply: FastifyReply): Promise<ApiError> {
  const status = err.statusCode ?? 500;
  if (status < 400 || status >= 500) throw err;
  const problem: Problem = status === 415
    ? UNSUPPORTED
    : status === 413 ? { source: 'body', message: 'too large' } : { source: 'body', message: 'not valid JSON' };
  return sendProblem(reply, status, problem);
}
