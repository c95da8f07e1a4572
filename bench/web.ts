import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { machineInfo } from './machine.js';
import { BenchError } from './options.js';
import { ensureEmbedded, ensureWebDb, spreadPaperIds } from './web-db.js';
import { categoryQueries } from './category-query.js';
import { load, startBare, startPaperboy, stopAll, warmUp, type ServerProcess } from './web-load.js';
import { webMarkdown, webTable, WEB_TARGETS, type PageRow } from './web-report.js';

// `npm run bench:web`: requests/s and latency of the home, a paper (with its similar papers), a
// search page (hybrid and semantic) and the similar-papers API of the real server over 100,000
// papers, next to a bare node:http server sending the same bytes.

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const log = (line: string): void => { process.stderr.write(`[bench:web] ${line}\n`); };
const say = (text: string): void => { process.stdout.write(`${text}\n`); };

/** Papers opened once each by the "different papers" row: more than a run at ~40 requests/s asks for. */
const DIFFERENT_PAPERS = 3000;

const paperPath = (id: string): string => `/papers/${id.split('/').map(encodeURIComponent).join('/')}`;

const USAGE = `usage: npm run bench:web -- [--papers 100000] [--connections 50] [--seconds 10] [--query "language models"] [--data DIR] [--uncached yes|no]
  --uncached  also measure every page with the page cache off (PAPERBOY_PAGE_CACHE_MB=0): the cost of a render (default yes)`;

interface WebOptions { papers: number; connections: number; seconds: number; query: string; dataDir: string; uncached: boolean }

function options(argv: readonly string[]): WebOptions | 'help' {
  const shared = process.env['PAPERBOY_SHARED'];
  const opts: WebOptions = {
    papers: 100_000, connections: 50, seconds: 10, query: 'language models', uncached: true,
    dataDir: shared ? resolve(shared, 'data') : resolve(root, '..', 'shared', 'data'),
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    if (flag === '--help' || flag === '-h') return 'help';
    const value = argv[++i];
    if (value === undefined) throw new BenchError(`${flag}: missing value\n${USAGE}`);
    const count = (): number => {
      const v = Number(value);
      if (!Number.isInteger(v) || v < 1) throw new BenchError(`${flag}: expected a positive whole number`);
      return v;
    };
    if (flag === '--papers') opts.papers = count();
    else if (flag === '--connections') opts.connections = count();
    else if (flag === '--seconds') opts.seconds = count();
    else if (flag === '--query') opts.query = value;
    else if (flag === '--data') opts.dataDir = resolve(value);
    else if (flag === '--uncached' && (value === 'yes' || value === 'no')) opts.uncached = value === 'yes';
    else throw new BenchError(`unknown argument "${flag}"\n${USAGE}`);
  }
  return opts;
}

