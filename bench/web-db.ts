import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '../src/db/connect.js';
import { migrate } from '../src/db/migrate.js';
import { importFiles } from '../src/ingest/import-files.js';
import { lineProgress } from '../src/progress/progress.js';
import { KeywordIndex } from '../src/search/keyword/keyword-index.js';
import { createSemanticSearch } from '../src/search/semantic/create-semantic-search.js';
import { loadConfig } from '../src/config/config.js';
import { ensureCorpus, loadFeed } from './corpus.js';
import { BenchError } from './options.js';

/** The database the web benchmark serves, and what it holds. */
export interface WebDb {
  path: string;
  papers: number;
  listedDays: string[];
  /** A featured paper (for the paper page) and a query with results (for the search page). */
  samplePaperId: string;
  built: boolean;
}

/** How many real Hugging Face daily files are imported for featured days with upvotes. */
const HF_DAYS = 5;

function hfFiles(dataDir: string): string[] {
  const dir = join(dataDir, 'hf-daily-papers');
  const names = existsSync(dir) ? readdirSync(dir).filter((n) => /^\d{4}-\d{2}-\d{2}\.json$/.test(n)).sort() : [];
  if (!names.length) throw new BenchError(`no Hugging Face daily files at ${dir}: the web benchmark needs the shared data (--data DIR)`);
  return names.slice(-HF_DAYS).map((n) => join(dir, n));
}

/** The most upvoted paper of the newest listed day: what a visitor opens first. */
async function describe(path: string): Promise<Omit<WebDb, 'path' | 'built'>> {
  const db = openDatabase(path);
  try {
    const n = await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM papers');
    const days = await db.all<{ day: string }>('SELECT DISTINCT day FROM daily_entries ORDER BY day');
    const top = await db.get<{ paper_id: string }>(
      'SELECT p.paper_id FROM daily_entries d JOIN papers p ON p.id = d.paper_id ORDER BY d.day DESC, p.upvotes DESC LIMIT 1');
    if (!top) throw new BenchError(`${path}: no featured paper after import`);
    return { papers: Number(n?.n ?? 0), listedDays: days.map((d) => d.day), samplePaperId: top.paper_id };
  } finally {
    await db.close();
  }
}

/** `count` paper ids spread evenly over the database (every n-th row): pages to open once each. */
export async function spreadPaperIds(path: string, count: number): Promise<string[]> {
  const db = openDatabase(path);
  try {
    const n = await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM papers');
    const stride = Math.max(1, Math.floor(Number(n?.n ?? 0) / count));
    const rows = await db.all<{ paper_id: string }>('SELECT paper_id FROM papers WHERE id % ? = 0 ORDER BY id LIMIT ?', [stride, count]);
    return rows.map((r) => r.paper_id);
  } finally {
    await db.close();
  }
}

/**
 * A SQLite database of `size` papers from the arXiv feed (the corpus file the import benchmark
 * writes, reused when present) plus the newest real daily listings, imported through the real
 * `paperboy import` path and keyword-indexed. Kept under .bench/ and reused by later runs; a
 * half-built one (no marker) is thrown away.
 */
export async function ensureWebDb(dataDir: string, workDir: string, size: number, log: (l: string) => void): Promise<WebDb> {
  const path = join(workDir, `web-${size}.db`);
  const marker = `${path}.done`;
  if (existsSync(path) && existsSync(marker)) {
    const known = JSON.parse(readFileSync(marker, 'utf8')) as Omit<WebDb, 'path' | 'built'>;
    // A database built by an older paperboy gets the newer schema steps (serve refuses it otherwise).
    const db = openDatabase(path);
    try { await migrate(db); } finally { await db.close(); }
    return { ...known, path, built: false };
  }
  for (const f of [path, `${path}-wal`, `${path}-shm`, marker]) rmSync(f, { force: true });
  const corpus = await ensureCorpus(loadFeed(dataDir), size, workDir, log);
  const files = [corpus.path, ...hfFiles(dataDir)];
  log(`importing ${files.length} files into ${path} (once; later runs reuse it)`);
  const db = openDatabase(path);
  try {
    await migrate(db);
    const keyword = new KeywordIndex(db);
    const summary = await importFiles({ db, keyword }, files, { progress: lineProgress(log) });
    await keyword.indexPending();
    log(`imported: ${summary.added} added, ${summary.updated} updated, ${summary.failed} failed`);
  } finally {
    await db.close();
  }
  const described = await describe(path);
  writeFileSync(marker, `${JSON.stringify(described)}\n`);
  return { ...described, path, built: true };
}

/**
 * Trains the semantic model and embeds every paper before the server starts, as the embedding job
 * would within a minute of an import, so similar papers and semantic search are measured warm and
 * no embedding runs during the load. A database embedded by an earlier run is left as it is.
 */
export async function ensureEmbedded(path: string, log: (l: string) => void): Promise<{ model: string | null; embedded: number; seconds: number }> {
  const db = openDatabase(path);
  const keyword = new KeywordIndex(db);
  const semantic = createSemanticSearch({ db, keyword, config: loadConfig({ DATABASE_URL: path }) });
  const started = Date.now();
  try {
    let status = await semantic.status();
    if (!status.ready || status.pending > 0) {
      log(`embedding ${path} (once; later runs reuse it)`);
      const run = await semantic.embedPending({ progress: lineProgress(log) });
      if (run.problem) throw new BenchError(`embedding failed: ${run.problem}`);
      status = await semantic.status();
    }
    return { model: status.model, embedded: status.embedded, seconds: (Date.now() - started) / 1000 };
  } finally {
    await semantic.close();
    await keyword.close();
    await db.close();
  }
}
