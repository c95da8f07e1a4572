import { readFileSync } from 'node:fs';
import { openDatabase } from '../src/db/connect.js';
import { loadConfig } from '../src/config/config.js';
import { KeywordIndex } from '../src/search/keyword/keyword-index.js';
import { searchIndexStore } from '../src/store/search-index-store.js';
import { createSemanticSearch } from '../src/search/semantic/create-semantic-search.js';
import type { SearchMode } from '../src/search/semantic/semantic-search.js';
import { summarise, round, type LatencySummary } from './stats.js';
import { logLine, runWorker } from './worker-io.js';
import { kernelScans, type KernelScans } from './vector-kernel.js';

/** What the parent asks of the query run. */
export interface VectorQueryArgs {
  url: string;
  queriesFile: string;
  label: string;
  limit: number;
}

/** Latency of each mode with the IVF index and with the exact scan, and how often they agree. */
export interface VectorQueryResult {
  vectors: number;
  loadSeconds: number;
  ivfBuildSeconds: number;
  ivf: { lists: number; nprobe: number } | null;
  semantic: LatencySummary;
  semanticExact: LatencySummary;
  hybrid: LatencySummary;
  hybridExact: LatencySummary;
  keyword: LatencySummary;
  /** Mean share of the exact scan's top `limit` (semantic mode) that the IVF search also returns. */
  recallAtLimit: number;
  /** `similar(id, 20)` for papers spread over the corpus (the paper page's list), after `similarFirst`. */
  similar: LatencySummary;
  /** The same for 50 other papers, the first lists the process ranks. */
  similarFirst: LatencySummary;
  /** The same for hybrid results. */
  hybridRecallAtLimit: number;
  /** Hybrid search for a pasted abstract (its first 1,200 characters), IVF. */
  pasted: LatencySummary;
  /** Baseline in the same run: ranking the corpus by every word of the same abstracts (any word, top 200). */
  pastedEveryWord: LatencySummary;
  /** Exact scans of the same vectors by the SIMD kernel and by the scalar loop (its baseline). */
  kernel: KernelScans;
  heapUsedMb: number;
}

/**
 * Serves queries the way `paperboy serve` does (vectors loaded from the database, IVF built in
 * the background) and times every query in every mode, each with the approximate index and with
 * the exact scan (the baseline of the same run), alternating so that both see the same conditions.
 */
