import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { WebDeps } from '../deps.js';
import { maxPaperRowId, paperIdsInRange } from '../../store/paper-batch-read.js';
import { paperPath } from '../views/site-paths.js';
import { siteUrl } from './feed-model.js';
import { element } from './xml-text.js';
import { SEARCH_FEED_PATH } from '../views/feed-links.js';
import { RECOMMEND_FEED_PATH } from './recommend-feed.js';

/** Papers per sitemap file, by row-id range (the protocol allows 50,000 URLs a file). */
export const SITEMAP_PAPERS = 50_000;

/** The pages every site has, listed in the first sitemap beside the papers. */
const SITE_PAGES = ['/', '/trending', '/categories', '/orgs'];

/** Seconds between two requests of a crawler that honours Crawl-delay (Bing, Yandex; Google does not). */
export const CRAWL_DELAY_SECONDS = 2;

const XML = 'application/xml; charset=utf-8';
const NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';

/** `/sitemap.xml`: the index of the paper sitemaps, one per 50,000 row ids (2.7 M papers: 54 files). */
function sitemapIndex(deps: WebDeps, perFile: number) {
  return async (_req: FastifyRequest, reply: FastifyReply): Promise<string> => {
    const files = Math.max(1, Math.ceil((await maxPaperRowId(deps.db)) / perFile));
    const entries = Array.from({ length: files }, (_, i) => `<sitemap>${element('loc', siteUrl(deps.config.baseUrl, `/sitemaps/papers-${i + 1}.xml`))}</sitemap>`);
    reply.type(XML);
    return `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="${NS}">\n${entries.join('\n')}\n</sitemapindex>\n`;
  };
}

/**
 * `/sitemaps/papers-N.xml`: the paper pages of one row-id range, each with the day its record last
 * changed; the first file also lists the site's own pages. A range past the end is a 404.
 */
function paperSitemap(deps: WebDeps, perFile: number) {
  return async (req: FastifyRequest, reply: FastifyReply): Promise<string> => {
    const n = Number((req.params as { n?: string }).n);
    const last = await maxPaperRowId(deps.db);
    if (!Number.isInteger(n) || n < 1 || (n > 1 && (n - 1) * perFile >= last)) {
      reply.code(404).type('text/plain; charset=utf-8');
      return 'No such sitemap.\n';
    }
    const url = (path: string, changed?: string): string =>
      `<url>${element('loc', siteUrl(deps.config.baseUrl, path))}${changed ? element('lastmod', changed.slice(0, 10)) : ''}</url>`;
    const papers = await paperIdsInRange(deps.db, (n - 1) * perFile, n * perFile);
    const urls = [...(n === 1 ? SITE_PAGES.map((p) => url(p)) : []), ...papers.map((p) => url(paperPath(p.paperId), p.changedAt))];
    reply.type(XML);
    return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="${NS}">\n${urls.join('\n')}\n</urlset>\n`;
  };
}

/**
 * `/robots.txt`: paper, listing and category pages may be crawled; search, recommendations,
 * exports, the API and the forms may not (endless query strings, and each answer is computed),
 * and the sitemap says where every paper is.
 */
function robots(deps: WebDeps) {
  return async (_req: FastifyRequest, reply: FastifyReply): Promise<string> => {
    reply.type('text/plain; charset=utf-8');
    const closed = ['/search', '/recommend', '/export.', '/api/', SEARCH_FEED_PATH, RECOMMEND_FEED_PATH, '/papers/add', '/subscribe', '/unsubscribe', '/preferences'];
    // An uncached paper page ranks its similar papers (~50 ms of a core): crawlers that honour
    // Crawl-delay take a few percent of one.
    return `User-agent: *\n${closed.map((p) => `Disallow: ${p}`).join('\n')}\nCrawl-delay: ${CRAWL_DELAY_SECONDS}\n\nSitemap: ${siteUrl(deps.config.baseUrl, '/sitemap.xml')}\n`;
  };
}

/** Registers robots.txt and the sitemaps (`perFile` row ids a sitemap; tests use a few). */
export function registerSitemaps(app: FastifyInstance, deps: WebDeps, perFile = SITEMAP_PAPERS): void {
  app.get('/robots.txt', robots(deps));
  app.get('/sitemap.xml', sitemapIndex(deps, perFile));
  app.get('/sitemaps/papers-:n.xml', paperSitemap(deps, perFile));
}
