import type { FastifyInstance } from 'fastify';
import type { WebDeps } from '../deps.js';
import type { SpellingIndex } from '../../search/keyword/spelling.js';
import { dailyPapersList } from '../api/daily-papers-list.js';
import { paperShow } from '../api/paper-show.js';
import { papersSearch } from '../api/papers-search.js';
import { papersCursor } from '../api/papers-cursor.js';
import { papersSimilar } from '../api/papers-similar.js';
import { RECOMMEND_BODY_LIMIT, recommend, recommendBodyError } from '../api/recommend.js';
import { openApiDocument } from '../api/openapi-document.js';
import { apiDocsShow } from '../api/api-docs-show.js';
import { apiErrorShow, apiNotFound } from '../api/api-errors.js';

/**
 * The JSON API under /api (compatible with the hosted Daily Papers API). Registered as its own
 * plugin so that its 404s and errors answer in JSON while the site's stay HTML. Every route here
 * is described in src/web/api/openapi-document.ts (a test checks both agree).
 */
export function registerApi(app: FastifyInstance, deps: WebDeps, spelling: SpellingIndex): void {
  const document = JSON.stringify(openApiDocument());
  app.register(async (api) => {
    api.setNotFoundHandler(apiNotFound);
    api.setErrorHandler(apiErrorShow);
    api.get('/daily_papers', dailyPapersList(deps));
    api.get('/papers', papersCursor(deps));
    api.get('/papers/search', papersSearch(deps, spelling));
    api.get('/papers/:id', paperShow(deps));
    api.get('/papers/:archive/:num', paperShow(deps));
    api.get('/papers/:id/similar', papersSimilar(deps));
    api.get('/papers/:archive/:num/similar', papersSimilar(deps));
    api.post('/recommend', { bodyLimit: RECOMMEND_BODY_LIMIT, errorHandler: recommendBodyError }, recommend(deps));
    api.get('/openapi.json', async (_req, reply) => {
      reply.type('application/json; charset=utf-8');
      return document;
    });
    api.get('/docs', apiDocsShow);
  }, { prefix: '/api' });
}
