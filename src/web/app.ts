import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { WebDeps } from './deps.js';
import { securityHeaders } from './security-headers.js';
import { httpSpeed } from './http/http-speed.js';
import { siteAssets } from './http/site-assets.js';
import { pageCaching } from './http/page-caching.js';
import { readDataVersion } from '../store/data-version.js';
import { registerPages } from './routes/pages.js';
import { SpellingIndex } from '../search/keyword/spelling.js';
import { registerApi } from './routes/api.js';
import { registerFeeds } from './routes/feeds.js';
import { healthShow } from './pages/health-show.js';
import { errorShow, notFoundShow } from './pages/error-show.js';

export type { WebDeps };

/**
 * The site's one spelling index ("did you mean", on the search page and in the API): it reads the
 * titles' words once, started when the app is ready so the first search does not wait for it.
 */
function siteSpelling(app: FastifyInstance, deps: WebDeps): SpellingIndex {
  const spelling = new SpellingIndex(deps.db, async (word) => {
    const r = await deps.keyword.searchRows(word, { limit: 1 });
    return r.ok ? r.total : 0;
  });
  let warming: Promise<void> = Promise.resolve();
  app.addHook('onReady', async () => {
    warming = (deps.warmAfter ?? Promise.resolve()).then(() => spelling.warm())
      .catch((err: unknown) => deps.logger.warn({ err }, 'reading the spelling vocabulary failed'));
  });
  app.addHook('onClose', async () => { await warming; });
  return spelling;
}

/**
 * Builds the web application from its dependencies without listening, so tests can
 * `app.inject()` requests and `serve` decides where to listen. Each route is one page file.
 */
export async function buildApp(deps: WebDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    return503OnClosing: true,
    // Behind a reverse proxy the client address (rate limits, logs) comes from X-Forwarded-For.
    trustProxy: deps.config.trustProxy,
  });
  securityHeaders(app);
  httpSpeed(app, siteAssets);
  // After every other onSend hook: pages are kept as sent and replayed through those hooks.
  pageCaching(app, { ...deps.config.pageCache, readVersion: () => readDataVersion(deps.db) });
  app.setNotFoundHandler(notFoundShow);
  app.setErrorHandler(errorShow);

  const spelling = siteSpelling(app, deps);
  registerPages(app, deps, spelling);
  registerApi(app, deps, spelling);
  registerFeeds(app, deps);
  app.get('/healthz', healthShow(deps));

  await app.ready();
  return app;
}
