import { createWriteStream, existsSync, readdirSync, readFileSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip, gunzipSync } from 'node:zlib';
import { BenchError } from './options.js';

/** One distinct paper of the source feed: its id, title (for queries) and the line exactly as stored. */
export interface SourcePaper {
  id: string;
  title: string;
  line: string;
}

/** The real feed the corpora are built from, deduplicated by id (first appearance wins). */
export interface SourceFeed {
  dir: string;
  files: number;
  records: number;
  papers: SourcePaper[];
}

/** The `arxiv-daily` directory under the data directory (or the directory itself when it holds the files). */
function feedDir(dataDir: string): string {
  const nested = join(dataDir, 'arxiv-daily');
  return existsSync(nested) ? nested : dataDir;
}

/** Reads every day of the feed in date order; a missing feed is a BenchError that names the path. */
export function loadFeed(dataDir: string): SourceFeed {
  const dir = feedDir(dataDir);
  const names = existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith('.jsonl.gz')).sort() : [];
  if (!names.length) {
    throw new BenchError(`no arXiv daily feed at ${dir} (expected arxiv-daily/*.jsonl.gz): the benchmark needs the shared data; `
      + 'set PAPERBOY_SHARED to the shared directory or pass --data DIR');
  }
  const seen = new Set<string>();
  const papers: SourcePaper[] = [];
  let records = 0;
  for (const name of names) {
    const text = gunzipSync(readFileSync(join(dir, name))).toString('utf8');
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      records++;
      const value = JSON.parse(line) as { id?: unknown; title?: unknown };
      const id = String(value.id);
      if (seen.has(id)) continue;
      seen.add(id);
      papers.push({ id, title: typeof value.title === 'string' ? value.title : '', line });
    }
  }
  return { dir, files: names.length, records, papers };
}

/**
 * A synthetic arXiv-style id for copy `copy` (1, 2, ...) of paper `index`: `9YMM.NNNNN` with years
 * 90-99, which no real new-style id (2007 onwards) uses, so copies never collide with real papers
 * or each other (room for about 12 million copies).
 */
export function syntheticId(copy: number, index: number, unique: number): string {
  const g = (copy - 1) * unique + index;
  const block = Math.floor(g / 99_999);
  const yy = 90 + Math.floor(block / 12);
  if (yy > 99) throw new BenchError('corpus too large for the synthetic id scheme');
  const mm = (block % 12) + 1;
  return `${yy}${String(mm).padStart(2, '0')}.${String((g % 99_999) + 1).padStart(5, '0')}`;
}

/** The line of a copy: only the id changes, everything else stays byte for byte. */
function withId(p: SourcePaper, id: string): string {
  const key = `"id": ${JSON.stringify(p.id)}`;
  if (p.line.startsWith(`{${key}`)) return `{"id": ${JSON.stringify(id)}${p.line.slice(key.length + 1)}`;
  const value = JSON.parse(p.line) as Record<string, unknown>;
  value['id'] = id;
  return JSON.stringify(value);
}

/** The lines of a corpus of `size` distinct papers: the real ones first, then copies with new ids. */
function* corpusLines(feed: SourceFeed, size: number): Generator<string> {
  const u = feed.papers.length;
  for (let n = 0; n < size; n++) {
    const copy = Math.floor(n / u);
    const p = feed.papers[n % u]!;
    yield `${copy === 0 ? p.line : withId(p, syntheticId(copy, n % u, u))}\n`;
  }
}

/** Batches lines into ~1 MB strings so the gzip stream is not fed 1,000,000 tiny chunks. */
function* chunked(lines: Iterable<string>): Generator<string> {
  let buf = '';
  for (const l of lines) {
    buf += l;
    if (buf.length >= 1 << 20) { yield buf; buf = ''; }
  }
  if (buf) yield buf;
}

/** The titles of the real papers a corpus of `size` holds (what the query set is built from). */
export function corpusTitles(feed: SourceFeed, size: number): string[] {
  return feed.papers.slice(0, Math.min(size, feed.papers.length)).map((p) => p.title);
}

/** The gzipped JSON-lines corpus of `size` papers under workDir, written once and reused after. */
export async function ensureCorpus(feed: SourceFeed, size: number, workDir: string, log: (l: string) => void): Promise<{ path: string; bytes: number; built: boolean }> {
  const path = join(workDir, `corpus-${size}.jsonl.gz`);
  if (existsSync(path)) return { path, bytes: statSync(path).size, built: false };
  log(`writing corpus of ${size.toLocaleString('en-US')} papers to ${path}`);
  const tmp = `${path}.partial`;
  await pipeline(Readable.from(chunked(corpusLines(feed, size))), createGzip({ level: 6 }), createWriteStream(tmp));
  renameSync(tmp, path);
  return { path, bytes: statSync(path).size, built: true };
}
