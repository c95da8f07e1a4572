import { parseOaiPage } from '../arxiv-oai/oai-page.js';
import { harvestFetch, harvestKey, withQuery, type HarvestEnv, type HarvestPlan, type HarvestStep } from './harvest-plan.js';

/** An OAI-PMH ListRecords harvest of arXiv. */
export interface ArxivOaiParams {
  /** OAI sets (`cs`, `physics:hep-th`); one listing per set, none means everything. */
  sets: string[];
  from?: string;
  until?: string;
  /** arXivRaw (default) lists every version with its date; arXiv has structured author names. */
  prefix: 'arXiv' | 'arXivRaw';
}

/** Progress through the listings, enough to resume after a kill or an expired token. */
export interface ArxivOaiState {
  /** Index into the sets of the listing in progress. */
  setIndex: number;
  /** The `from` every listing of this run starts with (the user's, or a re-check's day). */
  baseFrom: string | null;
  /** The `from` of the listing in progress (moved forward when an expired token forces a restart). */
  from: string | null;
  token: string | null;
  /** Datestamp of the last record seen in this listing. */
  lastDatestamp: string | null;
  /** True while this listing's datestamps never went backwards, so restarting from the last one loses nothing. */
  ordered: boolean;
  restarts: number;
  /** The server's day at this run's first response: a later re-check starts there. */
  firstResponseDay: string | null;
}

/** Restarts after expired tokens allowed within one listing before giving up. */
const MAX_RESTARTS = 5;

function fresh(from: string | null): ArxivOaiState {
  return { setIndex: 0, baseFrom: from, from, token: null, lastDatestamp: null, ordered: true, restarts: 0, firstResponseDay: null };
}

function nextListing(s: ArxivOaiState): ArxivOaiState {
  return { ...s, setIndex: s.setIndex + 1, from: s.baseFrom, token: null, lastDatestamp: null, ordered: true, restarts: 0 };
}

/**
 * A re-check of a finished harvest lists again from the day that harvest began (server clock):
 * every record changed since then has a datestamp on or after it. With an `until` before that
 * day there is nothing that can still change, so the harvest is up to date.
 */
function recheck(p: ArxivOaiParams, done: ArxivOaiState): ArxivOaiState | null {
  const from = done.firstResponseDay ?? p.from ?? null;
  if (p.until && from && from > p.until) return null;
  return fresh(from);
}

/**
 * ListRecords with resumption tokens, one listing per set. When a token has expired
 * (badResumptionToken) the listing restarts from the last datestamp seen if datestamps have come
 * in order so far, otherwise from the listing's start; re-listed records are absorbed by the
 * idempotent upsert. noRecordsMatch is an empty listing, not a failure.
 */
export function arxivOaiPlan(p: ArxivOaiParams): HarvestPlan<ArxivOaiState> {
  const sets: (string | null)[] = p.sets.length ? [...p.sets].sort() : [null];
  return {
    source: 'arxiv-oai',
    key: harvestKey('arxiv-oai', { prefix: p.prefix, set: p.sets.length ? [...p.sets].sort().join(',') : undefined, from: p.from, until: p.until }),
    start(saved) {
      if (!saved) return fresh(p.from ?? null);
      return saved.status === 'done' ? recheck(p, saved.state) : saved.state;
    },
    async *steps(initial, env: HarvestEnv): AsyncIterable<HarvestStep<ArxivOaiState>> {
      let s = initial;
      while (s.setIndex < sets.length) {
        const url = s.token
          ? withQuery(env.config.arxivOaiUrl, { verb: 'ListRecords', resumptionToken: s.token })
          : withQuery(env.config.arxivOaiUrl, { verb: 'ListRecords', metadataPrefix: p.prefix, set: sets[s.setIndex], from: s.from, until: p.until });
        const fail = (message: string): HarvestStep<ArxivOaiState> => ({ url, results: [], problems: [{ source: url, message }], state: s });
        const res = await harvestFetch(env, url, true);
        if (!res.ok) { yield { url, results: [], problems: [res.problem], state: s }; return; }
        const page = parseOaiPage(res.body, url);
        if (page.error?.code === 'notOai' || page.error?.code === 'malformed') {
          yield fail(res.status !== 200 ? `HTTP ${res.status}: ${page.error.message}` : page.error.message);
          return;
        }
        const firstResponseDay = s.firstResponseDay ?? page.responseDate?.slice(0, 10) ?? null;
        if (page.error?.code === 'noRecordsMatch') {
          s = nextListing({ ...s, firstResponseDay });
          yield { url, results: [], problems: [], state: s };
          continue;
        }
        if (page.error?.code === 'badResumptionToken' && s.token) {
          if (s.restarts >= MAX_RESTARTS) { yield fail(`${page.error.message}; gave up after ${MAX_RESTARTS} restarts`); return; }
          const from = s.ordered && s.lastDatestamp ? s.lastDatestamp : s.from;
          env.log(`resumption token expired; restarting the listing from ${from ?? 'the beginning'}`);
          s = { ...s, firstResponseDay, token: null, from, restarts: s.restarts + 1 };
          continue;
        }
        if (page.error) { yield fail(page.error.message); return; }

        let { lastDatestamp, ordered } = s;
        for (const d of page.datestamps) {
          if (lastDatestamp && d < lastDatestamp) ordered = false;
          lastDatestamp = d;
        }
        const token = page.resumptionToken?.token ?? null;
        s = { ...s, firstResponseDay, lastDatestamp, ordered, token };
        if (!token) s = nextListing(s);
        yield { url, results: page.results, problems: [], state: s };
      }
    },
  };
}
