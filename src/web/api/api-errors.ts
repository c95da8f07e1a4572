import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { ApiError } from './api-params.js';

/** Unknown paths under /api answer in JSON like the rest of the API, not with the HTML 404 page. */
export async function apiNotFound(req: FastifyRequest, reply: FastifyReply): Promise<ApiError> {
  reply.code(404).type('application/json; charset=utf-8');
  return { error: `no API endpoint ${req.method} ${req.url.split('?')[0]!.slice(0, 200)}; see /api/docs` };
}

/**
 * Thrown errors under /api become JSON: client errors (malformed URL, too large) keep their status;
 * anything else is a bug or an outage, logged once and answered with a 500 that reveals nothing.
 */
export async function apiErrorShow(err: FastifyError, req: FastifyRequest, reply: FastifyReply): Promise<ApiError> {
  const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
  reply.code(status).type('application/json; charset=utf-8');
  if (status === 500) {
    req.log.error({ err }, 'request failed');
    return { error: 'internal error: the server could not answer; the error has been logged' };
  }
  return { error: 'bad request: the server could not understand this request' };
}
