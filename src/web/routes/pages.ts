import type { FastifyInstance } from 'fastify';
import type { WebDeps } from '../deps.js';
import { papersLatest } from '../pages/papers-latest.js';

/** Every HTML page of the site (one handler file per page in src/web/pages/). */
export function registerPages(app: FastifyInstance, deps: WebDeps): void {
  app.get('/', papersLatest(deps));
}
