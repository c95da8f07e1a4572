import { Worker } from 'node:worker_threads';
import type { Progress } from '../progress/progress.js';
import { sqliteFileOf } from '../db/connect.js';
import { startWalCheckpointer, type WalCheckpointer } from '../db/wal-checkpointer.js';
import type { IngestSummary } from './pipeline.js';

/** Heap of the import thread: large imports must stay under 1 GB in all (parser and indexer threads included). */
export const IMPORT_HEAP_MB = 288;

type Message =
  | { kind: 'start'; total: number | undefined; unit: string }
  | { kind: 'tick'; n: number }
  | { kind: 'log'; line: string }
  | { kind: 'stop' }
  | { kind: 'done'; summary: IngestSummary };

/**
 * Runs `importFiles` on a worker thread with a bounded heap. V8 otherwise lets a long import's
 * heap grow far past what it holds live; a limit makes it collect instead. Same results, same
 * progress reports; a crash of the thread rejects with its error.
 */
export function importInWorker(databaseUrl: string, paths: readonly string[], opts: { progress: Progress; batchSize?: number }): Promise<IngestSummary> {
  // This thread only relays progress, so it takes over SQLite's checkpoints from the import's commits.
  const checkpointer = checkpointerFor(databaseUrl);
  const run = new Promise<IngestSummary>((resolve, reject) => {
    const worker = new Worker(new URL('./import-worker.js', import.meta.url), {
      workerData: { databaseUrl, paths: [...paths], batchSize: opts.batchSize, externalCheckpoints: checkpointer !== null },
      resourceLimits: { maxOldGenerationSizeMb: IMPORT_HEAP_MB, maxYoungGenerationSizeMb: 64 },
    });
    let summary: IngestSummary | null = null;
    worker.on('message', (m: Message) => {
      if (m.kind === 'start') opts.progress.start(m.total, m.unit);
      else if (m.kind === 'tick') opts.progress.tick(m.n);
      else if (m.kind === 'log') opts.progress.log(m.line);
      else if (m.kind === 'stop') opts.progress.stop();
      else summary = m.summary;
    });
    worker.on('error', reject);
    worker.on('exit', (code) => {
      if (summary) resolve(summary);
      else reject(new Error(`the import thread stopped (exit code ${code}) before finishing`));
    });
  });
  return run.finally(() => checkpointer?.stop());
}

function checkpointerFor(databaseUrl: string): WalCheckpointer | null {
  try {
    return startWalCheckpointer(sqliteFileOf(databaseUrl));
  } catch {
    return null; // a bad URL: the import thread reports it
  }
}
