import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './helpers/cli-process.js';
import { topicPapers, topicPaperId } from './helpers/topic-papers.js';
import { writeJsonl } from './helpers/topic-jsonl.js';

// Imports run on a worker thread, which the -e launcher of runCli cannot start: the real bin imports.
const BIN = fileURLToPath(new URL('../../bin/paperboy.js', import.meta.url));

describe('paperboy search --mode, similar, recommend, reindex (CLI)', () => {
  let dir = '';
  let env: Record<string, string> = {};
  const { records, topicOf } = topicPapers();
  const cli = (...args: string[]) => runCli(args, env, 60_000);

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'paperboy-semantic-cli-'));
    env = { DATABASE_URL: join(dir, 'cli.db') };
    const file = join(dir, 'topics', 'papers.jsonl');
    mkdirSync(join(dir, 'topics'));
    writeJsonl(file, records);
    assert.equal((await cli('migrate')).code, 0);
    const imp = spawnSync(process.execPath, [BIN, 'import', file, '--json'], { env: { ...process.env, ...env }, encoding: 'utf8' });
    assert.equal(imp.status, 0, imp.stderr);
    assert.equal(JSON.parse(imp.stdout).added, 80);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('searches in every mode, hybrid by default, printing [{id, title, score}]', async () => {
    for (const mode of [[], ['--mode', 'semantic'], ['--mode', 'keyword'], ['--mode', 'hybrid']]) {
      const r = await cli('search', 'protein folding', ...mode, '--limit', '5', '--json');
      assert.equal(r.code, 0, r.stderr);
      const hits = JSON.parse(r.stdout) as Array<{ id: string; title: string; score: number }>;
      assert.equal(hits.length, 5, mode.join(' '));
      assert.deepEqual(Object.keys(hits[0]!), ['id', 'title', 'score']);
      assert.ok(hits.every((h) => topicOf.get(h.id) === 'protein'));
    }
    const text = await cli('search', 'dark halo', '--mode', 'semantic', '--limit', '3');
    assert.equal(text.code, 0);
    assert.match(text.stdout, /semantic ranking/);
    const listing = await cli('search', 'category:cs.DS year:2024', '--limit', '3');
    assert.equal(listing.code, 0, listing.stderr);
    assert.match(listing.stdout, /^10 matching paper\(s\), filters only, newest first$/m);
    const bad = await cli('search', 'x', '--mode', 'vector');
    assert.equal(bad.code, 2, bad.stderr);
    assert.match(bad.stderr, /--mode must be keyword, semantic or hybrid/);
  });

  it('prints similar papers best first as [{id, score}], ranking the whole corpus when asked', async () => {
    const r = await cli('similar', topicPaperId(2, 0), '--limit', '1000', '--json');
    assert.equal(r.code, 0, r.stderr);
    const hits = JSON.parse(r.stdout) as Array<{ id: string; score: number }>;
    assert.deepEqual(Object.keys(hits[0]!), ['id', 'score']);
    assert.equal(hits.length, 79);
    assert.ok(hits.slice(0, 19).every((h) => topicOf.get(h.id) === 'galaxy'));
    for (let i = 1; i < hits.length; i++) assert.ok(hits[i - 1]!.score >= hits[i]!.score);
    const human = await cli('similar', topicPaperId(2, 0), '--limit', '2');
    assert.match(human.stdout, /words: .*topics: /);
    const unknown = await cli('similar', '9999.99999', '--json');
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /no paper with id/);
  });

  it('recommends from liked and disliked papers', async () => {
    const r = await cli('recommend', '--positive', topicPaperId(3, 0), topicPaperId(3, 1), '--negative', topicPaperId(0, 0), '--limit', '5', '--json');
    assert.equal(r.code, 0, r.stderr);
    const hits = JSON.parse(r.stdout) as Array<{ id: string; score: number }>;
    assert.equal(hits.length, 5);
    assert.ok(hits.every((h) => topicOf.get(h.id) === 'graph'));
    const none = await cli('recommend', '--negative', topicPaperId(3, 0));
    assert.equal(none.code, 2);
    const unknown = await cli('recommend', '--positive', '9999.99999', '--json');
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown paper id/);
  });

  it('reindexes everything and prints a JSON summary', async () => {
    const r = await cli('reindex', '--json');
    assert.equal(r.code, 0, r.stderr);
    const s = JSON.parse(r.stdout);
    assert.equal(s.model, 'lsa');
    assert.equal(s.papers, 80);
    assert.ok(s.seconds >= 0 && s.papersPerSecond > 0);
    const after = await cli('search', 'graph coloring', '--mode', 'semantic', '--limit', '3', '--json');
    assert.ok((JSON.parse(after.stdout) as Array<{ id: string }>).every((h) => topicOf.get(h.id) === 'graph'));
  });
});
