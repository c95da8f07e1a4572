import type { FastifyInstance } from 'fastify';
import type { WebDeps } from '../deps.js';
import { registerFeedRoutes } from '../feeds/feed-routes.js';
import { registerPaperExports } from '../feeds/paper-exports.js';
import { registerListExports } from '../feeds/list-exports.js';
import { registerSitemaps } from '../feeds/sitemap.js';

/** RSS/Atom feeds, paper exports (Markdown, BibTeX) of one paper or of a list, robots.txt and sitemaps. */
export function registerFeeds(app: FastifyInstance, deps: WebDeps): void {
  registerFeedRoutes(app, deps);
  registerPaperExports(app, deps);
  registerListExports(app, deps);
  registerSitemaps(app, deps);
}
