import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { openDatabase } from '../src/db/connect.js';
import { KeywordIndex } from '../src/search/keyword/keyword-index.js';
import { fts5Match } from './query-set.js';
import { logLine, runWorker } from './worker-io.js';

/** What the parent asks of a search run: one system, one database, the query set in a JSON file. */
export interface SearchArgs {
  system: 'paperboy' | 'baseline';
  /** paperboy: a SQLite file or postgres:// URL; baseline: the baseline's SQLite file. */
  url: string;
  queriesFile: string;
  label: string;
  limit: number;
}

/** Per-query latencies (ms) of the measured pass and the ids each query returned, in rank order. */
export interface SearchResult {
  latenciesMs: number[];
  topIds: string[][];
  problems: string[];
}

/** Returns the ids of the top hits for one query; the part that is timed. */
type Searcher = (q: string) => Promise<string[]>;

async function paperboySearcher(url: string, limit: number, problems: string[]): Promise<{ search: Searcher; close: () => Promise<void> }> {
  const db = openDatabase(url);
  const keyword = new KeywordIndex(db);
  const search: Searcher = async (q) => {
    const out = await keyword.search(q, { limit });
    if (!out.ok) { problems.push(`${q}: ${out.problem.message}`); return []; }
    return out.hits.map((h) => h.paperId);
  };
  return { search, close: () => db.close() };
}

/** The plain FTS5 query; rowids become paper ids after the timed pass, so the lookup is not timed. */
function baselineSearcher(file: string, limit: number): { search: Searcher; ids: (rows: string[]) => string[]; close: () => Promise<void> } {
  const db = new Database(file, { readonly: true });
  const stmt = db.prepare('SELECT rowid, bm25(fts) AS s FROM fts WHERE fts MATCH ? ORDER BY s LIMIT ?');
  const byRowid = db.prepare('SELECT id FROM papers WHERE rowid = ?').pluck();
  const search: Searcher = async (q) => (stmt.all(fts5Match(q), limit) as Array<{ rowid: number }>).map((r) => String(r.rowid));
  const ids = (rows: string[]): string[] => rows.map((r) => String(byRowid.get(Number(r))));
  return { search, ids, close: async () => { db.close(); } };
}

/** One warm-up pass over every query, then the measured pass, one query at a time. */
async function main(args: SearchArgs): Promise<SearchResult> {
  const log = logLine(args.label);
  const queries = JSON.parse(readFileSync(args.queriesFile, 'utf8')) as string[];
  const problems: string[] = [];
  const base = args.system === 'baseline' ? baselineSearcher(args.url, args.limit) : null;
  const s = base ?? await paperboySearcher(args.url, args.limit, problems);
  try {
    const warmStart = performance.now();
    for (const q of queries) await s.search(q);
    log(`warm-up pass over ${queries.length} queries took ${Math.round(performance.now() - warmStart)} ms`);
    problems.length = 0;
    (globalThis as { gc?: () => void }).gc?.();
    const latenciesMs: number[] = [];
    let topIds: string[][] = [];
    for (const q of queries) {
      const t = performance.now();
      const ids = await s.search(q);
      latenciesMs.push(performance.now() - t);
      topIds.push(ids);
    }
    if (base) topIds = topIds.map(base.ids);
    return { latenciesMs, topIds, problems };
  } finally {
    await s.close();
  }
}

runWorker(main);
