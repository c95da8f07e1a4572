import { parseAtomPage } from '../arxiv-api/atom-page.js';
import { harvestFetch, harvestKey, withQuery, type HarvestPlan, type HarvestStep } from './harvest-plan.js';

/** A search of export.arxiv.org/api/query. */
export interface ArxivApiParams {
  /** A search_query in arXiv's syntax (`ti:transformer AND abs:speech`). */
  query?: string;
  idList?: string[];
  /** Any of these categories (`cat:cs.CL OR cat:cs.AI`). */
  categories?: string[];
  /** Submitted on or after / up to this day (YYYY-MM-DD). */
  from?: string;
  until?: string;
  /** Entries per request, at most 2000 (arXiv's limit). */
  pageSize: number;
  /** Stop after this many entries. */
  max?: number;
}

/** Where a search stands: the next `start=` and the total arXiv reported. */
export interface ArxivApiState {
  nextStart: number;
  total: number | null;
}

/** Empty pages before the end are a known transient arXiv quirk: ask again this many times. */
const EMPTY_PAGE_RETRIES = 2;

/** The search_query: the user's query AND any of the categories AND the submission-date window. */
export function searchQuery(p: ArxivApiParams): string {
  const parts: string[] = [];
  if (p.query) parts.push(p.categories?.length || p.from || p.until ? `(${p.query})` : p.query);
  if (p.categories?.length) {
    const any = p.categories.map((c) => `cat:${c}`).join(' OR ');
    parts.push(p.categories.length > 1 ? `(${any})` : any);
  }
  if (p.from || p.until) {
    const day = (d: string | undefined, fallback: string): string => (d ?? fallback).replaceAll('-', '');
    parts.push(`submittedDate:[${day(p.from, '1991-01-01')}0000 TO ${day(p.until, '2999-12-31')}2359]`);
  }
  return parts.join(' AND ');
}

/**
 * Pages through a search newest first (sortBy=submittedDate) with `start=`. A finished search run
 * again starts over from the newest entry: it re-checks rather than doing nothing, and the upsert
 * makes the already-stored entries cost nothing but the requests.
 */
export function arxivApiPlan(p: ArxivApiParams): HarvestPlan<ArxivApiState> {
  const q = searchQuery(p);
  const ids = p.idList?.join(',');
  return {
    source: 'arxiv-api',
    key: harvestKey('arxiv-api', { search_query: q, id_list: ids, max: p.max }),
    start: (saved) => (saved && saved.status !== 'done' ? saved.state : { nextStart: 0, total: null }),
    async *steps(state, env): AsyncIterable<HarvestStep<ArxivApiState>> {
      let { nextStart, total } = state;
      while (p.max == null || nextStart < p.max) {
        const count = Math.min(p.pageSize, p.max == null ? p.pageSize : p.max - nextStart);
        const url = withQuery(env.config.arxivApiUrl, {
          search_query: q, id_list: ids, start: nextStart, max_results: count, sortBy: 'submittedDate', sortOrder: 'descending',
        });
        const stop = (message: string): HarvestStep<ArxivApiState> => ({ url, results: [], problems: [{ source: url, message }], state: { nextStart, total } });
        let page = null;
        for (let tries = 0; tries <= EMPTY_PAGE_RETRIES; tries++) {
          const res = await harvestFetch(env, url, true);
          if (!res.ok) { yield { url, results: [], problems: [res.problem], state: { nextStart, total } }; return; }
          page = parseAtomPage(res.body, url);
          if (page.error) { yield stop(res.status !== 200 ? `HTTP ${res.status}: ${page.error.message}` : page.error.message); return; }
          if (res.status !== 200) { yield stop(`HTTP ${res.status}`); return; }
          total = page.totalResults ?? total;
          if (page.results.length || total == null || nextStart >= total) break;
          env.log(`arXiv API returned an empty page at start=${nextStart} of ${total}; asking again`);
        }
        if (!page!.results.length) {
          if (total != null && nextStart < total) yield stop(`arXiv returned no entries at start=${nextStart} although it reports ${total}; run again to resume`);
          return;
        }
        const results = page!.results.slice(0, count);
        nextStart += results.length;
        yield { url, results, problems: [], state: { nextStart, total } };
        if (total != null && nextStart >= total) return;
      }
    },
  };
}
