import type { FastifyInstance } from 'fastify';
import type { WebDeps } from '../deps.js';
import { registerFeedRoutes } from '../feeds/feed-routes.js';
import { registerPaperExports } from '../feeds/paper-exports.js';
import { registerListExports } from '../feeds/list-exports.js';

/** RSS/Atom feeds and paper exports (Markdown, BibTeX), of one paper or of a list. */
export function registerFeeds(app: FastifyInstance, deps: WebDeps): void {
  registerFeedRoutes(app, deps);
  registerPaperExports(app, deps);
  registerListExports(app, deps);
}
