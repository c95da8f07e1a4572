import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BaselineImportArgs, BaselineImportResult } from './baseline-import.js';
import { runChild, type ChildRun } from './child.js';
import { corpusTitles, ensureCorpus, type SourceFeed } from './corpus.js';
import { freeBytes } from './machine.js';
import type { BenchOptions } from './options.js';
import { BenchError } from './options.js';
import type { PaperboyImportArgs, PaperboyImportResult } from './paperboy-import.js';
import { createDatabase, dropDatabase, type PgServer } from './pg-server.js';
import { buildQueries } from './query-set.js';
import type { ImportRow, SearchRow, SizeReport } from './report.js';
import type { SearchArgs, SearchResult } from './search-worker.js';
import { overlap, round, summarise } from './stats.js';

/** What measuring one size needs from the run. */
export interface SizeContext {
  opts: BenchOptions;
  feed: SourceFeed;
  /** This run's scratch directory for databases and query files (removed at the end). */
  runDir: string;
  pg: PgServer | null;
  log: (line: string) => void;
  /** Clean-ups of databases that exist right now, run on Ctrl-C. */
  cleanups: Set<() => Promise<void>>;
}

/**
 * Disk use per paper with headroom (at 100,000 papers: corpus 0.56 KB, baseline DB 4.6 KB, paperboy
 * SQLite 6.2 KB); only one system's database exists at a time.
 */
const CORPUS_BYTES_PER_PAPER = 700;
const DB_BYTES_PER_PAPER = 12_000;
const MB = 2 ** 20;

function checkDisk(ctx: SizeContext, size: number, haveCorpus: boolean): void {
  const need = (haveCorpus ? 0 : size * CORPUS_BYTES_PER_PAPER) + size * DB_BYTES_PER_PAPER + 512 * MB;
  const free = freeBytes(ctx.opts.workDir);
  if (free < need) {
    throw new BenchError(`not enough free disk for ${size.toLocaleString('en-US')} papers in ${ctx.opts.workDir}: `
      + `about ${Math.ceil(need / 2 ** 30)} GB needed, ${(free / 2 ** 30).toFixed(1)} GB free`);
  }
}

/** One system under test: where its database lives and how to create and remove it. */
interface System {
  name: string;
  kind: 'baseline' | 'paperboy';
  create(): Promise<string>;
  drop(): Promise<void>;
}

function sqliteFile(path: string): Pick<System, 'create' | 'drop'> {
  const drop = async (): Promise<void> => { for (const s of ['', '-wal', '-shm']) rmSync(`${path}${s}`, { force: true }); };
  return { create: async () => { await drop(); return path; }, drop };
}

function systems(ctx: SizeContext, size: number): System[] {
  const out: System[] = [{ name: 'baseline SQLite FTS5', kind: 'baseline', ...sqliteFile(join(ctx.runDir, `baseline-${size}.db`)) }];
  if (ctx.opts.backends.includes('sqlite')) out.push({ name: 'paperboy SQLite', kind: 'paperboy', ...sqliteFile(join(ctx.runDir, `paperboy-${size}.db`)) });
  const pg = ctx.pg;
  if (pg && ctx.opts.backends.includes('postgres')) {
    const name = `paperboy_bench_${size}_${process.pid}`;
    out.push({ name: 'paperboy PostgreSQL', kind: 'paperboy', create: () => createDatabase(pg, name), drop: () => dropDatabase(pg, name) });
  }
  return out;
}

interface Measured {
  system: System;
  imported: ChildRun<BaselineImportResult | PaperboyImportResult>;
  searched: SearchResult | null;
}

/** Imports the corpus into one system's fresh database, runs the queries on it, then drops it. */
async function measureSystem(ctx: SizeContext, sys: System, corpus: string, queriesFile: string): Promise<Measured> {
  ctx.cleanups.add(sys.drop);
  try {
    const url = await sys.create();
    ctx.log(`${sys.name}: importing`);
    const imported = sys.kind === 'baseline'
      ? await runChild<BaselineImportArgs, BaselineImportResult>('baseline-import', { corpus, dbFile: url })
      : await runChild<PaperboyImportArgs, PaperboyImportResult>('paperboy-import', { corpus, url, label: sys.name });
    ctx.log(`${sys.name}: ${imported.result.papers} papers in ${imported.result.seconds.toFixed(1)} s`);
    let searched: SearchResult | null = null;
    if (ctx.opts.only.includes('search')) {
      ctx.log(`${sys.name}: searching`);
      searched = (await runChild<SearchArgs, SearchResult>('search-worker', { system: sys.kind, url, queriesFile, label: sys.name, limit: 20 })).result;
    }
    return { system: sys, imported, searched };
  } finally {
    await sys.drop();
    ctx.cleanups.delete(sys.drop);
  }
}

/** Builds (or reuses) the corpus of `size` papers and measures every system on it. */
export async function measureSize(ctx: SizeContext, size: number): Promise<SizeReport & { queryList: string[] }> {
  const corpusPath = join(ctx.opts.workDir, `corpus-${size}.jsonl.gz`);
  checkDisk(ctx, size, existsSync(corpusPath));
  const corpus = await ensureCorpus(ctx.feed, size, ctx.opts.workDir, ctx.log);
  const queryList = buildQueries(corpusTitles(ctx.feed, size), ctx.opts.queries, ctx.opts.seed);
  const queriesFile = join(ctx.runDir, `queries-${size}.json`);
  writeFileSync(queriesFile, JSON.stringify(queryList));

  const measured: Measured[] = [];
  const failures: string[] = [];
  for (const sys of systems(ctx, size)) {
    try {
      measured.push(await measureSystem(ctx, sys, corpus.path, queriesFile));
    } catch (err) {
      // Without the baseline nothing can be compared; another system's failure is reported and the run goes on.
      if (sys.kind === 'baseline') throw err;
      failures.push(`${sys.name}: ${(err as Error).message}`);
      ctx.log(`${sys.name} FAILED: ${(err as Error).message} (see its output above)`);
    }
  }

  const base = measured[0]!;
  const baseRate = size / base.imported.result.seconds;
  const imports: ImportRow[] = measured.map((m) => ({
    system: m.system.name,
    papers: m.imported.result.papers,
    seconds: round(m.imported.result.seconds),
    papersPerSec: Math.round(size / m.imported.result.seconds),
    ratio: round(size / m.imported.result.seconds / baseRate),
    peakRssSampledMb: m.imported.peakRssSampledMb == null ? null : round(m.imported.peakRssSampledMb, 1),
    maxRssMb: round(m.imported.maxRssMb, 1),
    dbMb: round(m.imported.result.dbBytes / MB, 1),
    failed: 'failed' in m.imported.result ? m.imported.result.failed : 0,
  }));
  const baseLatency = base.searched ? summarise(base.searched.latenciesMs) : null;
  const searches: SearchRow[] = measured.flatMap((m) => {
    if (!m.searched || !baseLatency || !base.searched) return [];
    const lat = summarise(m.searched.latenciesMs);
    const isBase = m === base;
    return [{ system: m.system.name, ...lat, p95SpeedUp: round(baseLatency.p95Ms / lat.p95Ms), overlap: isBase ? null : overlap(m.searched.topIds, base.searched.topIds).mean,
      empty: m.searched.topIds.filter((ids) => !ids.length).length, problems: m.searched.problems.length }];
  });
  return {
    size,
    corpus: { path: corpus.path, mb: round(corpus.bytes / MB, 1) },
    queries: queryList.length,
    imports: ctx.opts.only.includes('import') ? imports : [],
    searches,
    failures,
    queryList,
  };
}
