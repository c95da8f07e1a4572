import type { FastifyInstance } from 'fastify';
import type { WebDeps } from '../deps.js';

/** RSS/Atom feeds and paper exports (Markdown, BibTeX). */
export function registerFeeds(_app: FastifyInstance, _deps: WebDeps): void {
  // Routes are added here.
}
