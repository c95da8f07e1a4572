import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { createGzip, gzipSync } from 'node:zlib';
import { lines, listFiles, openText, readHead, ReadError } from '../src/ingest/read-file.js';
import { format as jsonl } from '../src/ingest/jsonl/format.js';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

// A full garbage collection on demand, without starting node with --expose-gc.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

async function* chunks(...parts: string[]): AsyncGenerator<string> {
  for (const p of parts) yield p;
}

describe('read-file', () => {
  let dir = '';
  before(() => { dir = mkdtempSync(join(tmpdir(), 'paperboy-read-')); });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('walks directories recursively in sorted order, skipping hidden entries', async () => {
    const root = join(dir, 'walk');
    mkdirSync(join(root, 'b', 'inner'), { recursive: true });
    mkdirSync(join(root, '.git'));
    for (const f of ['b/inner/z.json', 'b/a.jsonl', 'c.json', 'a.json', '.hidden.json', '.git/x.json']) writeFileSync(join(root, f), '[]');
    const { files, problems } = await listFiles([root, join(root, 'a.json'), join(dir, 'missing.json')]);
    assert.deepEqual(files.map((f) => f.path.slice(root.length + 1)), ['a.json', 'b/a.jsonl', 'b/inner/z.json', 'c.json']);
    assert.deepEqual(problems, [{ source: join(dir, 'missing.json'), message: 'no such file or directory' }]);
  });

  it('gunzips by name and by magic bytes', async () => {
    writeFileSync(join(dir, 'named.jsonl.gz'), gzipSync('{"id":"1"}\n'));
    writeFileSync(join(dir, 'unnamed.jsonl'), gzipSync('{"id":"2"}\n'));
    const { files } = await listFiles([join(dir, 'named.jsonl.gz'), join(dir, 'unnamed.jsonl')]);
    assert.deepEqual(files.map((f) => f.gzip), [true, true]);
    assert.equal((await collect(openText(files[0]!))).join(''), '{"id":"1"}\n');
    assert.equal(await readHead(files[1]!), '{"id":"2"}\n');
  });

  it('turns a corrupt gzip file into a ReadError naming the file', async () => {
    const good = gzipSync('x'.repeat(100_000));
    writeFileSync(join(dir, 'corrupt.gz'), Buffer.concat([good.subarray(0, 40), Buffer.alloc(200, 7)]));
    const { files } = await listFiles([join(dir, 'corrupt.gz')]);
    await assert.rejects(collect(openText(files[0]!)), (err: unknown) => err instanceof ReadError && err.path === files[0]!.path);
  });

  it('decodes UTF-8 split across read chunks', async () => {
    const text = `x${'é'.repeat(700_000)}\n`;
    writeFileSync(join(dir, 'utf8.txt'), text);
    const { files } = await listFiles([join(dir, 'utf8.txt')]);
    assert.equal((await collect(openText(files[0]!))).join(''), text);
  });

  it('splits lines across chunk boundaries, with CRLF and no final newline', async () => {
    const got = await collect(lines(chunks('a\r', '\nb', 'c\n\nd')));
    assert.deepEqual(got, [{ line: 'a', lineNo: 1 }, { line: 'bc', lineNo: 2 }, { line: '', lineNo: 3 }, { line: 'd', lineNo: 4 }]);
  });

  it('parses a large gzipped JSON-lines file in bounded memory', async () => {
    const path = join(dir, 'big', 'corpus.jsonl.gz');
    mkdirSync(join(dir, 'big'));
    const gz = createGzip();
    const out = gz.pipe(createWriteStream(path));
    const total = 200_000;
    for (let i = 0; i < total; i += 1000) {
      let block = '';
      for (let j = i; j < i + 1000; j++) block += `${JSON.stringify({ id: String(j), title: `Paper number ${j}`, abstract: `An abstract about topic ${j % 97} with a few more words to make the line longer.`, authors: ['A. Writer', 'B. Reader'], year: 2000 + (j % 25) })}\n`;
      if (!gz.write(block)) await once(gz, 'drain');
    }
    gz.end();
    await once(out, 'finish');
    const { files } = await listFiles([path]);
    // What the parser keeps, not the garbage a collection has yet to free (which made this flaky):
    // the heap is measured after a full collection each time.
    const retained = (): number => { collectGarbage(); return process.memoryUsage().heapUsed; };
    const base = retained();
    let peak = 0;
    let n = 0;
    const started = Date.now();
    for await (const r of jsonl.parse(openText(files[0]!), path)) {
      assert.ok(r.ok);
      if (++n % 20_000 === 0) peak = Math.max(peak, retained() - base);
    }
    assert.equal(n, total);
    // Keeping every record would retain well over 100 MB (200,000 objects of several strings).
    assert.ok(peak < 30 * 1024 * 1024, `the heap kept ${Math.round(peak / 1e6)} MB more`);
    assert.ok(Date.now() - started < 10_000);
  });
});
