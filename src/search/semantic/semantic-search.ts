import type { Problem } from '../../model/paper-record.js';

/** How a query is ranked: words only, meaning only, or both fused (the default of the site and API). */
export type SearchMode = 'keyword' | 'semantic' | 'hybrid';

export const SEARCH_MODES: readonly SearchMode[] = ['keyword', 'semantic', 'hybrid'];

/** Why a paper matched: shared index terms and shared topics (each topic named by its top words). */
export interface MatchExplanation {
  terms: string[];
  topics: string[];
}

/** One ranked paper. `paperId` is the public id (e.g. 2510.24801). */
export interface RankedPaper {
  paperId: string;
  title: string;
  score: number;
  explanation?: MatchExplanation;
}

/** Options of one search; `query` uses the keyword query language (filters apply in every mode). */
export interface ModeSearchOptions {
  mode: SearchMode;
  limit: number;
  offset?: number;
  sort?: 'relevance' | 'date';
  /** Search among these papers only (by paper id, such as a digest period's), scoring every one. */
  within?: readonly string[];
}

/**
 * A search's result. `mode` is the mode actually used: semantic and hybrid fall back to keyword
 * (and say why in `degraded`) when no model is ready or the embedding endpoint fails.
 */
export type ModeSearchOutcome =
  | {
    ok: true; hits: RankedPaper[]; total: number; mode: SearchMode; degraded?: string;
    /** The query held filters only (`category:cs.CL year:2025`): nothing to rank, papers come newest first. */
    filtersOnly?: true;
  }
  | { ok: false; problem: Problem };

/** Whether semantic ranking can be used now, and how far the background job has got. */
export interface SemanticStatus {
  ready: boolean;
  model: string | null;
  dimensions: number;
  embedded: number;
  pending: number;
}

/** Where recommendations may come from: papers passing query-language filters (`date:2025-03-10..2025-03-14
 * category:cs.CL`), and/or only the papers listed (by paper id, such as a digest period's). */
export interface RecommendScope {
  filter?: string;
  within?: readonly string[];
}

/**
 * The one interface the site, the API and the CLI use for every search mode, similar papers and
 * recommendations, so each surface stays a thin adapter over the same ranking.
 */
export interface SemanticSearch {
  status(): Promise<SemanticStatus>;
  search(query: string, opts: ModeSearchOptions): Promise<ModeSearchOutcome>;
  /**
   * Null when meaning can rank now (or there is no model to wait for); how far the vectors have
   * loaded when a first load after start-up is still running after as long as a search waits for
   * it. Lets a page be shown at once, without the parts that need the vectors.
   */
  loading(): Promise<{ done: number; total: number } | null>;
  /** Papers most like one paper, best first, with explanations; null when the id is unknown. */
  similar(paperId: string, limit: number): Promise<RankedPaper[] | null>;
  /**
   * Papers ranked for an interest profile (liked and disliked papers), excluding the inputs.
   * Unknown ids are reported in `unknown` rather than failing the whole request. A scope restricts
   * the ranking itself, so a day's best matches are found however many older papers are closer.
   */
  recommend(positive: readonly string[], negative: readonly string[], limit: number, scope?: RecommendScope): Promise<{ hits: RankedPaper[]; unknown: string[] }>;
  close(): Promise<void>;
}
