import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { listFiles } from '../src/ingest/read-file.js';
import { estimateRecords } from '../src/ingest/record-estimate.js';
import { lineProgress } from '../src/progress/progress.js';

// Hugging Face's daily files: a pretty-printed array of large entries (few records per byte).
function hfDay(n: number, day: string): string {
  const entry = (i: number) => `  {\n    "paper": {\n      "id": "2406.${String(i).padStart(5, '0')}",\n      "title": "Paper ${i} of ${day}",\n`
    + `      "summary": "${'A long abstract sentence about models and data. '.repeat(20)}",\n      "upvotes": ${i}\n    },\n    "title": "Paper ${i}"\n  }`;
  return `[\n${Array.from({ length: n }, (_, i) => entry(i)).join(',\n')}\n]\n`;
}

// A daily arXiv feed: gzipped JSON lines of short records (many records per byte).
function feedDay(n: number, day: string): Buffer {
  const rows = Array.from({ length: n }, (_, i) => JSON.stringify({ id: `2503.${String(i).padStart(5, '0')}`, title: `Feed ${i} ${day}`, abstract: 'Short.' }));
  return gzipSync(`${rows.join('\n')}\n`);
}

describe('import progress estimate', () => {
  let dir = '';
  before(() => { dir = mkdtempSync(join(tmpdir(), 'paperboy-estimate-')); });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('estimates each kind of file from its own records, whichever comes first', async () => {
    mkdirSync(join(dir, 'hf'));
    mkdirSync(join(dir, 'feed'));
    for (let d = 1; d <= 3; d++) writeFileSync(join(dir, 'hf', `2024-06-0${d}.json`), hfDay(10, `d${d}`));
    for (let d = 1; d <= 4; d++) writeFileSync(join(dir, 'feed', `2025-03-0${d}.jsonl.gz`), feedDay(500, `d${d}`));
    const truth = 3 * 10 + 4 * 500;
    for (const order of [[join(dir, 'hf'), join(dir, 'feed')], [join(dir, 'feed'), join(dir, 'hf')]]) {
      const { files } = await listFiles(order);
      const estimate = await estimateRecords(files);
      assert.ok(estimate !== undefined);
      // Extrapolating the first file's density to all of them was off by a factor of 5-15 here.
      assert.ok(Math.abs(estimate - truth) / truth < 0.1, `estimate ${estimate} for ${truth} records (${order[0]} first)`);
    }
  });

  it('gives no estimate when some kind of file shows no record starts', async () => {
    writeFileSync(join(dir, 'api.xml'), '<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>x</id></entry></feed>');
    const { files } = await listFiles([join(dir, 'hf'), join(dir, 'api.xml')]);
    assert.equal(await estimateRecords(files), undefined);
  });

  it('drops a total that proved short instead of printing a negative ETA', () => {
    const lines: string[] = [];
    const p = lineProgress((l) => lines.push(l), 0);
    p.start(100, 'records');
    p.tick(60);
    p.tick(60);
    assert.match(lines[0]!, /^progress: 60\/100 records \(\d+ records\/s\) ETA \d+s$/);
    assert.match(lines[1]!, /^progress: 120 records \(\d+ records\/s\)$/);
  });
});
