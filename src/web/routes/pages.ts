import type { FastifyInstance } from 'fastify';
import type { WebDeps } from '../deps.js';
import { papersList } from '../pages/papers-list.js';
import { paperShow } from '../pages/paper-show.js';
import { searchResults } from '../pages/search-results.js';
import { authorShow } from '../pages/author-show.js';
import { orgShow } from '../pages/org-show.js';
import { categoryShow } from '../pages/category-show.js';
import { trendingList } from '../pages/trending-list.js';

/**
 * Every HTML page of the site (one handler file per page in src/web/pages/). The paper route is
 * a wildcard because old-style arXiv ids contain a slash (`/papers/hep-th/9901001`).
 */
export function registerPages(app: FastifyInstance, deps: WebDeps): void {
  app.get('/', papersList(deps));
  app.get('/papers', papersList(deps));
  app.get('/papers/*', paperShow(deps));
  app.get('/search', searchResults(deps));
  app.get('/authors/:name', authorShow(deps));
  app.get('/orgs/:name', orgShow(deps));
  app.get('/categories/:cat', categoryShow(deps));
  app.get('/trending', trendingList(deps));
}
