import { papersByAuthor } from '../src/search/author-papers.js';
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/web/app.js';
import { loadConfig } from '../src/config/config.js';
import { createLogger } from '../src/logging/logger.js';
import { KeywordIndex } from '../src/search/keyword/keyword-index.js';
import { upsertRecords } from '../src/store/papers-write.js';
import { importFiles } from '../src/ingest/import-files.js';
import {
  listPeriod, nearestListedDays, trendingPapers, papersByOrganization, papersByCategory,
  organizationInfo, papersAfterCursor, papersByIds, parseDay, parseWeek, parseMonth, periodFromQuery, periodDays,
  isoWeekOf, shiftPeriod, type Period,
} from '../src/store/listings.js';
import { backends, type FreshDb } from './helpers/databases.js';
import { paperRecord } from './helpers/paper-records.js';
import { withSemantic } from './helpers/web-app.js';

const FIXTURE = fileURLToPath(new URL('../../test/fixtures/api/2025-06-02.json', import.meta.url));
const day = (d: string): Period => ({ kind: 'day', day: d });

describe('periods', () => {
  it('accepts real days, ISO weeks and months and names the parameter of bad ones', () => {
    assert.deepEqual(parseDay('2024-02-29'), { ok: true, period: day('2024-02-29') });
    for (const bad of ['2025-02-30', '2025-13-01', '25-01-01', 'abc', '2025-06-02T00:00', '']) {
      const r = parseDay(bad);
      assert.equal(r.ok, false, bad);
      if (!r.ok) assert.equal(r.problem.source, 'date');
    }
    assert.equal(parseWeek('2020-W53').ok, true);
    assert.equal(parseWeek('2021-W53').ok, false);
    assert.equal(parseWeek('2025-W00').ok, false);
    assert.equal(parseMonth('2025-12').ok, true);
    assert.equal(parseMonth('2025-00').ok, false);
    const both = periodFromQuery({ date: '2025-06-02', week: '2025-W23' });
    assert.equal(both?.ok, false);
    assert.equal(periodFromQuery({}), null);
  });

  it('spans ISO weeks Monday..Sunday and calendar months', () => {
    assert.deepEqual(periodDays({ kind: 'week', week: '2025-W01' }), { from: '2024-12-30', to: '2025-01-05' });
    assert.deepEqual(periodDays({ kind: 'week', week: '2025-W23' }), { from: '2025-06-02', to: '2025-06-08' });
    assert.deepEqual(periodDays({ kind: 'month', month: '2024-02' }), { from: '2024-02-01', to: '2024-02-29' });
    assert.equal(isoWeekOf('2021-01-03'), '2020-W53');
    assert.equal(isoWeekOf('2025-06-08'), '2025-W23');
    assert.deepEqual(shiftPeriod({ kind: 'week', week: '2025-W01' }, -1), { kind: 'week', week: '2024-W52' });
    assert.deepEqual(shiftPeriod({ kind: 'month', month: '2025-01' }, -1), { kind: 'month', month: '2024-12' });
    assert.deepEqual(shiftPeriod(day('2024-12-31'), 1), day('2025-01-01'));
  });
});

// The merge takes publishedAt from version 1's date, so a test date goes into both.
const dated = (publishedAt: string) => ({ publishedAt, versions: [{ version: 1, date: publishedAt }] });
const listed = (id: string, upvotes: number, d: string, extra: Record<string, unknown> = {}) => {
  const { position = null, submittedAt = null, submittedBy = null, ...fields } = extra as Record<string, never>;
  return paperRecord(id, { upvotes, sourceName: 'hf-daily', listing: { day: d, position, submittedAt, submittedBy }, ...fields });
};

