import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadFeed, ensureCorpus } from './corpus.js';
import { createDatabase, dropDatabase, pgServer, serverBin, type PgServer } from './pg-server.js';
import { BenchError, type BenchOptions } from './options.js';
import type { Db } from '../src/db/db.js';
import { openDatabase } from '../src/db/connect.js';
import { migrate } from '../src/db/migrate.js';
import type { SqliteDb } from '../src/db/sqlite.js';
import { importInWorker } from '../src/ingest/import-in-worker.js';
import { silentProgress } from '../src/progress/progress.js';
import { copyDatabase } from '../src/store/database-copy.js';

// `npm run bench -- --only copy`: `paperboy copy` of an imported instance (papers, raw records, the
// keyword index) next to each database's own whole-database copy, measured in the same run:
// SQLite's `VACUUM INTO` for a copy into a SQLite file, and pg_dump | pg_restore for a PostgreSQL one.

interface Timed { seconds: number; peakMiB: number }

/** Runs fn, sampling this process's RSS, and reports the time and the peak above the starting RSS. */
async function timed(fn: () => Promise<unknown> | unknown): Promise<Timed> {
  const start = process.memoryUsage().rss;
  let peak = start;
  const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 50);
  const t0 = performance.now();
  try {
    await fn();
  } finally {
    clearInterval(sampler);
  }
  peak = Math.max(peak, process.memoryUsage().rss);
  return { seconds: (performance.now() - t0) / 1000, peakMiB: (peak - start) / 1024 / 1024 };
}

async function copyInto(src: Db, url: string): Promise<Timed> {
  const dst = openDatabase(url);
  try {
    await migrate(dst);
    return await timed(async () => {
      const r = await copyDatabase(src, dst, silentProgress);
      if ('refused' in r) throw new Error(r.refused);
    });
  } finally {
    await dst.close();
  }
}

/** The newest installed PostgreSQL's client tools (pg_dump, pg_restore). */
function pgBin(): string {
  const bin = serverBin();
  if (!bin) throw new BenchError('pg_dump and pg_restore not found under /usr/lib/postgresql (install postgresql)');
  return bin;
}

const fmt = (t: Timed): string => `${t.seconds.toFixed(1)} s`;
const ratio = (a: Timed, base: Timed): string => `${(a.seconds / base.seconds).toFixed(2)}x`;

/** Runs the copy benchmark at the smallest --sizes and prints one line per figure next to its baseline. */
export async function copyBench(opts: BenchOptions, root: string, log: (l: string) => void, say: (l: string) => void): Promise<void> {
  const size = Math.min(...opts.sizes);
  const dir = join(opts.workDir, 'copy');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const corpus = await ensureCorpus(loadFeed(opts.dataDir), size, opts.workDir, log);
  const source = join(dir, 'source.db');
  const srcDb = openDatabase(source) as SqliteDb;
  let pg: PgServer | null = null;
  try {
    await migrate(srcDb);
    log(`importing ${size.toLocaleString('en-US')} papers into ${source}`);
    await importInWorker(source, [corpus.path], { progress: silentProgress });
    const rows = (await srcDb.get<{ n: number }>('SELECT COUNT(*) AS n FROM papers'))!.n;
    const mib = (f: string): string => `${(statSync(f).size / 1024 / 1024).toFixed(0)} MiB`;
    say(`\ncopy: ${rows.toLocaleString('en-US')} papers with their raw records and keyword index, SQLite file ${mib(source)}`);
    log('baseline: VACUUM INTO');
    const vacuum = await timed(() => srcDb.raw.exec(`VACUUM INTO '${join(dir, 'vacuum.db').replace(/'/g, "''")}'`));
    log('paperboy copy: SQLite to SQLite');
    const toSqlite = await copyInto(srcDb, join(dir, 'copy.db'));
    say(`  SQLite -> SQLite, row by row (an existing empty file; a new file is written by VACUUM INTO itself)\n                        paperboy copy ${fmt(toSqlite)} (peak +${toSqlite.peakMiB.toFixed(0)} MiB) | VACUUM INTO ${fmt(vacuum)} | ${ratio(toSqlite, vacuum)}`);
    if (!opts.backends.includes('postgres')) return;
    pg = await pgServer(opts.pgUrl, root, join(opts.workDir, 'pg-copy'), log);
    const target = await createDatabase(pg, 'bench_copy_target');
    log('paperboy copy: SQLite to PostgreSQL');
    const toPg = await copyInto(srcDb, target);
    const dump = join(dir, 'dump.pgc');
    const restored = await createDatabase(pg, 'bench_copy_restore');
    log('baseline: pg_dump | pg_restore');
    const native = await timed(() => {
      execFileSync(join(pgBin(), 'pg_dump'), ['-Fc', '-Z0', '-f', dump, target], { stdio: 'inherit' });
      execFileSync(join(pgBin(), 'pg_restore'), ['-d', restored, dump], { stdio: 'inherit' });
    });
    say(`  SQLite -> PostgreSQL  paperboy copy ${fmt(toPg)} (peak +${toPg.peakMiB.toFixed(0)} MiB) | pg_dump + pg_restore of the result ${fmt(native)} | ${ratio(toPg, native)}`);
    const pgDb = openDatabase(target);
    try {
      log('paperboy copy: PostgreSQL to SQLite');
      const back = await copyInto(pgDb, join(dir, 'back.db'));
      say(`  PostgreSQL -> SQLite  paperboy copy ${fmt(back)} (peak +${back.peakMiB.toFixed(0)} MiB) | pg_dump + pg_restore ${fmt(native)} | ${ratio(back, native)}`);
    } finally {
      await pgDb.close();
      await dropDatabase(pg, 'bench_copy_target');
      await dropDatabase(pg, 'bench_copy_restore');
    }
  } finally {
    await srcDb.close();
    pg?.release();
    if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
  }
}
