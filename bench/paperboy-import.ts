import { openDatabase } from '../src/db/connect.js';
import { migrate } from '../src/db/migrate.js';
import { importInWorker } from '../src/ingest/import-in-worker.js';
import { lineProgress } from '../src/progress/progress.js';
import { logLine, runWorker } from './worker-io.js';

/** What the parent asks of a paperboy import. */
export interface PaperboyImportArgs {
  corpus: string;
  /** A SQLite file or a postgres:// URL of an empty database. */
  url: string;
  label: string;
}

/** paperboy's import figures, with the pipeline's own counts as a check. */
export interface PaperboyImportResult {
  papers: number;
  seconds: number;
  added: number;
  updated: number;
  unchanged: number;
  failed: number;
  firstErrors: string[];
  dbBytes: number;
}

/**
 * The real `paperboy import` path into a freshly migrated database: sniffing, parsing, merging,
 * upserting and keyword indexing, all inside the timed part.
 */
async function main(args: PaperboyImportArgs): Promise<PaperboyImportResult> {
  const log = logLine(args.label);
  const db = openDatabase(args.url);
  try {
    await migrate(db);
    const started = performance.now();
    // The same path as `paperboy import`: the import thread with its bounded heap, indexing included.
    const summary = await importInWorker(args.url, [args.corpus], { progress: lineProgress(log) });
    const seconds = (performance.now() - started) / 1000;
    const papers = summary.added + summary.updated + summary.unchanged;
    return {
      papers, seconds,
      added: summary.added, updated: summary.updated, unchanged: summary.unchanged, failed: summary.failed,
      firstErrors: summary.errors.slice(0, 5).map((e) => `${e.source}: ${e.message}`),
      dbBytes: await db.sizeBytes(),
    };
  } finally {
    await db.close();
  }
}

runWorker(main);
