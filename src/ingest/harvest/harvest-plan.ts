import type { Config } from '../../config/config.js';
import type { ParseResult, Problem } from '../../model/paper-record.js';
import type { HarvestStateRow } from '../../store/harvest-state.js';
import { fetchText, type FetchOutcome, type HttpOptions } from '../http/http-client.js';

/** The settings a harvest reads: source URLs and arXiv's request spacing. */
export type HarvestConfig = Pick<Config, 'arxivApiUrl' | 'arxivOaiUrl' | 'arxivRssUrl' | 'hfApiUrl' | 'arxivDelayMs'>;

/** What every source's steps may use: configuration, fetch behaviour, cancellation, a log line. */
export interface HarvestEnv {
  readonly config: HarvestConfig;
  /** Timeouts, attempts and backoff (the spacing comes from the config). */
  readonly http?: Omit<HttpOptions, 'delayMs' | 'signal'>;
  readonly signal?: AbortSignal;
  log(line: string): void;
}

/**
 * One page of a harvest: its records, any expected failures, and the progress to save once the
 * records are stored. A source whose failure stops the harvest yields the step with the state it
 * had before the failure and then ends.
 */
export interface HarvestStep<S> {
  readonly url: string;
  readonly results: readonly ParseResult[];
  readonly problems: readonly Problem[];
  readonly state: S;
}

/** A harvest of one source with fixed parameters, resumable from its saved state. */
export interface HarvestPlan<S> {
  readonly source: 'arxiv-api' | 'arxiv-oai' | 'arxiv-rss' | 'hf-daily';
  /** Canonical text of the parameters: the harvest_state key. */
  readonly key: string;
  /**
   * Where to begin given what was saved: null saved → from scratch; running/failed → resume;
   * done → the source's re-check. Returns null when there is nothing left to do.
   */
  start(saved: HarvestStateRow<S> | null): S | null;
  steps(state: S, env: HarvestEnv): AsyncIterable<HarvestStep<S>>;
}

/** A URL with query parameters added (undefined values skipped). */
export function withQuery(base: string, params: Record<string, string | number | undefined | null>): string {
  const url = new URL(base);
  for (const [k, v] of Object.entries(params)) if (v != null && v !== '') url.searchParams.set(k, String(v));
  return url.toString();
}

/** A canonical key: the source and its parameters in a fixed order. */
export function harvestKey(source: string, params: Record<string, string | number | undefined | null>): string {
  const parts = Object.keys(params).sort().filter((k) => params[k] != null && params[k] !== '').map((k) => `${k}=${params[k]}`);
  return parts.length ? `${source}?${parts.join('&')}` : source;
}

/** Fetches politely: arXiv hosts get the configured spacing, other hosts only one request at a time. */
export function harvestFetch(env: HarvestEnv, url: string, arxiv: boolean): Promise<FetchOutcome> {
  return fetchText(url, { ...env.http, delayMs: arxiv ? env.config.arxivDelayMs : 0, signal: env.signal });
}
