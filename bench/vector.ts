import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runChild } from './child.js';
import { corpusTitles, ensureCorpus, loadFeed } from './corpus.js';
import { machineInfo } from './machine.js';
import type { BenchOptions } from './options.js';
import type { PaperboyImportArgs, PaperboyImportResult } from './paperboy-import.js';
import { buildQueries } from './query-set.js';
import { round } from './stats.js';
import type { VectorEmbedArgs, VectorEmbedResult } from './vector-embed.js';
import type { VectorQueryArgs, VectorQueryResult } from './vector-query.js';

/** Targets of the issue for semantic search. */
export const VECTOR_TARGETS = { p95Ms: 50, recall: 0.95, embedMinutes: 30 };

/** One corpus size's figures. */
export interface VectorSizeReport {
  papers: number;
  embed: VectorEmbedResult & { peakRssMb: number | null; maxRssMb: number };
  query: VectorQueryResult & { peakRssMb: number | null; maxRssMb: number };
}

const mb = (x: number | null): string => (x == null ? '-' : `${Math.round(x)}`);

/** The tables of one size, with the exact scan as the baseline of each mode. */
export function vectorTables(r: VectorSizeReport): string {
  const e = r.embed, q = r.query;
  const row = (name: string, s: VectorQueryResult['semantic'], base: VectorQueryResult['semantic'] | null): string =>
    `| ${name} | ${s.medianMs} | ${s.p95Ms} | ${s.p99Ms} | ${base ? `${round(base.p95Ms / Math.max(s.p95Ms, 0.001), 1)}x` : '-'} |`;
  return [
    `\n### Semantic search at ${r.papers.toLocaleString('en-US')} papers (SQLite)`,
    `embedding: ${e.papers.toLocaleString('en-US')} papers with ${e.model} (${e.dimensions} dimensions) in ${round(e.totalSeconds / 60, 2)} min `
      + `(training on a sample ${round(e.trainSeconds, 1)} s, embedding and storing ${round(e.embedSeconds, 1)} s): ${Math.round(e.papersPerSecond)} papers/s, `
      + `peak RSS ${mb(e.peakRssMb ?? e.maxRssMb)} MiB${e.problem ? `; problem: ${e.problem}` : ''}`,
    `serving: ${q.vectors.toLocaleString('en-US')} vectors loaded in ${q.loadSeconds} s, IVF ${q.ivf ? `${q.ivf.lists} lists, ${q.ivf.nprobe} probed` : 'not built (exact scan)'} `
      + `built in ${q.ivfBuildSeconds} s; query process peak RSS ${mb(q.peakRssMb ?? q.maxRssMb)} MiB (keyword index and vectors)`,
    `recall@20 of the IVF index against the exact scan: semantic ${q.recallAtLimit}, hybrid ${q.hybridRecallAtLimit}`,
    '',
    '| Mode (top 20) | median ms | p95 ms | p99 ms | p95 vs baseline |',
    '|---|---:|---:|---:|---:|',
    row('semantic, IVF', q.semantic, q.semanticExact),
    row('semantic, exact scan (baseline)', q.semanticExact, null),
    row('hybrid, IVF', q.hybrid, q.hybridExact),
    row('hybrid, exact scan (baseline)', q.hybridExact, null),
    row('keyword (for reference)', q.keyword, null),
    row('similar papers, first 50 lists ranked', q.similarFirst, null),
    row('similar papers of one paper (the next 50)', q.similar, null),
    row('hybrid, pasted abstract, IVF', q.pasted, q.pastedEveryWord),
    row('keyword, every word of the abstract (baseline)', q.pastedEveryWord, null),
    row(`exact scan of ${q.kernel.vectors.toLocaleString('en-US')} vectors, ${q.kernel.kernel} kernel`, q.kernel.simd, q.kernel.scalar),
    row('the same scan, scalar JavaScript loop (baseline)', q.kernel.scalar, null),
  ].join('\n');
}

/**
 * `npm run bench -- --only vector`: for each size, imports the synthetic corpus into a fresh SQLite
 * database, runs the embedding job as `paperboy reindex` does (throughput, peak RSS), then serves
 * the query set in every mode with the IVF index and with the exact scan in the same process.
 */
export async function vectorBench(opts: BenchOptions, log: (l: string) => void, say: (t: string) => void): Promise<VectorSizeReport[]> {
  const feed = loadFeed(opts.dataDir);
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const runDir = join(opts.workDir, `vector-run-${stamp}`);
  mkdirSync(runDir, { recursive: true });
  const reports: VectorSizeReport[] = [];
  say(`semantic targets: p95 <= ${VECTOR_TARGETS.p95Ms} ms (top 20) and recall@20 >= ${VECTOR_TARGETS.recall} at 1,000,000 papers; all papers embedded in < ${VECTOR_TARGETS.embedMinutes} min`);
  try {
    for (const size of opts.sizes) {
      log(`=== semantic search, ${size.toLocaleString('en-US')} papers ===`);
      const corpus = await ensureCorpus(feed, size, opts.workDir, log);
      // PAPERBOY_BENCH_KEEP_VECTOR_DB=1 keeps the imported database in the work directory and reuses it next time.
      const keep = process.env['PAPERBOY_BENCH_KEEP_VECTOR_DB'] === '1';
      const url = join(keep ? opts.workDir : runDir, `vector-${size}.db`);
      if (!keep || !existsSync(url)) {
        const imported = await runChild<PaperboyImportArgs, PaperboyImportResult>('paperboy-import', { corpus: corpus.path, url, label: 'import' });
        log(`imported ${imported.result.papers} papers in ${imported.result.seconds.toFixed(1)} s`);
      }
      const embed = await runChild<VectorEmbedArgs, VectorEmbedResult>('vector-embed', { url, label: 'embed' });
      log(`embedded ${embed.result.papers} papers in ${embed.result.totalSeconds.toFixed(1)} s`);
      const queriesFile = join(runDir, `queries-${size}.json`);
      writeFileSync(queriesFile, JSON.stringify(buildQueries(corpusTitles(feed, size), opts.queries, opts.seed)));
      const query = await runChild<VectorQueryArgs, VectorQueryResult>('vector-query', { url, queriesFile, label: 'query', limit: 20 });
      const report: VectorSizeReport = {
        papers: size,
        embed: { ...embed.result, peakRssMb: embed.peakRssSampledMb, maxRssMb: embed.maxRssMb },
        query: { ...query.result, peakRssMb: query.peakRssSampledMb, maxRssMb: query.maxRssMb },
      };
      reports.push(report);
      say(vectorTables(report));
      if (!keep) rmSync(url, { force: true });
    }
  } finally {
    rmSync(runDir, { recursive: true, force: true });
  }
  const file = join(opts.workDir, `vector-results-${stamp}.json`);
  writeFileSync(file, `${JSON.stringify({ startedAt: stamp, machine: machineInfo(), targets: VECTOR_TARGETS, sizes: reports }, null, 2)}\n`);
  say(`\nsemantic results: ${file}`);
  return reports;
}
