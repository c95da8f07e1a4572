import Database from 'better-sqlite3';
import { createReadStream, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { logLine, runWorker } from './worker-io.js';

/** What the parent asks of the baseline import. */
export interface BaselineImportArgs {
  corpus: string;
  dbFile: string;
  batch?: number;
}

/** The baseline's import figures. */
export interface BaselineImportResult {
  papers: number;
  seconds: number;
  dbBytes: number;
  sqliteVersion: string;
}

interface Line {
  id: string;
  title?: string;
  summary?: string;
  authors?: string[];
  categories?: string[];
  comment?: string | null;
}

function sizeOf(file: string): number {
  let total = 0;
  for (const f of [file, `${file}-wal`]) {
    try { total += statSync(f).size; } catch { /* no WAL left is fine */ }
  }
  return total;
}

/**
 * The naive way to do it, as a yardstick: parse each line, insert it into a plain table and an
 * FTS5 index with raw better-sqlite3, 10,000 rows per transaction, WAL and synchronous=NORMAL.
 */
async function main(args: BaselineImportArgs): Promise<BaselineImportResult> {
  const log = logLine('baseline import');
  const db = new Database(args.dbFile);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`CREATE TABLE papers (id TEXT PRIMARY KEY, title TEXT, abstract TEXT, authors TEXT, categories TEXT, comment TEXT);
           CREATE VIRTUAL TABLE fts USING fts5(title, abstract, authors);`);
  const insertPaper = db.prepare('INSERT INTO papers (id, title, abstract, authors, categories, comment) VALUES (?, ?, ?, ?, ?, ?)');
  const insertFts = db.prepare('INSERT INTO fts (rowid, title, abstract, authors) VALUES (?, ?, ?, ?)');
  const insertMany = db.transaction((rows: Line[]) => {
    for (const r of rows) {
      const authors = (r.authors ?? []).join(', ');
      const info = insertPaper.run(r.id, r.title ?? '', r.summary ?? '', authors, (r.categories ?? []).join(' '), r.comment ?? null);
      insertFts.run(info.lastInsertRowid, r.title ?? '', r.summary ?? '', authors);
    }
  });
  const size = args.batch ?? 10_000;
  const started = performance.now();
  let lastLog = started;
  let papers = 0;
  let rows: Line[] = [];
  const input = createReadStream(args.corpus).pipe(createGunzip());
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    if (!line) continue;
    rows.push(JSON.parse(line) as Line);
    if (rows.length < size) continue;
    insertMany(rows);
    papers += rows.length;
    rows = [];
    if (performance.now() - lastLog > 5000) {
      lastLog = performance.now();
      log(`${papers} papers (${Math.round(papers / ((lastLog - started) / 1000))}/s)`);
    }
  }
  insertMany(rows);
  papers += rows.length;
  const seconds = (performance.now() - started) / 1000;
  const sqliteVersion = (db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  db.close();
  return { papers, seconds, dbBytes: sizeOf(args.dbFile), sqliteVersion };
}

runWorker(main);
