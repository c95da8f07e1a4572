import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './helpers/cli-process.js';
import { backends } from './helpers/databases.js';
import { topicPapers, topicPaperId } from './helpers/topic-papers.js';
import { writeJsonl } from './helpers/topic-jsonl.js';
import { openDatabase } from '../src/db/connect.js';

// Imports run on a worker thread, which the -e launcher of runCli cannot start: the real bin imports.
const BIN = fileURLToPath(new URL('../../bin/paperboy.js', import.meta.url));

describe('paperboy copy (CLI)', () => {
  let dir = '';
  let source = '';
  const cli = (db: string, ...args: string[]) => runCli(args, { DATABASE_URL: db }, 60_000);
  /** What a user sees of an instance: a search, similar papers, the stats' paper count. */
  const answers = async (db: string): Promise<string[]> => {
    const out: string[] = [];
    for (const args of [['search', 'protein folding', '--limit', '5', '--json'], ['similar', topicPaperId(2, 0), '--limit', '5', '--json'], ['subscribers', 'list', '--json']]) {
      const r = await cli(db, ...args);
      assert.equal(r.code, 0, r.stderr);
      out.push(r.stdout);
    }
    return out;
  };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'paperboy-copy-cli-'));
    source = join(dir, 'source.db');
    const file = join(dir, 'topics', 'papers.jsonl');
    mkdirSync(join(dir, 'topics'));
    writeJsonl(file, topicPapers().records);
    assert.equal((await cli(source, 'migrate')).code, 0);
    const imp = spawnSync(process.execPath, [BIN, 'import', file, '--json'], { env: { ...process.env, DATABASE_URL: source }, encoding: 'utf8' });
    assert.equal(imp.status, 0, imp.stderr);
    assert.equal((await cli(source, 'reindex', '--json')).code, 0);
    assert.equal((await cli(source, 'subscribers', 'add', 'reader@example.org', '--confirmed')).code, 0);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('copies into a new SQLite file that answers exactly as the source does', async () => {
    const target = join(dir, 'backup.db');
    const r = await cli(source, 'copy', target);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^copied [\d,]+ rows \(80 papers, 1 subscriber\) from SQLite .*source\.db to SQLite .*backup\.db in [\d.]+ s\n/);
    assert.deepEqual(await answers(target), await answers(source));
  });

  for (const b of backends().filter((x) => x.name === 'postgres')) {
    it('moves to PostgreSQL and back without a difference', async () => {
      const pg = await b.create({ migrated: false });
      const back = join(dir, 'back.db');
      try {
        const there = await cli(source, 'copy', pg.url, '--json');
        assert.equal(there.code, 0, there.stderr);
        const report = JSON.parse(there.stdout) as { rows: number; tables: Record<string, number>; target: string };
        assert.equal(report.tables['papers'], 80);
        assert.ok(!report.target.includes('@'), 'no credentials in the report');
        assert.deepEqual(await answers(pg.url), await answers(source));
        assert.equal((await cli(pg.url, 'copy', back)).code, 0);
        assert.deepEqual(await answers(back), await answers(source));
      } finally {
        await pg.drop();
      }
    });
  }

  it('refuses a target with data, itself and an unknown address, changing nothing', async () => {
    const target = join(dir, 'twice.db');
    assert.equal((await cli(source, 'copy', target)).code, 0);
    const again = await cli(source, 'copy', target);
    assert.equal(again.code, 2);
    assert.match(again.stderr, /paperboy: copy: SQLite .*twice\.db already holds data \(80 rows in papers\)/);
    const self = await cli(source, 'copy', source);
    assert.equal(self.code, 2);
    assert.match(self.stderr, /is the database being copied/);
    const bad = await cli(source, 'copy', 'mysql://localhost/papers');
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /copy: TARGET: unsupported scheme/);
    assert.deepEqual(await answers(target), await answers(source));
  });

  it('writes nothing into an existing database when the source holds a table it does not know', async () => {
    const odd = join(dir, 'odd.db');
    assert.equal((await cli(source, 'copy', odd)).code, 0);
    const db = openDatabase(odd);
    await db.exec('CREATE TABLE reading_lists (id INTEGER PRIMARY KEY)');
    await db.close();
    const target = join(dir, 'empty.db');
    assert.equal((await cli(target, 'migrate')).code, 0);
    const r = await cli(odd, 'copy', target);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /reading_lists are not in COPIED_TABLES/);
    const stats = await cli(target, 'stats', '--json');
    assert.equal(JSON.parse(stats.stdout).papers, 0);
  });

  for (const b of backends().filter((x) => x.name === 'postgres')) {
    it('removes a SQLite file it created when the copy fails', async () => {
      const pg = await b.create();
      try {
        assert.equal((await cli(source, 'copy', pg.url)).code, 0);
        await pg.db.exec('CREATE TABLE reading_lists (id INTEGER PRIMARY KEY)');
        const target = join(dir, 'never.db');
        const r = await cli(pg.url, 'copy', target);
        assert.equal(r.code, 1);
        assert.match(r.stderr, /reading_lists are not in COPIED_TABLES/);
        assert.equal(existsSync(target), false);
        assert.equal(existsSync(`${target}-wal`), false);
      } finally {
        await pg.drop();
      }
    });
  }
});
