import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { upsertRecords } from '../src/store/papers-write.js';
import { collectStats } from '../src/store/stats.js';
import { formatStats } from '../src/cli/stats.js';
import { backends, type FreshDb } from './helpers/databases.js';
import { paperRecord } from './helpers/paper-records.js';
import { runCli } from './helpers/cli-process.js';

for (const backend of backends()) {
  describe(`paperboy stats (${backend.name})`, () => {
    let fresh: FreshDb;
    before(async () => {
      fresh = await backend.create();
      await upsertRecords(fresh.db, [
        paperRecord('2501.00001', { sourceName: 'hf-daily', listing: { day: '2025-03-18' }, organization: { name: 'acme', fullname: 'Acme Labs' } }),
        paperRecord('2501.00002', { sourceName: 'hf-daily', listing: { day: '2025-03-19' }, authors: ['Grace Hopper'], categories: ['cs.CV'] }),
        paperRecord('2501.00002', { sourceName: 'hf-daily', listing: { day: '2025-03-18' } }),
        paperRecord('2501.00003', { sourceName: 'arxiv-rss', versions: [{ version: 1, date: null }], publishedAt: '2025-03-18T00:00:00.000Z', publishedFrom: 'listing' }),
        paperRecord('2501.00004', { sourceName: 'jsonl', versions: [], abstract: '' }),
      ]);
    });
    after(async () => {
      await fresh.drop();
    });

    it('counts what the store holds', async () => {
      const s = await collectStats(fresh.db);
      assert.equal(s.papers, 4);
      assert.deepEqual(s.gaps, { undated: 1, listingDated: 1, withoutAbstract: 1, votesUncounted: 2 });
      assert.deepEqual(s.embeddings, { models: [], pending: 4, building: null });
      assert.deepEqual(s.harvests, []);
      assert.equal(s.authors, 3);
      assert.equal(s.organizations, 1);
      assert.equal(s.featuredDays, 2);
      assert.equal(s.dailyEntries, 3);
      assert.equal(s.categories, 3);
      assert.deepEqual(s.sources, { 'arxiv-rss': 1, 'hf-daily': 3, jsonl: 1 });
      assert.equal(s.searchDocs, 0);
      assert.equal(s.searchPending, 4);
      assert.equal(s.newestFeaturedDay, '2025-03-19');
      assert.equal(s.database, fresh.db.location);
      assert.ok(s.databaseBytes > 0);
    });

    it('reports the newest harvest of each source, and when one last finished', async () => {
      const save = (key: string, status: string, at: string) =>
        fresh.db.run('INSERT INTO harvest_state (key, state, status, updated_at) VALUES (?, ?, ?, ?)', [key, '{}', status, at]);
      await save('hf-daily?from=2026-11-29&until=2026-12-05', 'done', '2026-12-05T14:05:00.000Z');
      await save('hf-daily?from=2026-11-30&until=2026-12-06', 'failed', '2026-12-06T14:05:09.000Z');
      await save('arxiv-rss?categories=cs.CL', 'done', '2026-12-06T00:10:00.000Z');
      await save('arxiv-oai?from=2026-12-01', 'running', '2026-12-06T01:00:00.000Z');
      const s = await collectStats(fresh.db);
      assert.deepEqual(s.harvests, [
        { source: 'arxiv-oai', status: 'running', at: '2026-12-06T01:00:00.000Z', lastDone: null },
        { source: 'arxiv-rss', status: 'done', at: '2026-12-06T00:10:00.000Z', lastDone: '2026-12-06T00:10:00.000Z' },
        { source: 'hf-daily', status: 'failed', at: '2026-12-06T14:05:09.000Z', lastDone: '2026-12-05T14:05:00.000Z' },
      ]);
      const text = formatStats(s);
      assert.match(text, /^harvests$/m);
      assert.match(text, /^ {2}hf-daily +failed 2026-12-06 14:05 UTC \(last done 2026-12-05 14:05 UTC\)$/m);
      assert.match(text, /^ {2}arxiv-rss +done 2026-12-06 00:10 UTC$/m);
      assert.match(text, /^ {2}arxiv-oai +running 2026-12-06 01:00 UTC \(never done\)$/m);
      await fresh.db.run('DELETE FROM harvest_state');
    });

    it('prints one JSON object with --json', async () => {
      const run = await runCli(['stats', '--json'], { DATABASE_URL: fresh.url });
      assert.equal(run.code, 0, run.stderr);
      const lines = run.stdout.trim().split('\n');
      assert.equal(lines.length, 1);
      const s = JSON.parse(lines[0]!);
      assert.equal(s.papers, 4);
      assert.deepEqual(s.sources, { 'arxiv-rss': 1, 'hf-daily': 3, jsonl: 1 });
      assert.equal(typeof s.databaseBytes, 'number');
      assert.doesNotMatch(run.stdout, /password|secret/i);
    });

    it('prints an aligned table for people', async () => {
      const run = await runCli(['stats'], { DATABASE_URL: fresh.url });
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /^papers +4$/m);
      assert.match(run.stdout, /^ {2}undated +1 \(no source gave a date; pages show the month of the arXiv id\)$/m);
      assert.match(run.stdout, /^ {2}dated by a listing +1 \(no source gave a date; the day a daily listing showed them, pages say "Listed"\)$/m);
      assert.match(run.stdout, /^ {2}no upvotes +2 \(known only from arXiv, never on Daily Papers\)$/m);
      assert.match(run.stdout, /^embeddings +no model yet \(built by `serve` or `paperboy reindex`\), 4 waiting$/m);
      assert.match(run.stdout, /^featured days +2 \(newest 2025-03-19\)$/m);
      assert.match(run.stdout, /^ {2}hf-daily +3$/m);
    });
  });
}

