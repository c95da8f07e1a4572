import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { backends } from './helpers/databases.js';
import { importFiles } from '../src/ingest/import-files.js';
import { KeywordIndex } from '../src/search/keyword/keyword-index.js';
import { THREADED_PARSE_BYTES, parseOnThread } from '../src/ingest/threaded-parse.js';
import { FILE_FORMATS } from '../src/ingest/formats.js';

/** A plain JSON-lines file larger than the threshold, with one broken line in the middle. */
function bigFile(dir: string): { path: string; records: number; badLine: number } {
  const lines: string[] = [];
  const filler = 'word '.repeat(200);
  let bytes = 0;
  for (let i = 0; bytes < THREADED_PARSE_BYTES + 100_000; i++) {
    lines.push(JSON.stringify({ id: `2301.${String(10000 + i).padStart(5, '0')}`, title: `Paper number ${i}`, summary: `Abstract ${i}: ${filler}`, authors: ['A. Author'], categories: ['cs.LG'] }));
    bytes += lines[lines.length - 1]!.length + 1;
  }
  const badLine = 1000;
  lines[badLine - 1] = '{"id": "2301.99999", "title": ';
  const path = join(dir, 'big.jsonl');
  writeFileSync(path, `${lines.join('\n')}\n`);
  return { path, records: lines.length - 1, badLine };
}

for (const backend of backends()) {
  describe(`threaded parsing of large files on ${backend.name}`, () => {
    it('imports a large file through the parser thread with the same results and error places', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'paperboy-big-'));
      const fresh = await backend.create();
      try {
        const file = bigFile(dir);
        assert.ok(statSync(file.path).size >= THREADED_PARSE_BYTES);
        const keyword = new KeywordIndex(fresh.db);
        const summary = await importFiles({ db: fresh.db, keyword }, [file.path]);
        await keyword.close();
        assert.equal(summary.added, file.records);
        assert.equal(summary.failed, 1);
        assert.equal(summary.errors[0]!.source.startsWith(`${file.path}:${file.badLine}`), true, summary.errors[0]!.source);
        const n = await fresh.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM papers');
        assert.equal(Number(n?.n), file.records);
        const r = await new KeywordIndex(fresh.db).search('"paper number 1234"');
        assert.ok(r.ok);
        assert.equal(r.match, 'all');
        assert.deepEqual(r.hits.map((h) => h.title), ['Paper number 1234']);
      } finally {
        await fresh.drop();
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}

describe('parser thread', () => {
  it('reports an unreadable file as a problem naming it', async () => {
    const jsonl = FILE_FORMATS.find((f) => f.name === 'jsonl')!;
    const out = [];
    for await (const r of parseOnThread({ path: '/nonexistent/file.jsonl', size: 10 ** 7, gzip: false }, jsonl)) out.push(r);
    assert.equal(out.length, 1);
    assert.equal(out[0]!.ok, false);
    if (!out[0]!.ok) assert.match(out[0]!.problem.source + out[0]!.problem.message, /\/nonexistent\/file\.jsonl.*no such file/);
  });
});
