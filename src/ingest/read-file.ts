import { createReadStream } from 'node:fs';
import { open, readdir, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { Problem } from '../model/paper-record.js';

/** One file to import, with the size its text is expected to have (for progress estimates). */
export interface InputFile {
  readonly path: string;
  /** Bytes on disk. */
  readonly size: number;
  readonly gzip: boolean;
}

/** A failure to read a file (missing, unreadable, corrupt gzip): the caller reports it against the file. */
export class ReadError extends Error {
  constructor(readonly path: string, cause: unknown) {
    super(describe(cause));
  }
}

function describe(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  if (e?.code === 'ENOENT') return 'no such file or directory';
  if (e?.code === 'EACCES') return 'permission denied';
  if (e?.code === 'Z_DATA_ERROR' || e?.code === 'Z_BUF_ERROR') return `corrupt gzip data (${e.message})`;
  return e instanceof Error ? e.message : String(err);
}

async function isGzip(path: string): Promise<boolean> {
  if (/\.gz$/i.test(path)) return true;
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(2);
    const { bytesRead } = await fh.read(buf, 0, 2, 0);
    return bytesRead === 2 && buf[0] === 0x1f && buf[1] === 0x8b;
  } finally {
    await fh.close();
  }
}

/**
 * Expands PATH arguments into files: directories are walked recursively in sorted name order (so
 * runs are repeatable) skipping hidden entries; the same file named twice is read once. Paths that
 * do not exist or cannot be listed come back as problems, never as a throw.
 */
export async function listFiles(paths: readonly string[]): Promise<{ files: InputFile[]; problems: Problem[] }> {
  const files: InputFile[] = [];
  const problems: Problem[] = [];
  const seen = new Set<string>();
  const visit = async (path: string): Promise<void> => {
    try {
      const real = await realpath(path);
      if (seen.has(real)) return;
      seen.add(real);
      const st = await stat(real);
      if (st.isDirectory()) {
        const names = (await readdir(real)).filter((n) => !n.startsWith('.')).sort();
        for (const name of names) await visit(join(path, name));
        return;
      }
      if (!st.isFile()) return void problems.push({ source: path, message: 'not a regular file' });
      files.push({ path, size: st.size, gzip: await isGzip(real) });
    } catch (err) {
      problems.push({ source: path, message: describe(err) });
    }
  };
  for (const p of paths) await visit(p);
  return { files, problems };
}

/**
 * The decompressed text of a file as a stream of chunks, in bounded memory whatever the file size.
 * Read and gunzip failures surface as a thrown ReadError from the iteration.
 */
export async function* openText(file: InputFile): AsyncGenerator<string> {
  const raw = createReadStream(file.path, { highWaterMark: 1 << 20 });
  const source = file.gzip ? pipeline(raw, createGunzip({ chunkSize: 1 << 20 }), () => undefined) : raw;
  const decoder = new TextDecoder('utf-8');
  try {
    for await (const buf of source as AsyncIterable<Buffer>) {
      const text = decoder.decode(buf, { stream: true });
      if (text) yield text;
    }
  } catch (err) {
    throw new ReadError(file.path, err);
  } finally {
    source.destroy();
    raw.destroy();
  }
  const tail = decoder.decode();
  if (tail) yield tail;
}

/** The first `limit` characters of a file's text (less when the file is shorter), for sniffing. */
export async function readHead(file: InputFile, limit = 64 * 1024): Promise<string> {
  let head = '';
  for await (const chunk of openText(file)) {
    head += chunk;
    if (head.length >= limit) break;
  }
  return head.length > limit ? head.slice(0, limit) : head;
}

/** One line of text and its 1-based number. */
export interface Line {
  readonly line: string;
  readonly lineNo: number;
}

/** Splits a stream of text chunks into lines (`\n` or `\r\n`), holding only the current partial line. */
export async function* lines(chunks: AsyncIterable<string>): AsyncGenerator<Line> {
  let rest = '';
  let lineNo = 0;
  for await (const chunk of chunks) {
    let text = rest + chunk;
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      yield { line: text.slice(start, end), lineNo: ++lineNo };
      start = nl + 1;
    }
    rest = text.slice(start);
    text = '';
  }
  if (rest.length) yield { line: rest.endsWith('\r') ? rest.slice(0, -1) : rest, lineNo: ++lineNo };
}
