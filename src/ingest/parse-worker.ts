import { parentPort, workerData } from 'node:worker_threads';
import type { ParseResult } from '../model/paper-record.js';
import { FILE_FORMATS } from './formats.js';
import { openText, ReadError, type InputFile } from './read-file.js';

// Parses one file on its own thread and hands results over in batches, one batch ahead of the
// importer, so parsing and normalising run beside the database writes instead of before them.
const { file, format, batch } = workerData as { file: InputFile; format: number; batch: number };

let credit = 2;
let wake: (() => void) | null = null;
parentPort!.on('message', () => {
  credit++;
  wake?.();
});

async function send(results: ParseResult[], done: boolean): Promise<void> {
  while (credit <= 0) await new Promise<void>((r) => (wake = r));
  wake = null;
  credit--;
  parentPort!.postMessage({ results, done });
}

async function run(): Promise<void> {
  const fmt = FILE_FORMATS[format];
  let out: ParseResult[] = [];
  try {
    if (!fmt) throw new ReadError(file.path, `unknown format #${format}`);
    for await (const r of fmt.parse(openText(file), file.path)) {
      out.push(r);
      if (out.length >= batch) { await send(out, false); out = []; }
    }
  } catch (err) {
    if (!(err instanceof ReadError)) throw err;
    out.push({ ok: false, problem: { source: file.path, message: `cannot read: ${err.message}` } });
  }
  await send(out, true);
}

void run();
