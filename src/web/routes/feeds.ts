import type { FastifyInstance } from 'fastify';
import type { WebDeps } from '../deps.js';
import { registerFeedRoutes } from '../feeds/feed-routes.js';
import { registerPaperExports } from '../feeds/paper-exports.js';

/** RSS/Atom feeds and paper exports (Markdown, BibTeX). */
export function registerFeeds(app: FastifyInstance, deps: WebDeps): void {
  registerFeedRoutes(app, deps);
  registerPaperExports(app, deps);
}
