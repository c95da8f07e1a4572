import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { WebDeps } from './deps.js';
import { securityHeaders } from './security-headers.js';
import { STYLE_HREF, styleHandler } from './assets/style.js';
import { registerPages } from './routes/pages.js';
import { registerApi } from './routes/api.js';
import { registerFeeds } from './routes/feeds.js';
import { healthShow } from './pages/health-show.js';
import { errorShow, notFoundShow } from './pages/error-show.js';

export type { WebDeps };

/**
 * Builds the web application from its dependencies without listening, so tests can
 * `app.inject()` requests and `serve` decides where to listen. Each route is one page file.
 */
export async function buildApp(deps: WebDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    return503OnClosing: true,
  });
  securityHeaders(app);
  app.setNotFoundHandler(notFoundShow);
  app.setErrorHandler(errorShow);

  registerPages(app, deps);
  registerApi(app, deps);
  registerFeeds(app, deps);
  app.get('/healthz', healthShow(deps));
  app.get(STYLE_HREF, styleHandler);

  await app.ready();
  return app;
}
