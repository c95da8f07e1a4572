import { openDatabase } from '../src/db/connect.js';
import { loadConfig } from '../src/config/config.js';
import { runEmbedJob } from '../src/jobs/embed-job.js';
import { lineProgress, type Progress } from '../src/progress/progress.js';
import { embeddingModels } from '../src/store/embedding-models.js';
import { logLine, runWorker } from './worker-io.js';

/** What the parent asks of the embedding run. */
export interface VectorEmbedArgs {
  url: string;
  label: string;
}

/** Figures of one full embedding run: training (sample) then every paper embedded and stored. */
export interface VectorEmbedResult {
  papers: number;
  model: string | null;
  dimensions: number;
  trainSeconds: number;
  embedSeconds: number;
  totalSeconds: number;
  papersPerSecond: number;
  problem: string | null;
}

/** The embedding job exactly as `paperboy reindex` runs it, timed, in a process of its own (its peak RSS is the job's). */
async function main(args: VectorEmbedArgs): Promise<VectorEmbedResult> {
  const log = logLine(args.label);
  const db = openDatabase(args.url);
  try {
    const lines = lineProgress(log, 10_000);
    let embedStart = 0;
    // Training ends when the job starts counting embedded papers.
    const progress: Progress = { ...lines, start(total, unit) { embedStart = performance.now(); log(`model trained; embedding ${total} ${unit}`); lines.start(total, unit); } };
    const started = performance.now();
    const run = await runEmbedJob({ db, config: loadConfig({ DATABASE_URL: args.url }), progress }, { rebuild: true });
    const ended = performance.now();
    const active = await embeddingModels.active(db);
    const embedSeconds = (ended - (embedStart || started)) / 1000;
    return {
      papers: run.embedded, model: run.model, dimensions: active?.dimensions ?? 0,
      trainSeconds: ((embedStart || started) - started) / 1000, embedSeconds, totalSeconds: (ended - started) / 1000,
      papersPerSecond: run.embedded / Math.max(0.001, (ended - started) / 1000), problem: run.problem ?? null,
    };
  } finally {
    await db.close();
  }
}

runWorker(main);
