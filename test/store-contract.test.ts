import { describe, it, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import type { Db } from '../src/db/db.js';
import { LATEST_VERSION, MIGRATIONS, migrate, schemaProblem, schemaStatus } from '../src/db/migrate.js';
import { upsertRecords } from '../src/store/papers-write.js';
import { getPaper, latestListing, latestPapers } from '../src/store/papers-read.js';
import { searchIndexStore } from '../src/store/search-index-store.js';
import { backends, beforeMigration, type FreshDb } from './helpers/databases.js';
import { paperRecord } from './helpers/paper-records.js';
import { runCli } from './helpers/cli-process.js';

const TABLES = ['papers', 'authors', 'paper_categories', 'organizations', 'daily_entries', 'source_records', 'search_pending'];

async function tableCounts(db: Db): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of TABLES) out[t] = Number((await db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${t}`))!.n);
  return out;
}

async function authorsInOrder(db: Db, paperId: string): Promise<string[]> {
  const row = await db.get<{ authors: string }>('SELECT authors FROM papers WHERE paper_id = ?', [paperId]);
  const names = JSON.parse(row?.authors ?? '[]') as string[];
  // Every name is also in the authors table (for counts).
  for (const n of names) assert.ok(await db.get('SELECT name FROM authors WHERE name = ?', [n]), n);
  return names;
}

async function pendingIds(db: Db): Promise<string[]> {
  const rows = await db.all<{ paper_id: string }>('SELECT p.paper_id FROM search_pending s JOIN papers p ON p.id = s.paper_id ORDER BY p.paper_id');
  return rows.map((r) => r.paper_id);
}

const V1 = '2025-03-17T17:59:00.000Z';
const V2 = '2025-04-02T09:00:00.000Z';

for (const backend of backends()) {
  describe(`store contract (${backend.name})`, () => {
    let fresh: FreshDb;
    let db: Db;
    beforeEach(async () => {
      fresh = await backend.create();
      db = fresh.db;
    });
    afterEach(async () => {
      await fresh.drop();
    });

    it('counts added, updated and unchanged papers per batch', async () => {
      assert.deepEqual(await upsertRecords(db, [paperRecord('2501.00001'), paperRecord('2501.00002')]), { added: 2, updated: 0, unchanged: 0 });
      assert.deepEqual(await upsertRecords(db, [paperRecord('2501.00001'), paperRecord('2501.00002')]), { added: 0, updated: 0, unchanged: 2 });
      assert.deepEqual(await upsertRecords(db, [paperRecord('2501.00001', { upvotes: 5 }), paperRecord('2501.00002')]), { added: 0, updated: 1, unchanged: 1 });
      // Two records of one new paper in a batch are one added paper.
      assert.deepEqual(await upsertRecords(db, [paperRecord('2501.00003'), paperRecord('2501.00003', { upvotes: 2, sourceName: 'hf-daily' })]), { added: 1, updated: 0, unchanged: 0 });
      assert.deepEqual(await upsertRecords(db, []), { added: 0, updated: 0, unchanged: 0 });
    });

    it('is idempotent: the same batch twice changes no row', async () => {
      const batch = [
        paperRecord('2501.00001', { listing: { day: '2025-03-18', submittedBy: 'akhaliq', submitterName: 'AK' }, organization: { name: 'acme', fullname: 'Acme Labs' }, upvotes: 12 }),
        paperRecord('2501.00002', { authors: ['Grace Hopper', 'Ada Lovelace', 'Edsger Dijkstra'] }),
        paperRecord('hep-th/9901001', { categories: ['hep-th'], primaryCategory: 'hep-th' }),
      ];
      await upsertRecords(db, batch);
      const counts = await tableCounts(db);
      const papers = await db.all('SELECT * FROM papers ORDER BY id');
      assert.deepEqual(await upsertRecords(db, batch), { added: 0, updated: 0, unchanged: 3 });
      assert.deepEqual(await tableCounts(db), counts);
      assert.deepEqual(await db.all('SELECT * FROM papers ORDER BY id'), papers);
      assert.deepEqual(counts, { papers: 3, authors: 4, paper_categories: 5, organizations: 1, daily_entries: 1, source_records: 3, search_pending: 3 });
    });

    it('lets a second source fill blanks but never blank a field', async () => {
      await upsertRecords(db, [paperRecord('2501.00001', { title: 'Original title', comment: '12 pages', abstract: 'The arXiv abstract.' })]);
      await upsertRecords(db, [paperRecord('2501.00001', {
        sourceName: 'hf-daily', title: 'Another title', abstract: null, comment: null, versions: null, authors: [],
        githubRepo: 'https://github.com/acme/tool', aiKeywords: ['retrieval'], organization: { name: 'acme', fullname: 'Acme Labs' },
      })]);
      const p = (await getPaper(db, '2501.00001'))!;
      assert.equal(p.title, 'Original title');
      assert.equal(p.abstract, 'The arXiv abstract.');
      assert.equal(p.comment, '12 pages');
      assert.deepEqual(p.authors, ['Ada Lovelace', 'Alan Turing']);
      assert.equal(p.githubRepo, 'https://github.com/acme/tool');
      assert.deepEqual(p.aiKeywords, ['retrieval']);
      assert.equal(p.organization, 'acme');
      assert.equal(p.organizationName, 'Acme Labs');
      assert.equal(p.absUrl, 'https://arxiv.org/abs/2501.00001');
      assert.equal(p.pdfUrl, 'https://arxiv.org/pdf/2501.00001');
    });

    it('lets a strictly newer arXiv version overwrite text; versions union; publishedAt stays v1', async () => {
      await upsertRecords(db, [paperRecord('2501.00001', { title: 'Old title', authors: ['A', 'B'] })]);
      await upsertRecords(db, [paperRecord('2501.00001', { title: 'New title', authors: ['B', 'C', 'A'], versions: [{ version: 2, date: V2 }], publishedAt: V2 })]);
      let p = (await getPaper(db, '2501.00001'))!;
      assert.equal(p.title, 'New title');
      assert.deepEqual(p.versions, [{ version: 1, date: V1 }, { version: 2, date: V2 }]);
      assert.equal(p.latestVersion, 2);
      assert.equal(p.publishedAt, V1);
      assert.equal(p.updatedAt, V2);
      assert.deepEqual(await authorsInOrder(db, '2501.00001'), ['B', 'C', 'A']);
      // An older version arriving later (a re-import of an old file) changes nothing.
      await upsertRecords(db, [paperRecord('2501.00001', { title: 'Old title', authors: ['A', 'B'] })]);
      p = (await getPaper(db, '2501.00001'))!;
      assert.equal(p.title, 'New title');
      assert.deepEqual(await authorsInOrder(db, '2501.00001'), ['B', 'C', 'A']);
    });

    it('takes publishedAt from v1 even when another source gave an earlier or later date first', async () => {
      await upsertRecords(db, [paperRecord('2501.00001', { versions: null, publishedAt: '2025-03-20T00:00:00.000Z', sourceName: 'hf-daily' })]);
      assert.equal((await getPaper(db, '2501.00001'))!.publishedAt, '2025-03-20T00:00:00.000Z');
      await upsertRecords(db, [paperRecord('2501.00001', { publishedAt: '2025-01-01T00:00:00.000Z' })]);
      assert.equal((await getPaper(db, '2501.00001'))!.publishedAt, V1);
      assert.equal((await getPaper(db, '2501.00001'))!.publishedFrom, 'version');
    });

    it('records where the date comes from: a source\'s date replaces a listing\'s day, never the reverse', async () => {
      const dated = async (id: string) => { const p = (await getPaper(db, id))!; return [p.publishedAt, p.publishedFrom]; };
      const listed = (id: string, day: string) => paperRecord(id, { sourceName: 'arxiv-rss', versions: null, publishedAt: `${day}T00:00:00.000Z`, publishedFrom: 'listing' });
      await upsertRecords(db, [listed('2501.00002', '2025-03-20')]);
      assert.deepEqual(await dated('2501.00002'), ['2025-03-20T00:00:00.000Z', 'listing']);
      await upsertRecords(db, [listed('2501.00002', '2025-03-19')]);
      assert.deepEqual(await dated('2501.00002'), ['2025-03-19T00:00:00.000Z', 'listing']);
      await upsertRecords(db, [paperRecord('2501.00002', { sourceName: 'hf-daily', versions: null, publishedAt: '2025-03-19T16:00:00.000Z' })]);
      assert.deepEqual(await dated('2501.00002'), ['2025-03-19T16:00:00.000Z', 'source']);
      await upsertRecords(db, [listed('2501.00002', '2025-03-18')]);
      assert.deepEqual(await dated('2501.00002'), ['2025-03-19T16:00:00.000Z', 'source']);
      await upsertRecords(db, [paperRecord('2501.00002', { sourceName: 'hf-daily', versions: null, publishedAt: '2025-03-17T16:00:00.000Z' })]);
      assert.deepEqual(await dated('2501.00002'), ['2025-03-17T16:00:00.000Z', 'source']);
      // A date stored before origins were recorded counts as a source's: a listing's midnight of the
      // same day does not replace its time, and a listing of exactly that date names its origin.
      await db.run('UPDATE papers SET published_from = NULL WHERE paper_id = ?', ['2501.00002']);
      await upsertRecords(db, [listed('2501.00002', '2025-03-17')]);
      assert.deepEqual(await dated('2501.00002'), ['2025-03-17T16:00:00.000Z', null]);
      await upsertRecords(db, [listed('2501.00003', '2025-03-21')]);
      await db.run('UPDATE papers SET published_from = NULL WHERE paper_id = ?', ['2501.00003']);
      await upsertRecords(db, [listed('2501.00003', '2025-03-21')]);
      assert.deepEqual(await dated('2501.00003'), ['2025-03-21T00:00:00.000Z', 'listing']);
    });

    it('keeps the largest upvotes, stars and comment counts seen', async () => {
      await upsertRecords(db, [paperRecord('2501.00001', { upvotes: 10, githubStars: 3, numComments: 4, sourceName: 'hf-daily' })]);
      await upsertRecords(db, [paperRecord('2501.00001', { upvotes: 4, githubStars: 9, numComments: 1, sourceName: 'hf-daily' })]);
      const p = (await getPaper(db, '2501.00001'))!;
      assert.equal(p.upvotes, 10);
      assert.equal(p.githubStars, 9);
      assert.equal(p.numComments, 4);
    });

    it('counts upvotes only where a source counted them: an arXiv-only paper has none, not 0', async () => {
      await upsertRecords(db, [paperRecord('2501.00001'), paperRecord('2501.00002')]);
      assert.equal((await getPaper(db, '2501.00001'))!.votesKnown, false);
      // Featured with no vote yet: 0 is a real count.
      await upsertRecords(db, [paperRecord('2501.00001', { sourceName: 'hf-daily', upvotes: 0, listing: { day: '2025-03-18' } })]);
      await upsertRecords(db, [paperRecord('2501.00002', { sourceName: 'jsonl', numComments: 2 })]);
      // A later arXiv record, which counts nothing, does not forget the counts.
      assert.deepEqual(await upsertRecords(db, [paperRecord('2501.00001', { title: 'Retitled' }), paperRecord('2501.00002')]), { added: 0, updated: 1, unchanged: 1 });
      for (const id of ['2501.00001', '2501.00002']) assert.equal((await getPaper(db, id))!.votesKnown, true, id);
      assert.equal((await latestPapers(db, { limit: 5 })).filter((p) => p.votesKnown).length, 2);
    });

    it('stores authors in order and categories with the primary one marked', async () => {
      await upsertRecords(db, [
        paperRecord('2501.00001', { authors: ['Zoe', 'Yann', 'Xavier'], categories: ['cs.LG', 'cs.CL', 'stat.ML'], primaryCategory: 'cs.CL' }),
        paperRecord('2501.00002', { categories: ['cs.CV', 'cs.AI'], primaryCategory: null }),
      ]);
      assert.deepEqual(await authorsInOrder(db, '2501.00001'), ['Zoe', 'Yann', 'Xavier']);
      const cats = await db.all<{ paper_id: string; category: string; is_primary: number }>(
        'SELECT p.paper_id, c.category, c.is_primary FROM paper_categories c JOIN papers p ON p.id = c.paper_id ORDER BY p.paper_id, c.category',
      );
      assert.deepEqual(cats.map((c) => [c.paper_id, c.category, Number(c.is_primary)]), [
        ['2501.00001', 'cs.CL', 1], ['2501.00001', 'cs.LG', 0], ['2501.00001', 'stat.ML', 0],
        ['2501.00002', 'cs.AI', 0], ['2501.00002', 'cs.CV', 1],
      ]);
      assert.equal((await getPaper(db, '2501.00002'))!.primaryCategory, 'cs.CV');
    });

    it('records listings by day with the submitter, filling a missing submitter later', async () => {
      await upsertRecords(db, [
        paperRecord('2501.00001', { sourceName: 'hf-daily', upvotes: 3, listing: { day: '2025-03-18' } }),
        paperRecord('2501.00002', { sourceName: 'hf-daily', upvotes: 9, listing: { day: '2025-03-18', submittedBy: 'akhaliq', submitterName: 'AK' } }),
      ]);
      const counts = await upsertRecords(db, [
        paperRecord('2501.00001', { sourceName: 'hf-daily', upvotes: 3, listing: { day: '2025-03-18', submittedBy: 'osanseviero', submitterName: 'Omar', submittedAt: '2025-03-18T08:00:00.000Z' } }),
        paperRecord('2501.00001', { sourceName: 'hf-daily', upvotes: 3, listing: { day: '2025-03-19' } }),
      ]);
      assert.equal(counts.updated, 1);
      const listing = await latestListing(db, { limit: 10 });
      assert.deepEqual(listing.map((e) => [e.day, e.paper.paperId, e.submittedBy]), [
        ['2025-03-19', '2501.00001', null],
        ['2025-03-18', '2501.00002', 'akhaliq'],
        ['2025-03-18', '2501.00001', 'osanseviero'],
      ]);
      assert.equal(listing[1]!.submitterName, 'AK');
      assert.deepEqual((await getPaper(db, '2501.00001'))!.listingDays, ['2025-03-18', '2025-03-19']);
      assert.deepEqual((await latestListing(db, { limit: 1, offset: 1 })).map((e) => e.paper.paperId), ['2501.00002']);
    });

    it('keeps organizations once, filling missing details without overwriting', async () => {
      await upsertRecords(db, [paperRecord('2501.00001', { sourceName: 'hf-daily', organization: { name: 'acme', fullname: 'Acme Labs' } })]);
      await upsertRecords(db, [paperRecord('2501.00002', { sourceName: 'hf-daily', organization: { name: 'acme', fullname: 'ACME Inc', avatarUrl: 'https://example.org/a.png' } })]);
      const orgs = await db.all<{ name: string; fullname: string; avatar_url: string }>('SELECT name, fullname, avatar_url FROM organizations');
      assert.deepEqual(orgs.map((o) => ({ ...o })), [{ name: 'acme', fullname: 'Acme Labs', avatar_url: 'https://example.org/a.png' }]);
      assert.equal((await getPaper(db, '2501.00002'))!.organizationName, 'Acme Labs');
    });

    it('keeps each distinct raw source record once', async () => {
      const a = paperRecord('2501.00001');
      await upsertRecords(db, [a, a]);
      await upsertRecords(db, [a]);
      await upsertRecords(db, [paperRecord('2501.00001', { upvotes: 3, sourceName: 'hf-daily' })]);
      await upsertRecords(db, [paperRecord('2501.00001', { comment: 'v1 comment' })]);
      const rows = await db.all<{ source: string; n: number }>('SELECT source, COUNT(*) AS n FROM source_records GROUP BY source ORDER BY source');
      assert.deepEqual(rows.map((r) => [r.source, Number(r.n)]), [['arxiv-api', 2], ['hf-daily', 1]]);
      const payloads = await db.all<{ payload: string }>("SELECT payload FROM source_records WHERE source = 'hf-daily'");
      assert.equal(JSON.parse(payloads[0]!.payload).upvotes, 3);
    });

    it('queues only papers whose searchable text changed for the search index', async () => {
      await upsertRecords(db, [paperRecord('2501.00001'), paperRecord('2501.00002')]);
      assert.deepEqual(await pendingIds(db), ['2501.00001', '2501.00002']);
      await db.run('DELETE FROM search_pending');
      await upsertRecords(db, [paperRecord('2501.00001', { upvotes: 50, sourceName: 'hf-daily' }), paperRecord('2501.00002')]);
      assert.deepEqual(await pendingIds(db), []);
      await upsertRecords(db, [paperRecord('2501.00002', { abstract: 'A rewritten abstract.', versions: [{ version: 2, date: V2 }] })]);
      assert.deepEqual(await pendingIds(db), ['2501.00002']);
    });

    it('leaves nothing half-written when a batch fails part-way', async () => {
      await upsertRecords(db, [paperRecord('2501.00001', { title: 'Kept title' })]);
      const before = await tableCounts(db);
      const papers = await db.all('SELECT * FROM papers ORDER BY id');
      // A null author name passes the merge but violates NOT NULL after the papers were written.
      const broken = paperRecord('2501.00003', { authors: [null as unknown as string] });
      await assert.rejects(upsertRecords(db, [
        paperRecord('2501.00001', { title: 'Changed title', versions: [{ version: 2, date: V2 }] }),
        paperRecord('2501.00002'),
        broken,
      ]), /NOT NULL|null value/i);
      assert.deepEqual(await tableCounts(db), before);
      assert.deepEqual(await db.all('SELECT * FROM papers ORDER BY id'), papers);
      // An error thrown by the caller inside an enclosing transaction rolls the batch back too.
      await assert.rejects(db.transaction(async (tx) => {
        await upsertRecords(tx, [paperRecord('2501.00004')]);
        throw new Error('interrupted');
      }), /interrupted/);
      assert.deepEqual(await tableCounts(db), before);
      // The connection is usable afterwards.
      assert.deepEqual(await upsertRecords(db, [paperRecord('2501.00002')]), { added: 1, updated: 0, unchanged: 0 });
    });

    it('lists the newest papers by publication date, undated ones last, with paging', async () => {
      await upsertRecords(db, [
        paperRecord('2501.00001', { versions: [{ version: 1, date: '2025-01-01T00:00:00.000Z' }] }),
        paperRecord('2501.00002', { versions: [{ version: 1, date: '2025-03-01T00:00:00.000Z' }] }),
        paperRecord('2501.00003', { versions: null }),
        paperRecord('2501.00004', { versions: [{ version: 1, date: '2025-02-01T00:00:00.000Z' }] }),
      ]);
      const ids = async (limit: number, offset = 0): Promise<string[]> => (await latestPapers(db, { limit, offset })).map((p) => p.paperId);
      assert.deepEqual(await ids(10), ['2501.00002', '2501.00004', '2501.00001', '2501.00003']);
      assert.deepEqual(await ids(2), ['2501.00002', '2501.00004']);
      assert.deepEqual(await ids(2, 2), ['2501.00001', '2501.00003']);
      assert.deepEqual(await ids(2, 3), ['2501.00003']);
      assert.deepEqual(await ids(0), []);
      assert.equal(await getPaper(db, 'nope'), null);
    });
  });

  describe(`migrations (${backend.name})`, () => {
    it('migrates a fresh database to the latest version, once', async () => {
      const fresh = await backend.create({ migrated: false });
      try {
        const before = await schemaStatus(fresh.db);
        assert.equal(before.state, 'behind');
        assert.match(schemaProblem(before, fresh.db.location)!, /run `paperboy migrate`/);
        assert.deepEqual(await migrate(fresh.db), MIGRATIONS.map((m) => m.version));
        const after = await schemaStatus(fresh.db);
        assert.deepEqual(after, { current: LATEST_VERSION, latest: LATEST_VERSION, state: 'current' });
        assert.equal(schemaProblem(after, fresh.db.location), null);
        assert.deepEqual(await migrate(fresh.db), []);
      } finally {
        await fresh.drop();
      }
    });

    it('marks, when upgrading, the papers whose upvotes a source counted (migration 8)', () => beforeMigration(backend, 8, async (db, upgrade) => {
      const add = (id: string, upvotes: number, comments: number) => db.run(
        'INSERT INTO papers (paper_id, title, upvotes, num_comments, first_seen_at, last_changed_at) VALUES (?, ?, ?, ?, ?, ?)', [id, id, upvotes, comments, V1, V1]);
      for (const [id, up, c] of [['featured', 0, 0], ['voted', 3, 0], ['discussed', 0, 1], ['arxiv-only', 0, 0]] as const) await add(id, up, c);
      await db.run("INSERT INTO daily_entries (day, paper_id) SELECT '2025-03-18', id FROM papers WHERE paper_id = 'featured'");
      await upgrade();
      const rows = await db.all<{ paper_id: string; votes_known: number }>('SELECT paper_id, votes_known FROM papers ORDER BY paper_id');
      assert.deepEqual(rows.map((r) => [r.paper_id, Number(r.votes_known)]), [['arxiv-only', 0], ['discussed', 1], ['featured', 1], ['voted', 1]]);
      assert.equal((await getPaper(db, 'arxiv-only'))!.votesKnown, false);
      assert.equal((await getPaper(db, 'featured'))!.votesKnown, true);
    }));

    it('tidies the blanks of organization and submitter names stored before import did (migration 11)', () => beforeMigration(backend, 11, async (db, upgrade) => {
      for (const [name, fullname] of [['a', 'shanghai ailab '], ['b', 'university of  science'], ['c', 'Tidy Lab'], ['d', '  '], ['e', null]] as const) {
        await db.run('INSERT INTO organizations (name, fullname) VALUES (?, ?)', [name, fullname]);
      }
      await db.run('INSERT INTO papers (paper_id, title, first_seen_at, last_changed_at) VALUES (?, ?, ?, ?)', ['p', 'p', V1, V1]);
      await db.run("INSERT INTO daily_entries (day, paper_id, submitter_name) SELECT '2025-03-18', id, ' Ana Ruiz' FROM papers");
      await upgrade();
      const orgs = await db.all<{ name: string; fullname: string | null }>('SELECT name, fullname FROM organizations ORDER BY name');
      assert.deepEqual(orgs.map((o) => [o.name, o.fullname]), [['a', 'shanghai ailab'], ['b', 'university of science'], ['c', 'Tidy Lab'], ['d', null], ['e', null]]);
      assert.equal((await db.get<{ s: string }>('SELECT submitter_name AS s FROM daily_entries'))!.s, 'Ana Ruiz');
    }));

    it('marks the dates that are arXiv\'s first version, when upgrading (migration 12)', () => beforeMigration(backend, 12, async (db, upgrade) => {
      const add = (id: string, versions: string, at: string | null) => db.run(
        'INSERT INTO papers (paper_id, title, versions, published_at, first_seen_at, last_changed_at) VALUES (?, ?, ?, ?, ?, ?)', [id, id, versions, at, V1, V1]);
      await add('v1', JSON.stringify([{ version: 1, date: V1 }, { version: 2, date: null }]), V1);
      await add('rss', JSON.stringify([{ version: 1, date: null }]), '2025-03-18T00:00:00.000Z');
      await add('none', '[]', null);
      await upgrade();
      const rows = await db.all<{ paper_id: string; published_from: string | null }>('SELECT paper_id, published_from FROM papers ORDER BY paper_id');
      assert.deepEqual(rows.map((r) => [r.paper_id, r.published_from]), [['none', null], ['rss', null], ['v1', 'version']]);
    }));

    it('counts each term\'s postings per segment, when upgrading and for new segments (migration 16)', () => beforeMigration(backend, 16, async (db, upgrade) => {
      const blob = (ids: number[]): Buffer => Buffer.concat([Buffer.from(Uint32Array.from(ids).buffer), Buffer.from(ids.map(() => 7))]);
      const one = await searchIndexStore.insertSegment(db, Buffer.alloc(0), Buffer.alloc(0), 3, 4);
      const two = await searchIndexStore.insertSegment(db, Buffer.alloc(0), Buffer.alloc(0), 2, 3);
      for (const [seg, term, ids] of [[one, 'graph', [1, 2, 3]], [one, 'zeolit', [2]], [two, 'graph', [4, 5]], [two, 'protein', [5]]] as const) {
        await db.run('INSERT INTO search_postings (segment_id, term, postings) VALUES (?, ?, ?)', [seg, term, blob([...ids])]);
      }
      await upgrade();
      assert.deepEqual(await searchIndexStore.postingCounts(db, [one, two], ['graph', 'zeolit', 'protein', 'absent']), new Map([['graph', 5], ['protein', 1], ['zeolit', 1]]));
      assert.deepEqual(await searchIndexStore.postingCounts(db, [two], ['graph', 'zeolit']), new Map([['graph', 2]]), 'only the segments asked for');
      const three = await searchIndexStore.insertSegment(db, Buffer.alloc(0), Buffer.alloc(0), 4, 5);
      await searchIndexStore.insertPostings(db, three, [['graph', blob([6, 7, 8, 9])], ['zeolit', blob([9])]]);
      assert.deepEqual(await searchIndexStore.postingCounts(db, [one, two, three], ['graph', 'zeolit']), new Map([['graph', 9], ['zeolit', 2]]));
      assert.deepEqual(await searchIndexStore.postingCounts(db, [], ['graph']), new Map());
    }));

    it('recognises a database newer than this build', async () => {
      const fresh = await backend.create();
      try {
        await fresh.db.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [99, 'future', new Date().toISOString()]);
        const status = await schemaStatus(fresh.db);
        assert.equal(status.state, 'ahead');
        assert.equal(status.current, 99);
        assert.match(schemaProblem(status, fresh.db.location)!, /newer than this paperboy/);
      } finally {
        await fresh.drop();
      }
    });

    it('`paperboy serve` refuses a database with an older schema and says to run `paperboy migrate`', async () => {
      // (A database with no schema at all is created by serve, import and harvest: import-cli.test.ts.)
      const fresh = await backend.create();
      try {
        await fresh.db.run('DELETE FROM schema_migrations WHERE version = ?', [LATEST_VERSION]);
        const run = await runCli(['serve', '--no-schedule'], { DATABASE_URL: fresh.url, PAPERBOY_HOST: '127.0.0.1', PAPERBOY_PORT: '0' });
        assert.equal(run.code, 2, run.stderr);
        assert.match(run.stderr, new RegExp(`at schema version ${LATEST_VERSION - 1}, this paperboy needs ${LATEST_VERSION}: run \`paperboy migrate\` first`));
      } finally {
        await fresh.drop();
      }
    });
  });
}
