import { basename } from 'node:path';
import type { Db } from '../db/db.js';
import type { ParseResult } from '../model/paper-record.js';
import { silentProgress, type Progress } from '../progress/progress.js';
import type { FileFormat } from './format.js';
import { FILE_FORMATS } from './formats.js';
import { estimateRecords } from './record-estimate.js';
import { ingest, type IngestSummary } from './pipeline.js';
import { parseOnThread, parseOnThreadFits } from './threaded-parse.js';
import { listFiles, openText, readHead, ReadError } from './read-file.js';

/** What importing needs: the store and the keyword index that must learn about changed papers. */
export interface ImportDeps {
  db: Db;
  keyword: { indexPending(progress?: Progress): Promise<number>; indexInBackground?(): void };
}

/** How an import reports and batches; the defaults suit the CLI. */
export interface ImportOptions {
  progress?: Progress;
  batchSize?: number;
  /** Index queued papers once this many records went in since the last indexing. */
  indexEvery?: number;
  /** The formats to try, in order (tests narrow it; default: every known format). */
  formats?: readonly FileFormat[];
}

function fail(source: string, message: string): ParseResult {
  return { ok: false, problem: { source, message } };
}

/**
 * Imports files and directories of any known format into the store: each file's format is sniffed
 * from its first 64 KiB, its records are streamed through the merge pipeline in batches, and every
 * unreadable, unrecognised or bad file or record becomes a problem in the summary while the rest
 * still import. Idempotent: importing the same files again changes nothing.
 */
export async function importFiles(deps: ImportDeps, paths: readonly string[], opts: ImportOptions = {}): Promise<IngestSummary> {
  const progress = opts.progress ?? silentProgress;
  const formats = opts.formats ?? FILE_FORMATS;
  // Check after every batch: starting the next background segment early keeps the end-of-import tail short.
  const indexEvery = opts.indexEvery ?? 0;
  const { files, problems } = await listFiles(paths);
  progress.start(await estimateRecords(files), 'records');
  let sinceIndex = 0;

  async function* results(): AsyncGenerator<ParseResult> {
    for (const p of problems) yield { ok: false, problem: p };
    for (const file of files) {
      let head: string;
      try {
        head = await readHead(file);
      } catch (err) {
        if (!(err instanceof ReadError)) throw err;
        yield fail(file.path, `cannot read: ${err.message}`);
        continue;
      }
      const fmt = formats.find((f) => f.sniff(head, basename(file.path)));
      if (!fmt) {
        yield fail(file.path, `unrecognised format (expected ${formats.map((f) => f.label).join(', ')})`);
        continue;
      }
      try {
        const parsed = parseOnThreadFits(file, fmt) ? parseOnThread(file, fmt) : fmt.parse(openText(file), file.path);
        for await (const r of parsed) {
          if (r.ok) sinceIndex++;
          yield r;
        }
      } catch (err) {
        if (!(err instanceof ReadError)) throw err;
        yield fail(file.path, `cannot read: ${err.message}`);
      }
    }
  }

  try {
    return await ingest(deps.db, results(), {
      progress,
      batchSize: opts.batchSize,
      afterBatch: async () => {
        if (sinceIndex < indexEvery) return;
        sinceIndex = 0;
        // Large imports build index segments on another thread while this one keeps upserting.
        if (deps.keyword.indexInBackground) deps.keyword.indexInBackground();
        else await deps.keyword.indexPending();
      },
      finish: async () => { await deps.keyword.indexPending(); },
    });
  } finally {
    progress.stop();
  }
}
