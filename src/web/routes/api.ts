import type { FastifyInstance } from 'fastify';
import type { WebDeps } from '../deps.js';

/** The JSON API under /api (compatible with the hosted Daily Papers API). */
export function registerApi(_app: FastifyInstance, _deps: WebDeps): void {
  // Routes are added here.
}
