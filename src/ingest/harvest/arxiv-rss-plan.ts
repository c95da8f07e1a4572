import { parseRss } from '../arxiv-rss/rss-page.js';
import { harvestFetch, harvestKey, type HarvestPlan, type HarvestStep } from './harvest-plan.js';

/** Today's announcements of some categories from rss.arxiv.org. */
export interface ArxivRssParams {
  categories: string[];
}

/** Nothing to resume: a feed is one request. Kept so the last fetch shows in harvest_state. */
export interface ArxivRssState {
  items: number | null;
}

/** The feed URL for several categories at once (`.../rss/cs.AI+cs.CL`), as rss.arxiv.org allows. */
export function rssUrl(base: string, categories: readonly string[]): string {
  return `${base.replace(/\/+$/, '')}/${categories.map(encodeURIComponent).join('+')}`;
}

/**
 * One request for the joined category list; every announcement type is stored (new, cross-list,
 * replacement), since each says something current about a paper. Always fetched again: the feed
 * changes every announcement day.
 */
export function arxivRssPlan(p: ArxivRssParams): HarvestPlan<ArxivRssState> {
  const cats = [...new Set(p.categories)].sort();
  return {
    source: 'arxiv-rss',
    key: harvestKey('arxiv-rss', { category: cats.join('+') }),
    start: () => ({ items: null }),
    async *steps(state, env): AsyncIterable<HarvestStep<ArxivRssState>> {
      const url = rssUrl(env.config.arxivRssUrl, cats);
      const res = await harvestFetch(env, url, true);
      if (!res.ok) { yield { url, results: [], problems: [res.problem], state }; return; }
      const page = parseRss(res.body, url);
      if (res.status !== 200 || page.error) {
        const why = [res.status !== 200 ? `HTTP ${res.status}` : '', page.error?.message ?? ''].filter(Boolean).join(': ');
        yield { url, results: [], problems: [{ source: url, message: why }], state };
        return;
      }
      yield { url, results: page.results, problems: [], state: { items: page.results.length } };
    },
  };
}
