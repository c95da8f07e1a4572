import { Worker } from 'node:worker_threads';
import type { ParseResult } from '../model/paper-record.js';
import type { FileFormat } from './format.js';
import { FILE_FORMATS } from './formats.js';
import type { InputFile } from './read-file.js';

/** Files at least this large are parsed on a worker thread; smaller ones are not worth a thread. */
export const THREADED_PARSE_BYTES = 4 * 1024 * 1024;

/** True when a file is big enough, and its format known to the parser thread, to parse it there. */
export function parseOnThreadFits(file: InputFile, format: FileFormat): boolean {
  return file.size >= THREADED_PARSE_BYTES && FILE_FORMATS.includes(format);
}

/**
 * Streams a file's parse results from a worker thread running the same format code, a batch at a
 * time with at most two batches in flight (bounded memory). A crashed worker becomes a problem
 * naming the file, never a lost error.
 */
export async function* parseOnThread(file: InputFile, format: FileFormat, batch = 1000): AsyncGenerator<ParseResult> {
  // A small heap keeps the parser's garbage in check: it only ever holds two batches.
  const worker = new Worker(new URL('./parse-worker.js', import.meta.url), {
    workerData: { file, format: FILE_FORMATS.indexOf(format), batch },
    resourceLimits: { maxOldGenerationSizeMb: 160, maxYoungGenerationSizeMb: 64 },
  });
  const queue: Array<{ results: ParseResult[]; done: boolean } | Error> = [];
  let notify: (() => void) | null = null;
  const push = (item: (typeof queue)[number]): void => { queue.push(item); notify?.(); };
  worker.on('message', (m: { results: ParseResult[]; done: boolean }) => push(m));
  worker.on('error', (err) => push(err));
  worker.on('exit', (code) => { if (code !== 0) push(new Error(`parser thread exited with code ${code}`)); });
  try {
    for (;;) {
      while (!queue.length) await new Promise<void>((r) => (notify = r));
      notify = null;
      const item = queue.shift()!;
      if (item instanceof Error) {
        yield { ok: false, problem: { source: file.path, message: `parse failed: ${item.message}` } };
        return;
      }
      worker.postMessage('more');
      yield* item.results;
      if (item.done) return;
    }
  } finally {
    await worker.terminate();
  }
}
