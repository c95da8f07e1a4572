import { spawn } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stopChildren } from './child.js';
import { loadFeed } from './corpus.js';
import { machineInfo } from './machine.js';
import { measureSize, type SizeContext } from './measure-size.js';
import { BenchError, parseOptions, USAGE, type BenchOptions } from './options.js';
import { pgServer, type PgServer } from './pg-server.js';
import { vectorBench } from './vector.js';
import { renderBench } from './render.js';
import { copyBench } from './copy.js';
import { machineLines, markdown, sizeTables, TARGETS, type SizeReport } from './report.js';

// `npm run bench`: import throughput, peak memory and keyword-search latency of paperboy on SQLite
// and PostgreSQL against a naive better-sqlite3 + FTS5 baseline, on corpora built from the real feed;
// then the website benchmark (`npm run bench:web`, its own process) unless `--only` leaves it out.

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const log = (line: string): void => { process.stderr.write(`[bench] ${line}\n`); };
const say = (text: string): void => { process.stdout.write(`${text}\n`); };
const redact = (url: string): string => url.replace(/\/\/[^@/]*@/, '//***@');

/** The website benchmark with its defaults, in its own process so its servers and memory stay apart. */
function webBench(opts: BenchOptions): Promise<number> {
  log('=== website (npm run bench:web) ===');
  const child = spawn(process.execPath, [join(root, 'dist', 'bench', 'web.js'), '--data', opts.dataDir], { stdio: 'inherit' });
  return new Promise((resolve) => child.once('exit', (code) => resolve(code ?? 1)));
}

/** The digest benchmark, in its own process (it starts an SMTP sink process of its own). */
function digestBench(opts: BenchOptions): Promise<number> {
  log('=== digests (dist/bench/digest.js) ===');
  const child = spawn(process.execPath, [join(root, 'dist', 'bench', 'digest.js'), '--data', opts.dataDir], { stdio: 'inherit' });
  return new Promise((resolve) => child.once('exit', (code) => resolve(code ?? 1)));
}

async function main(): Promise<number> {
  const opts = parseOptions(process.argv.slice(2), root);
  if (opts === 'help') { say(USAGE); return 0; }
  const code = opts.only.some((p) => p === 'import' || p === 'search') ? await importAndSearch(opts) : 0;
  if (code === 0 && opts.only.includes('vector')) await vectorBench(opts, log, say);
  if (code === 0 && opts.only.includes('render')) renderBench(opts, say);
  if (code === 0 && opts.only.includes('copy')) await copyBench(opts, root, log, say);
  const web = code === 0 && opts.only.includes('web') ? await webBench(opts) : code;
  if (web !== 0 || !opts.only.includes('digest')) return web;
  return digestBench(opts);
}

async function importAndSearch(opts: BenchOptions): Promise<number> {
  const feed = loadFeed(opts.dataDir);
  say(`source: ${feed.dir}: ${feed.files} files, ${feed.records.toLocaleString('en-US')} records, ${feed.papers.length.toLocaleString('en-US')} unique ids `
    + '(issue figures: 410 files, 120,405 records, 74,728 unique ids); larger corpora repeat the papers under new ids');
  say(`targets: paperboy import >= ${TARGETS.importRatio}x the baseline's papers/s with peak RSS < 1 GB at any size; `
    + `search p95 <= ${TARGETS.searchP95Ms} ms at 1,000,000 papers (about 5x faster than the baseline)`);
  say(`reference: ${TARGETS.reference}`);

  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const runDir = join(opts.workDir, `run-${stamp}`);
  const resultsFile = join(opts.workDir, `results-${stamp}.json`);
  mkdirSync(runDir, { recursive: true });
  const machine = machineInfo();
  const cleanups = new Set<() => Promise<void>>();
  let pg: PgServer | null = null;
  const finish = async (): Promise<void> => {
    stopChildren();
    for (const c of [...cleanups]) await c().catch(() => undefined);
    pg?.release();
    pg = null;
    rmSync(runDir, { recursive: true, force: true });
  };
  process.once('SIGINT', () => { log('interrupted: removing the databases of this run'); void finish().finally(() => process.exit(130)); });
  process.once('SIGTERM', () => { void finish().finally(() => process.exit(143)); });

  const sizes: Array<SizeReport & { queryList: string[] }> = [];
  const save = (): void => {
    writeFileSync(resultsFile, `${JSON.stringify({ startedAt: stamp, machine, options: { ...opts, pgUrl: opts.pgUrl && redact(opts.pgUrl) }, targets: TARGETS,
      feed: { dir: feed.dir, files: feed.files, records: feed.records, uniqueIds: feed.papers.length }, sizes }, null, 2)}\n`);
  };
  try {
    if (opts.backends.includes('postgres')) {
      pg = await pgServer(opts.pgUrl, root, join(opts.workDir, 'pg'), log);
      machine.postgres = pg.version;
    }
    say(machineLines(machine));
    const ctx: SizeContext = { opts, feed, runDir, pg, log, cleanups };
    for (const size of opts.sizes) {
      log(`=== ${size.toLocaleString('en-US')} papers ===`);
      const report = await measureSize(ctx, size);
      sizes.push(report);
      save();
      say(sizeTables(report));
    }
  } finally {
    await finish();
  }
  say(`\nresults: ${resultsFile}\n\nMarkdown for the README:\n`);
  say(markdown(sizes, machine));
  return 0;
}

main().then(
  (code) => { process.exitCode = code; },
  (err: unknown) => {
    if (err instanceof BenchError) process.stderr.write(`bench: ${err.message}\n`);
    else process.stderr.write(`bench failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
