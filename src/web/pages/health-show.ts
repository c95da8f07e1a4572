import type { FastifyReply, FastifyRequest } from 'fastify';
import type { WebDeps } from '../deps.js';
import { pingStore } from '../../store/stats.js';

/** `/healthz` for load balancers and uptime checks: ok only when the database answers. */
export function healthShow(deps: WebDeps) {
  return async (req: FastifyRequest, reply: FastifyReply): Promise<{ ok: boolean }> => {
    reply.header('cache-control', 'no-store');
    try {
      await pingStore(deps.db);
      return { ok: true };
    } catch (err) {
      req.log.error({ err }, 'health check: database unreachable');
      reply.code(503);
      return { ok: false };
    }
  };
}
