import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../db/connect.js';
import { handOffCheckpoints } from '../db/wal-checkpointer.js';
import { KeywordIndex } from '../search/keyword/keyword-index.js';
import type { Progress } from '../progress/progress.js';
import { importFiles } from './import-files.js';

// Runs a whole import on its own thread with a bounded heap (see import-in-worker.ts); progress
// calls and the final summary travel back as messages.
const { databaseUrl, paths, batchSize, externalCheckpoints } = workerData as { databaseUrl: string; paths: string[]; batchSize?: number; externalCheckpoints?: boolean };

const progress: Progress = {
  start: (total, unit) => parentPort!.postMessage({ kind: 'start', total, unit }),
  tick: (n = 1) => parentPort!.postMessage({ kind: 'tick', n }),
  log: (line) => parentPort!.postMessage({ kind: 'log', line }),
  stop: () => parentPort!.postMessage({ kind: 'stop' }),
};

const db = openDatabase(databaseUrl);
// The parent thread checkpoints the WAL meanwhile (see import-in-worker.ts).
if (externalCheckpoints) handOffCheckpoints(db);
const keyword = new KeywordIndex(db);
try {
  const summary = await importFiles({ db, keyword }, paths, { progress, batchSize });
  parentPort!.postMessage({ kind: 'done', summary });
} finally {
  await keyword.close();
  await db.close();
}
