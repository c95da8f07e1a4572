import type { Db } from '../db/db.js';
import { listHarvestStates } from './harvest-state.js';

/** An embedding model and how many papers have a vector of it. */
export interface EmbeddingModelCount {
  kind: string;
  name: string;
  papers: number;
}

/** The newest harvest of one source (any parameters), and when one of that source last finished. */
export interface HarvestSummary {
  source: string;
  status: string;
  /** When the newest harvest last saved progress (ISO). */
  at: string;
  /** When a harvest of this source last finished without failure (ISO), or null. */
  lastDone: string | null;
}

/** Harvest states grouped by source (the key before `?`), newest first within each. */
function harvestSummaries(rows: ReadonlyArray<{ key: string; status: string; updatedAt: string }>): HarvestSummary[] {
  const out = new Map<string, HarvestSummary>();
  for (const r of rows) {
    const source = r.key.split('?')[0]!;
    const s = out.get(source) ?? { source, status: r.status, at: r.updatedAt, lastDone: null };
    if (r.status === 'done' && (!s.lastDone || r.updatedAt > s.lastDone)) s.lastDone = r.updatedAt;
    out.set(source, s);
  }
  return [...out.values()].sort((a, b) => a.source.localeCompare(b.source));
}

/** What `paperboy stats` reports: how much the store holds and where it lives. */
export interface StoreStats {
  papers: number;
  authors: number;
  organizations: number;
  /** Distinct days with at least one featured paper. */
  featuredDays: number;
  dailyEntries: number;
  /** Distinct arXiv categories used by any paper. */
  categories: number;
  /** Raw source records kept, per source name (`hf-daily`, `arxiv-rss`, ...). */
  sources: Record<string, number>;
  /** Papers in the keyword index, and papers waiting to be indexed. */
  searchDocs: number;
  searchPending: number;
  /** What the sources left out, so an admin knows what pages can and cannot show. */
  gaps: {
    /** No source gave a date (pages show the month of the arXiv id instead). */
    undated: number;
    /** Dated only by the day of a daily listing they appeared in (pages say "Listed"). */
    listingDated: number;
    withoutAbstract: number;
    /** Known only from arXiv: no upvotes or comments counted. */
    votesUncounted: number;
  };
  /**
   * Semantic search: each active embedding model and the papers it has a vector for; papers waiting;
   * a model being built (the first of a large site takes minutes), with the papers it has reached.
   */
  embeddings: { models: EmbeddingModelCount[]; pending: number; building: EmbeddingModelCount | null };
  /** Per source, the latest harvest and when one last finished: whether harvesting still works. */
  harvests: HarvestSummary[];
  /** YYYY-MM-DD, or null when nothing was ever featured. */
  newestFeaturedDay: string | null;
  /** Where the data lives (never includes a password). */
  database: string;
  databaseBytes: number;
}

async function count(db: Db, sql: string): Promise<number> {
  const r = await db.get<{ n: number | string | null }>(sql);
  return Number(r?.n ?? 0);
}

/** Counts everything in one read pass; each figure is a single aggregate query. */
export async function collectStats(db: Db): Promise<StoreStats> {
  const sourceRows = await db.all<{ source: string; n: number | string }>(
    'SELECT source, COUNT(*) AS n FROM source_records GROUP BY source ORDER BY source',
  );
  const sources: Record<string, number> = {};
  for (const r of sourceRows) sources[r.source] = Number(r.n);
  const newest = await db.get<{ day: string | null }>('SELECT MAX(day) AS day FROM daily_entries');
  const models = await db.all<{ kind: string; name: string; state: string; n: number | string }>(
    `SELECT m.kind, m.name, m.state, COUNT(e.paper_id) AS n FROM embedding_models m LEFT JOIN paper_embeddings e ON e.model_id = m.id
     WHERE m.state IN ('active', 'building') GROUP BY m.id, m.kind, m.name, m.state ORDER BY m.id`,
  );
  const counted = (state: string): EmbeddingModelCount[] =>
    models.filter((m) => m.state === state).map((m) => ({ kind: m.kind, name: m.name, papers: Number(m.n) }));
  return {
    papers: await count(db, 'SELECT COUNT(*) AS n FROM papers'),
    authors: await count(db, 'SELECT COUNT(*) AS n FROM authors'),
    organizations: await count(db, 'SELECT COUNT(*) AS n FROM organizations'),
    featuredDays: await count(db, 'SELECT COUNT(DISTINCT day) AS n FROM daily_entries'),
    dailyEntries: await count(db, 'SELECT COUNT(*) AS n FROM daily_entries'),
    categories: await count(db, 'SELECT COUNT(DISTINCT category) AS n FROM paper_categories'),
    sources,
    searchDocs: await count(db, 'SELECT COUNT(*) AS n FROM search_docs'),
    searchPending: await count(db, 'SELECT COUNT(*) AS n FROM search_pending'),
    gaps: {
      undated: await count(db, 'SELECT COUNT(*) AS n FROM papers WHERE published_at IS NULL'),
      listingDated: await count(db, "SELECT COUNT(*) AS n FROM papers WHERE published_from = 'listing'"),
      withoutAbstract: await count(db, "SELECT COUNT(*) AS n FROM papers WHERE abstract IS NULL OR abstract = ''"),
      votesUncounted: await count(db, 'SELECT COUNT(*) AS n FROM papers WHERE votes_known = 0'),
    },
    embeddings: {
      models: counted('active'),
      pending: await count(db, 'SELECT COUNT(*) AS n FROM embedding_pending'),
      building: counted('building').at(-1) ?? null,
    },
    harvests: harvestSummaries(await listHarvestStates(db)),
    newestFeaturedDay: newest?.day ?? null,
    database: db.location,
    databaseBytes: await db.sizeBytes(),
  };
}

/** Throws when the database does not answer (health checks). */
export async function pingStore(db: Db): Promise<void> {
  await db.get('SELECT 1 AS one');
}
