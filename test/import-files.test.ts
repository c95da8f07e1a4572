import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { backends } from './helpers/databases.js';
import type { Db } from '../src/db/db.js';
import { importFiles, type ImportDeps } from '../src/ingest/import-files.js';

const FIXTURES = fileURLToPath(new URL('../../test/fixtures/import/', import.meta.url));
const fx = (rel: string): string => join(FIXTURES, rel);

function deps(db: Db): ImportDeps & { indexed: number } {
  const d = { db, indexed: 0, keyword: { indexPending: async () => { d.indexed++; return 0; } } };
  return d;
}

async function count(db: Db, table: string): Promise<number> {
  const row = await db.get<{ n: number | string }>(`SELECT COUNT(*) AS n FROM ${table}`);
  return Number(row!.n);
}

async function paper(db: Db, id: string): Promise<Record<string, unknown>> {
  const row = await db.get('SELECT * FROM papers WHERE paper_id = ?', [id]);
  assert.ok(row, `paper ${id} stored`);
  return row;
}

const json = (v: unknown): unknown => (typeof v === 'string' ? JSON.parse(v) : v);

for (const backend of backends()) {
  describe(`importFiles (${backend.name})`, () => {
    let tmp = '';
    before(() => { tmp = mkdtempSync(join(tmpdir(), 'paperboy-import-')); });
    after(() => rmSync(tmp, { recursive: true, force: true }));

    it('imports HF files, the archive days saved as Python-repr strings too', async () => {
      const { db, drop } = await backend.create();
      try {
        const d = deps(db);
        const s = await importFiles(d, [fx('hf-daily')]);
        assert.deepEqual(s.errors, []);
        assert.equal(s.added, 5);
        assert.equal(s.failed, 0);
        const p = await paper(db, '2506.90001');
        assert.equal(Number(p['upvotes']), 42);
        assert.equal(Number((await paper(db, '2412.90010'))['upvotes']), 9);
        assert.equal(await count(db, 'daily_entries'), 5);
        assert.equal(await count(db, 'organizations'), 1);
        assert.ok(d.indexed >= 1, 'keyword index drained at the end');
      } finally { await drop(); }
    });

    it('reports malformed lines at file:line, unknown files and missing paths, importing the rest', async () => {
      const { db, drop } = await backend.create();
      try {
        const missing = join(tmp, 'nope.jsonl');
        const s = await importFiles(deps(db), [fx('minicacm'), fx('unknown'), missing]);
        assert.equal(s.added, 3);
        assert.equal(s.failed, 4);
        const sources = s.errors.map((e) => e.source);
        assert.deepEqual(sources.sort(), [missing, fx('minicacm/corpus.jsonl:3'), fx('minicacm/corpus.jsonl:6'), fx('unknown/notes.txt')].sort());
        assert.match(s.errors.find((e) => e.source === fx('unknown/notes.txt'))!.message, /^unrecognised format \(expected .*JSON lines/);
        assert.equal(String((await paper(db, 'minicacm:4'))['title']), 'Matrix Schemes');
      } finally { await drop(); }
    });

    it('reads gzip files and recursed directories; ids from different collections never collide', async () => {
      const { db, drop } = await backend.create();
      try {
        const root = join(tmp, `tree-${backend.name}`);
        mkdirSync(join(root, 'minicisi'), { recursive: true });
        mkdirSync(join(root, 'feeds', 'daily'), { recursive: true });
        writeFileSync(join(root, 'feeds', 'daily', '2025-06-10.jsonl.gz'), gzipSync(readFileSync(fx('daily/2025-06-10.jsonl'))));
        writeFileSync(join(root, 'feeds', 'daily', '.hidden.jsonl'), readFileSync(fx('daily/.hidden.jsonl')));
        copyFileSync(fx('minicisi/corpus.jsonl'), join(root, 'minicisi', 'corpus.jsonl'));
        const s = await importFiles(deps(db), [root, fx('minicacm/corpus.jsonl')]);
        assert.equal(s.added, 2 + 1 + 3);
        const ids = (await db.all<{ paper_id: string }>('SELECT paper_id FROM papers ORDER BY paper_id')).map((r) => r.paper_id);
        assert.deepEqual(ids, ['2506.90001', '2506.90007', 'minicacm:1', 'minicacm:2', 'minicacm:4', 'minicisi:1']);
      } finally { await drop(); }
    });

    it('reports an unreadable or truncated gzip file by path and keeps what came before', async () => {
      const { db, drop } = await backend.create();
      try {
        const root = join(tmp, `gz-${backend.name}`, 'feed');
        mkdirSync(root, { recursive: true });
        let text = '';
        for (let i = 0; i < 3000; i++) text += `${JSON.stringify({ id: `2501.${String(10000 + i)}`, title: `Paper ${i}`, summary: 'x'.repeat(200) })}\n`;
        const gz = gzipSync(text);
        writeFileSync(join(root, 'a-truncated.jsonl.gz'), gz.subarray(0, Math.floor(gz.length * 0.8)));
        writeFileSync(join(root, 'b-garbage.jsonl.gz'), Buffer.from('not gzip at all'));
        copyFileSync(fx('daily/2025-06-10.jsonl'), join(root, 'c-good.jsonl'));
        const s = await importFiles(deps(db), [root]);
        assert.deepEqual(s.errors.map((e) => e.source).filter((src) => !src.includes(':')), [join(root, 'a-truncated.jsonl.gz'), join(root, 'b-garbage.jsonl.gz')]);
        assert.ok(s.errors.filter((e) => !e.source.includes(':')).every((e) => /^cannot read: corrupt gzip data/.test(e.message)), JSON.stringify(s.errors));
        assert.ok(s.added > 2000, `kept the records read before the damage (${s.added})`);
        await paper(db, '2506.90007');
      } finally { await drop(); }
    });

    it('is idempotent: a second import adds nothing and changes no rows', async () => {
      const { db, drop } = await backend.create();
      try {
        const paths = [fx('hf-daily/2025-06-10.json'), fx('snapshot'), fx('daily'), fx('minicacm')];
        const first = await importFiles(deps(db), paths);
        const tables = ['papers', 'authors', 'paper_categories', 'daily_entries', 'source_records', 'organizations'];
        const before = await Promise.all(tables.map((t) => count(db, t)));
        const second = await importFiles(deps(db), paths);
        assert.equal(second.added, 0);
        assert.equal(second.updated, 0);
        assert.equal(second.unchanged, await count(db, 'papers'));
        assert.equal(second.failed, first.failed);
        assert.deepEqual(await Promise.all(tables.map((t) => count(db, t))), before);
      } finally { await drop(); }
    });

    it('merges an HF record with a snapshot record, and a newer version updates the title', async () => {
      const { db, drop } = await backend.create();
      try {
        await importFiles(deps(db), [fx('hf-daily/2025-06-10.json')]);
        const s = await importFiles(deps(db), [fx('snapshot')]);
        assert.deepEqual([s.added, s.updated], [2, 1]);
        let p = await paper(db, '2506.90001');
        assert.equal(Number(p['upvotes']), 42);
        assert.equal(p['github_repo'], 'https://github.com/example/sparse-tiny');
        assert.equal(p['ai_summary'], 'Frequency-routed sparse experts match dense small language models at lower compute.');
        assert.deepEqual(json(p['categories']), ['cs.CL', 'cs.LG']);
        assert.equal(p['primary_category'], 'cs.CL');
        assert.equal(Number(p['latest_version']), 2);
        assert.equal(p['title'], 'Sparse Mixtures for Tiny Language Models');
        assert.equal(p['license'], 'http://creativecommons.org/licenses/by/4.0/');

        const v3 = await importFiles(deps(db), [fx('snapshot-v3')]);
        assert.deepEqual([v3.added, v3.updated], [0, 1]);
        p = await paper(db, '2506.90001');
        assert.equal(p['title'], 'Sparse Mixtures for Small Language Models');
        assert.equal(Number(p['latest_version']), 3);
        assert.equal(p['comment'], '14 pages, 5 figures');
        assert.equal(Number(p['upvotes']), 42);
        assert.equal(p['thumbnail'], 'https://cdn-thumbnails.example.org/papers/2506.90001.png');
        assert.equal(await count(db, 'daily_entries'), 2);
      } finally { await drop(); }
    });

    it('drains the keyword index during long imports', async () => {
      const { db, drop } = await backend.create();
      try {
        const d = deps(db);
        await importFiles(d, [fx('minicacm'), fx('minicisi'), fx('daily')], { batchSize: 1, indexEvery: 2 });
        assert.ok(d.indexed >= 3, `indexed ${d.indexed} times`);
      } finally { await drop(); }
    });
  });
}