for (const backend of backends()) {
  describe(`listings (${backend.name})`, () => {
    let fresh: FreshDb;
    let app: FastifyInstance;
    before(async () => {
      fresh = await backend.create();
      await upsertRecords(fresh.db, [
        listed('2506.00001', 10, '2025-06-02', { position: 1, submittedAt: '2025-06-02T05:00:00.000Z', submittedBy: 'alice', ...dated('2025-05-30T10:00:00.000Z'), authors: ['Ada Lovelace', 'Grace Hopper'] }),
        listed('2506.00002', 10, '2025-06-02', { position: 0, submittedAt: '2025-06-02T06:00:00.000Z', submittedBy: 'bob', ...dated('2025-05-31T10:00:00.000Z') }),
        listed('2506.00003', 20, '2025-06-02', { position: 2, submittedAt: '2025-06-02T04:00:00.000Z', submittedBy: 'alice', ...dated('2025-05-29T10:00:00.000Z'), organization: { name: 'lab', fullname: 'The Lab', avatarUrl: 'https://example.org/a.png' }, categories: ['cs.LG'], primaryCategory: 'cs.LG' }),
        listed('2506.00004', 10, '2025-06-02', { submittedBy: 'bob' }),
        listed('2506.00005', 5, '2025-06-08'),
        listed('2506.00006', 50, '2025-06-09', { submittedAt: '2025-06-09T06:00:00.000Z' }),
        listed('2505.00007', 1, '2025-05-30'),
        paperRecord('2506.00008', { ...dated('2025-06-07T10:00:00.000Z'), authors: ['Grace Hopper'] }),
        paperRecord('2501.00009', { upvotes: 100, ...dated('2025-01-01T00:00:00.000Z'), organization: { name: 'lab' } }),
      ]);
      const config = loadConfig({ DATABASE_URL: fresh.url, PAPERBOY_LOG_LEVEL: 'silent' });
      app = await buildApp(withSemantic({ config, db: fresh.db, keyword: new KeywordIndex(fresh.db), logger: createLogger(config) }));
    });
    after(async () => {
      await app.close();
      await fresh.drop();
    });

    const ids = (r: { papers: { paperId: string }[] }): string[] => r.papers.map((p) => p.paperId);

    it('lists a day by upvotes then hosted position, or by listing time', async () => {
      const trending = await listPeriod(fresh.db, day('2025-06-02'), { sort: 'trending', limit: 10 });
      assert.deepEqual(ids(trending), ['2506.00003', '2506.00002', '2506.00001', '2506.00004']);
      assert.equal(trending.total, 4);
      const first = trending.papers[0]!;
      assert.equal(first.day, '2025-06-02');
      assert.equal(first.submittedBy, 'alice');
      assert.equal(first.position, 2);
      assert.equal(first.organizationFullname, 'The Lab');
      const byTime = await listPeriod(fresh.db, day('2025-06-02'), { sort: 'publishedAt', limit: 10 });
      assert.deepEqual(ids(byTime), ['2506.00002', '2506.00001', '2506.00003', '2506.00004']);
    });

    it('pages, filters by submitter and spans weeks and months', async () => {
      const page = await listPeriod(fresh.db, day('2025-06-02'), { sort: 'trending', limit: 2, offset: 1 });
      assert.deepEqual(ids(page), ['2506.00002', '2506.00001']);
      assert.equal(page.total, 4);
      const alice = await listPeriod(fresh.db, day('2025-06-02'), { sort: 'trending', limit: 10, submitter: 'alice' });
      assert.deepEqual(ids(alice), ['2506.00003', '2506.00001']);
      assert.equal(alice.total, 2);
      const week = await listPeriod(fresh.db, { kind: 'week', week: '2025-W23' }, { sort: 'trending', limit: 10 });
      assert.deepEqual(ids(week), ['2506.00003', '2506.00002', '2506.00001', '2506.00004', '2506.00005']);
      const month = await listPeriod(fresh.db, { kind: 'month', month: '2025-06' }, { sort: 'trending', limit: 10 });
      assert.deepEqual(ids(month), ['2506.00006', '2506.00003', '2506.00002', '2506.00001', '2506.00004', '2506.00005']);
      assert.deepEqual(await listPeriod(fresh.db, day('2025-06-03'), { sort: 'trending', limit: 10 }), { papers: [], total: 0 });
      const bad = await listPeriod(fresh.db, { kind: 'week', week: '2025-W99' }, { sort: 'trending', limit: 10 });
      assert.deepEqual([bad.papers, bad.total, bad.problem?.source], [[], 0, 'week']);
      assert.equal((await listPeriod(fresh.db, day('2025-02-30'), { sort: 'trending', limit: 10 })).problem?.source, 'date');
    });

    it('finds the nearest listed days', async () => {
      assert.deepEqual(await nearestListedDays(fresh.db, '2025-06-05'), { prev: '2025-06-02', next: '2025-06-08', latest: '2025-06-09' });
      assert.deepEqual(await nearestListedDays(fresh.db, '2025-06-09'), { prev: '2025-06-08', next: null, latest: '2025-06-09' });
      assert.deepEqual(await nearestListedDays(fresh.db, '2025-01-01'), { prev: null, next: '2025-05-30', latest: '2025-06-09' });
    });

    it('ranks trending papers by decayed upvotes, unvoted recent papers last', async () => {
      const now = new Date('2025-06-09T12:00:00.000Z');
      const all = await trendingPapers(fresh.db, { now, days: 7, limit: 20 });
      assert.deepEqual(ids(all), ['2506.00006', '2506.00005', '2506.00003', '2506.00002', '2506.00001', '2506.00004', '2506.00008']);
      assert.equal(all.total, 7);
      assert.ok(all.papers[0]!.score > all.papers[1]!.score);
      const tail = await trendingPapers(fresh.db, { now, days: 7, limit: 2, offset: 5 });
      assert.deepEqual(ids(tail), ['2506.00004', '2506.00008']);
    });

    it('lists papers by author, organization and category, newest first', async () => {
      const keyword = new KeywordIndex(fresh.db);
      await keyword.indexPending();
      const grace = await papersByAuthor({ db: fresh.db, keyword }, 'Grace Hopper', { limit: 10 });
      assert.deepEqual(ids(grace), ['2506.00008', '2506.00001']);
      assert.deepEqual(await papersByAuthor({ db: fresh.db, keyword }, 'Nobody', { limit: 10 }), { papers: [], total: 0 });
      const lab = await papersByOrganization(fresh.db, 'lab', { limit: 10 });
      assert.deepEqual(ids(lab), ['2506.00003', '2501.00009']);
      const lg = await papersByCategory(fresh.db, 'cs.LG', { limit: 10 });
      assert.deepEqual(ids(lg), ['2506.00003']);
      assert.equal((await papersByCategory(fresh.db, 'cs.CL', { limit: 1 })).total, 8);
      assert.deepEqual(await organizationInfo(fresh.db, 'lab'), { name: 'lab', fullname: 'The Lab', avatarUrl: 'https://example.org/a.png', paperCount: 2, namesakes: [] });
      // Another account of the same institution, its full name in other case: named, with its count.
      await fresh.db.run('INSERT INTO organizations (name, fullname) VALUES (?, ?), (?, ?)', ['the-lab-2', 'the lab', 'other', 'Other Lab']);
      assert.deepEqual((await organizationInfo(fresh.db, 'lab'))!.namesakes, [{ name: 'the-lab-2', paperCount: 0 }]);
      assert.deepEqual((await organizationInfo(fresh.db, 'the-lab-2'))!.namesakes, [{ name: 'lab', paperCount: 2 }]);
      assert.equal(await organizationInfo(fresh.db, 'nolab'), null);
    });

    it('walks every paper with a cursor and reads batches in the order asked', async () => {
      const seen: number[] = [];
      let cursor = 0;
      for (let guard = 0; guard < 10; guard++) {
        const page = await papersAfterCursor(fresh.db, cursor, 4);
        seen.push(...page.papers.map((p) => p.rowId));
        if (page.nextCursor == null) break;
        cursor = page.nextCursor;
      }
      assert.equal(seen.length, 9);
      assert.deepEqual(seen, [...seen].sort((a, b) => a - b));
      assert.deepEqual((await papersByIds(fresh.db, ['2506.00003', 'missing', '2506.00001'])).map((p) => p.paperId), ['2506.00003', '2506.00001']);
    });
  });

  describe(`a day imported from hosted API files (${backend.name})`, () => {
    it('comes back from listPeriod and /api/daily_papers in the file order', async () => {
      const fresh = await backend.create();
      const keyword = new KeywordIndex(fresh.db);
      const config = loadConfig({ DATABASE_URL: fresh.url, PAPERBOY_LOG_LEVEL: 'silent' });
      const app = await buildApp(withSemantic({ config, db: fresh.db, keyword, logger: createLogger(config) }));
      try {
        const summary = await importFiles({ db: fresh.db, keyword }, [FIXTURE]);
        assert.equal(summary.added, 6);
        const fileIds = (JSON.parse(readFileSync(FIXTURE, 'utf8')) as { paper: { id: string } }[]).map((e) => e.paper.id);
        const listedDay = await listPeriod(fresh.db, day('2025-06-02'), { sort: 'trending', limit: 50 });
        assert.deepEqual(listedDay.papers.map((p) => p.paperId), fileIds);
        for (const url of ['/api/daily_papers?date=2025-06-02', '/api/daily_papers', '/api/daily_papers?date=2025-06-02&sort=trending']) {
          const res = await app.inject(url);
          assert.equal(res.statusCode, 200, url);
          assert.deepEqual((res.json() as { paper: { id: string } }[]).map((e) => e.paper.id), fileIds, url);
        }
      } finally {
        await app.close();
        await fresh.drop();
      }
    });
  });
}
