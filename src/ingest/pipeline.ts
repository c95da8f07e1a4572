import type { Db } from '../db/db.js';
import type { ParseResult, PaperRecord, Problem } from '../model/paper-record.js';
import { upsertRecords } from '../store/papers-write.js';
import { silentProgress, type Progress } from '../progress/progress.js';

/** The totals `import` and `harvest` print, also as `--json`. */
export interface IngestSummary {
  added: number;
  updated: number;
  unchanged: number;
  failed: number;
  errors: Problem[];
}

export function emptySummary(): IngestSummary {
  return { added: 0, updated: 0, unchanged: 0, failed: 0, errors: [] };
}

/** Adds b's counts into a. */
export function addSummary(a: IngestSummary, b: IngestSummary): IngestSummary {
  a.added += b.added; a.updated += b.updated; a.unchanged += b.unchanged; a.failed += b.failed; a.errors.push(...b.errors);
  return a;
}

/** Anything that must run after papers changed (the keyword index drains its queue here). */
export type AfterBatch = () => Promise<void>;

export interface IngestOptions {
  batchSize?: number;
  progress?: Progress;
  /** Called after each committed batch, e.g. to index queued papers. */
  afterBatch?: AfterBatch;
  /** Called once at the end. */
  finish?: AfterBatch;
}

/**
 * Streams parse results into the store in batches. Bad records become problems in the summary
 * (their place and reason), good records are always written; each batch commits on its own so an
 * interrupted import keeps what it finished and a re-run skips it as unchanged.
 */
export async function ingest(db: Db, results: AsyncIterable<ParseResult>, opts: IngestOptions = {}): Promise<IngestSummary> {
  const size = opts.batchSize ?? 2000;
  const progress = opts.progress ?? silentProgress;
  const summary = emptySummary();
  let batch: PaperRecord[] = [];
  const flush = async (): Promise<void> => {
    if (!batch.length) return;
    const counts = await upsertRecords(db, batch);
    summary.added += counts.added;
    summary.updated += counts.updated;
    summary.unchanged += counts.unchanged;
    progress.tick(batch.length);
    batch = [];
    if (opts.afterBatch) await opts.afterBatch();
  };
  for await (const r of results) {
    if (r.ok) {
      batch.push(r.record);
      if (batch.length >= size) await flush();
    } else {
      summary.failed++;
      summary.errors.push(r.problem);
      progress.log(`error: ${r.problem.source}: ${r.problem.message}`);
      progress.tick(1);
    }
  }
  await flush();
  if (opts.finish) await opts.finish();
  return summary;
}