async function main(args: VectorQueryArgs): Promise<VectorQueryResult> {
  const log = logLine(args.label);
  const queries = JSON.parse(readFileSync(args.queriesFile, 'utf8')) as string[];
  const db = openDatabase(args.url);
  const keyword = new KeywordIndex(db);
  const engine = createSemanticSearch({ db, keyword, config: loadConfig({ DATABASE_URL: args.url }) });
  try {
    let t = performance.now();
    const loaded = await engine.loaded();
    if (!loaded) throw new Error('no semantic model in the database');
    const loadSeconds = (performance.now() - t) / 1000;
    t = performance.now();
    await engine.settled();
    const ivfBuildSeconds = (performance.now() - t) / 1000;
    const ivf = loaded.index.ivf;
    log(`${loaded.index.live} vectors loaded in ${loadSeconds.toFixed(1)} s; IVF ${ivf ? `${ivf.lists} lists, nprobe ${ivf.nprobe}` : 'not built'} in ${ivfBuildSeconds.toFixed(1)} s`);
    const time = async (q: string, mode: SearchMode, exact: boolean): Promise<{ ms: number; ids: string[] }> => {
      loaded.index.ivf = exact ? null : ivf;
      const s = performance.now();
      const r = await engine.search(q, { mode, limit: args.limit });
      const ms = performance.now() - s;
      loaded.index.ivf = ivf;
      return { ms, ids: r.ok ? r.hits.map((h) => h.paperId) : [] };
    };
    for (const q of queries.slice(0, 20)) for (const m of ['keyword', 'semantic', 'hybrid'] as SearchMode[]) await time(q, m, false);
    const lat: Record<string, number[]> = { semantic: [], semanticExact: [], hybrid: [], hybridExact: [], keyword: [] };
    let recall = 0, hybridRecall = 0;
    for (const [i, q] of queries.entries()) {
      const flip = i % 2 === 1;
      const sem = flip ? [await time(q, 'semantic', true), await time(q, 'semantic', false)].reverse() : [await time(q, 'semantic', false), await time(q, 'semantic', true)];
      const hyb = flip ? [await time(q, 'hybrid', true), await time(q, 'hybrid', false)].reverse() : [await time(q, 'hybrid', false), await time(q, 'hybrid', true)];
      lat['semantic']!.push(sem[0]!.ms); lat['semanticExact']!.push(sem[1]!.ms);
      lat['hybrid']!.push(hyb[0]!.ms); lat['hybridExact']!.push(hyb[1]!.ms);
      lat['keyword']!.push((await time(q, 'keyword', false)).ms);
      const agree = (a: string[], b: string[]): number => (b.length ? a.filter((id) => b.includes(id)).length / b.length : 1);
      recall += agree(sem[0]!.ids, sem[1]!.ids);
      hybridRecall += agree(hyb[0]!.ids, hyb[1]!.ids);
      if ((i + 1) % 100 === 0) log(`${i + 1}/${queries.length} queries`);
    }
    const step = Math.max(1, Math.floor(loaded.index.slots / 50));
    const similarOf = async (from: number): Promise<number[]> => {
      const ms: number[] = [];
      for (let s = from; s < loaded.index.slots && ms.length < 50; s += step) {
        const rowId = loaded.index.rowIds[s]!;
        const paper = rowId >= 0 ? (await searchIndexStore.papersByRowId(db, [rowId])).get(rowId) : undefined;
        if (!paper) continue;
        const started = performance.now();
        await engine.similar(paper.paperId, args.limit);
        ms.push(performance.now() - started);
      }
      return ms;
    };
    // The first 50 papers' lists are ranked as the first pages after start-up are; 50 other papers'
    // then show a server that has ranked some lists (the keyword index knows the common words' frequencies).
    const similarFirst = await similarOf(0);
    const similar = await similarOf(Math.floor(step / 3));
    const pasted: number[] = [], everyWord: number[] = [];
    for (let s = Math.floor(step / 2); s < loaded.index.slots && pasted.length < 50; s += step) {
      const rowId = loaded.index.rowIds[s]!;
      const paper = rowId >= 0 ? (await searchIndexStore.papersByRowId(db, [rowId])).get(rowId) : undefined;
      if (!paper?.abstract) continue;
      const text = paper.abstract.slice(0, 1200);
      const t0 = performance.now();
      await engine.search(text, { mode: 'hybrid', limit: args.limit });
      const t1 = performance.now();
      await keyword.search(text, { match: 'any', limit: 200 });
      everyWord.push(performance.now() - t1);
      pasted.push(t1 - t0);
    }
    const kernel = kernelScans(loaded.index);
    return {
      kernel,
      pasted: summarise(pasted), pastedEveryWord: summarise(everyWord),
      similar: summarise(similar), similarFirst: summarise(similarFirst),
      vectors: loaded.index.live, loadSeconds: round(loadSeconds), ivfBuildSeconds: round(ivfBuildSeconds),
      ivf: ivf ? { lists: ivf.lists, nprobe: ivf.nprobe } : null,
      semantic: summarise(lat['semantic']!), semanticExact: summarise(lat['semanticExact']!),
      hybrid: summarise(lat['hybrid']!), hybridExact: summarise(lat['hybridExact']!), keyword: summarise(lat['keyword']!),
      recallAtLimit: round(recall / queries.length, 4), hybridRecallAtLimit: round(hybridRecall / queries.length, 4),
      heapUsedMb: round(process.memoryUsage().heapUsed / 2 ** 20, 1),
    };
  } finally {
    await engine.close();
    await keyword.close();
    await db.close();
  }
}

runWorker(main);