describe('paperboy stats formatting', () => {
  it('says so when there is nothing yet', () => {
    const text = formatStats({
      papers: 0, authors: 0, organizations: 0, featuredDays: 0, dailyEntries: 0, categories: 0, sources: {},
      searchDocs: 0, searchPending: 0, newestFeaturedDay: null, database: 'SQLite /tmp/x.db', databaseBytes: 4096, harvests: [],
      gaps: { undated: 0, listingDated: 0, withoutAbstract: 0, votesUncounted: 0 }, embeddings: { models: [], pending: 0, building: null },
    });
    assert.match(text, /^database +SQLite \/tmp\/x\.db \(4\.0 KB\)$/m);
    assert.match(text, /^source records +none$/m);
    assert.doesNotMatch(text, /newest/);
    assert.doesNotMatch(text, /undated|no abstract|no upvotes/, 'no gap lines when nothing is missing');
    assert.match(text, /^embeddings +no model yet \(built by `serve` or `paperboy reindex`\)$/m);
    assert.match(text, /^harvests +none yet/m);
  });

  it('lists each active embedding model with its papers', () => {
    const text = formatStats({
      papers: 5, authors: 0, organizations: 0, featuredDays: 0, dailyEntries: 0, categories: 0, sources: {},
      searchDocs: 5, searchPending: 0, newestFeaturedDay: null, database: 'SQLite /tmp/x.db', databaseBytes: 4096, harvests: [],
      gaps: { undated: 0, listingDated: 0, withoutAbstract: 0, votesUncounted: 0 }, embeddings: { models: [{ kind: 'lsa', name: 'lsa-64', papers: 12345 }], pending: 7, building: null },
    });
    assert.match(text, /^embeddings +12,345 papers \(lsa lsa-64\), 7 waiting$/m);
    assert.doesNotMatch(text, /being built/);
  });

  it('shows how far a model being built has got, beside the one in use or alone', () => {
    const base = {
      papers: 80317, authors: 0, organizations: 0, featuredDays: 0, dailyEntries: 0, categories: 0, sources: {},
      searchDocs: 5, searchPending: 0, newestFeaturedDay: null, database: 'SQLite /tmp/x.db', databaseBytes: 4096, harvests: [],
      gaps: { undated: 0, listingDated: 0, withoutAbstract: 0, votesUncounted: 0 },
    };
    const building = { kind: 'lsa', name: 'lsa', papers: 12000 };
    const first = formatStats({ ...base, embeddings: { models: [], pending: 0, building } });
    assert.match(first, /^embeddings +no model yet \(built by `serve` or `paperboy reindex`\)\n {2}being built +12,000 of 80,317 papers \(lsa\)$/m);
    const next = formatStats({ ...base, embeddings: { models: [{ kind: 'lsa', name: 'lsa', papers: 40000 }], pending: 0, building } });
    assert.match(next, /^embeddings +40,000 papers \(lsa\)\n {2}being built +12,000 of 80,317 papers \(lsa\)$/m);
  });

  it('refuses an unmigrated database with the migrate hint', async () => {
    const fresh = await backends()[0]!.create({ migrated: false });
    try {
      const run = await runCli(['stats', '--json'], { DATABASE_URL: fresh.url });
      assert.equal(run.code, 2);
      assert.match(run.stderr, /run `paperboy migrate`/);
    } finally {
      await fresh.drop();
    }
  });
});