async function main(): Promise<number> {
  const opts = options(process.argv.slice(2));
  if (opts === 'help') { say(USAGE); return 0; }
  const workDir = resolve(root, '.bench');
  mkdirSync(workDir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const machine = machineInfo();
  const web = await ensureWebDb(opts.dataDir, workDir, opts.papers, log);
  say(`database: ${web.path}: ${web.papers.toLocaleString('en-US')} papers, ${web.listedDays.length} listed days (${web.listedDays.at(-1)} newest)${web.built ? ', built now' : ', reused'}`);
  const embedded = await ensureEmbedded(web.path, log);
  say(`semantic model: ${embedded.model ?? 'none'}, ${embedded.embedded.toLocaleString('en-US')} papers embedded (${embedded.seconds.toFixed(0)} s this run)`);
  say(`targets: home and paper pages >= ${WEB_TARGETS.minRatio}x the bare server's requests/s; p99 < ${WEB_TARGETS.p99Ms} ms at ${opts.connections} connections`);
  say('note: the load generator shares the machine with both servers; compare the two columns of one run, not runs on different machines');
  const categories = await categoryQueries(web.path);
  say('category page read (first page of 30, ms per read): off the category index, against sorting the whole category as before');
  for (const c of categories) {
    say(`  ${c.category} (${c.papers.toLocaleString('en-US')} papers): ${c.indexMs.toFixed(2)} ms, sorted ${c.sortMs.toFixed(2)} ms, ${(c.sortMs / c.indexMs).toFixed(1)}x${c.samePage ? '' : '  DIFFERENT PAGE'}`);
  }
  const pages = [
    { name: 'home', path: '/' },
    { name: 'paper', path: paperPath(web.samplePaperId) },
    { name: 'search', path: `/search?q=${encodeURIComponent(opts.query)}` },
    { name: 'search semantic', path: `/search?q=${encodeURIComponent(opts.query)}&mode=semantic` },
    { name: 'similar api', path: `/api${paperPath(web.samplePaperId)}/similar` },
    // The largest category of the arXiv feed corpus: its first page is read off the category index.
    { name: 'category', path: '/categories/cs.CV' },
  ];
  const tmp = mkdtempSync(join(workDir, 'web-pages-'));
  let paperboy: ServerProcess | null = null;
  let bare: ServerProcess | null = null;
  const rows: PageRow[] = [];
  try {
    paperboy = await startPaperboy(root, web.path, log);
    await warmUp(paperboy.origin, pages.map((p) => p.path), log);
    const manifest = [];
    const fetched = new Map<string, { status: number; bytes: number }>();
    for (const p of pages) {
      const res = await fetch(paperboy.origin + p.path);
      const body = Buffer.from(await res.arrayBuffer());
      if (res.status !== 200) log(`${p.path}: paperboy answered ${res.status}; measured anyway`);
      const file = join(tmp, `${p.name}.body`);
      writeFileSync(file, body);
      manifest.push({ path: p.path, file, contentType: res.headers.get('content-type') ?? 'text/html' });
      fetched.set(p.name, { status: res.status, bytes: body.length });
    }
    writeFileSync(join(tmp, 'manifest.json'), JSON.stringify(manifest));
    bare = await startBare(join(root, 'dist', 'bench', 'web-bare.js'), join(tmp, 'manifest.json'), pages[0]!.path, log);
    for (const p of pages) {
      log(`${p.name}: paperboy`);
      const pb = await load(paperboy.origin + p.path, opts.connections, opts.seconds);
      log(`${p.name}: bare node:http`);
      const b = await load(bare.origin + p.path, opts.connections, opts.seconds);
      rows.push({ ...p, ...fetched.get(p.name)!, paperboy: pb, bare: b });
    }
    // A crawler or a reader following links opens pages nobody has opened since the last import:
    // each request here renders a paper page and its similar papers, as the page cache never saw it.
    const spread = (await spreadPaperIds(web.path, DIFFERENT_PAPERS)).map(paperPath);
    const paperRow = rows.find((r) => r.name === 'paper')!;
    log(`${spread.length} different papers: paperboy`);
    const different = await load(paperboy.origin + spread[0]!, opts.connections, opts.seconds, spread);
    rows.push({ ...paperRow, name: `paper, ${spread.length.toLocaleString('en-US')} different papers`, path: '/papers/...', paperboy: different, info: true });
    if (opts.uncached) {
      // The same pages rendered on every request: what a visitor pays right after an import.
      await paperboy.stop();
      paperboy = await startPaperboy(root, web.path, log, { PAPERBOY_PAGE_CACHE_MB: '0' });
      await warmUp(paperboy.origin, pages.map((p) => p.path), log);
      for (const row of rows.filter((r) => !r.info)) {
        log(`${row.name}: paperboy without the page cache`);
        const pb = await load(paperboy.origin + row.path, opts.connections, opts.seconds);
        rows.push({ ...row, name: `${row.name} uncached`, paperboy: pb });
      }
    }
  } finally {
    await paperboy?.stop();
    await bare?.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
  const resultsFile = join(workDir, `web-${stamp}.json`);
  writeFileSync(resultsFile, `${JSON.stringify({ startedAt: stamp, machine, options: opts, targets: WEB_TARGETS, database: { papers: web.papers, listedDays: web.listedDays }, categories, pages: rows }, null, 2)}\n`);
  say(`\n${webTable(rows)}\n\nresults: ${resultsFile}\n\nMarkdown for the README:\n`);
  say(webMarkdown(rows, machine, { papers: web.papers, connections: opts.connections, seconds: opts.seconds }));
  return 0;
}

process.once('SIGINT', () => { stopAll(); process.exit(130); });
main().then(
  (code) => { process.exitCode = code; },
  (err: unknown) => {
    stopAll();
    if (err instanceof BenchError) process.stderr.write(`bench:web: ${err.message}\n`);
    else process.stderr.write(`bench:web failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
