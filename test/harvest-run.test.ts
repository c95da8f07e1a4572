import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Db } from '../src/db/db.js';
import { planFor, type HarvestOptions } from '../src/ingest/harvest/harvest-params.js';
import { runHarvest, type HarvestOutcome } from '../src/ingest/harvest/run-harvest.js';
import { loadHarvestState } from '../src/store/harvest-state.js';
import { backends, type FreshDb } from './helpers/databases.js';
import { fixture, harvestConfig, sourceRoutes, startFixtureServer, type FixtureServer, type SourceBehaviour } from './helpers/harvest-server.js';

const HTTP = { timeoutMs: 2000, attempts: 2, backoffMs: 10 };

async function harvest(db: Db, server: FixtureServer, source: string, o: HarvestOptions, extra: { restart?: boolean } = {}): Promise<HarvestOutcome> {
  const choice = planFor(source, o, new Date('2025-06-10T12:00:00Z'));
  assert.ok(choice.ok, choice.ok ? '' : choice.message);
  return runHarvest(choice.plan, { db, config: harvestConfig(server.base), http: HTTP, ...extra });
}

async function ids(db: Db): Promise<string[]> {
  return (await db.all<{ paper_id: string }>('SELECT paper_id FROM papers ORDER BY paper_id')).map((r) => r.paper_id);
}

function requests(server: FixtureServer, from = 0): string[] {
  return server.seen.slice(from).map((s) => `${s.url.pathname}?${s.url.searchParams.toString()}`);
}

async function withServer(b: SourceBehaviour, fn: (server: FixtureServer) => Promise<void>): Promise<void> {
  const server = await startFixtureServer(sourceRoutes(b));
  try { await fn(server); } finally { await server.close(); }
}

for (const backend of backends()) {
  describe(`harvest (${backend.name})`, () => {
    let fresh: FreshDb;
    before(async () => { fresh = await backend.create(); });
    after(async () => { await fresh.drop(); });
    const db = (): Db => fresh.db;

    it('arxiv-api pages through totalResults with start= and re-checks when run again', async () => {
      await withServer({}, async (server) => {
        const out = await harvest(db(), server, 'arxiv-api', { category: ['cs.CL'], pageSize: '2' });
        assert.deepEqual([out.status, out.pages, out.added, out.failed], ['done', 3, 5, 0]);
        assert.deepEqual(server.seen.map((s) => s.url.searchParams.get('start')), ['0', '2', '4']);
        const q = server.seen[0]!.url.searchParams;
        assert.deepEqual([q.get('search_query'), q.get('max_results'), q.get('sortBy'), q.get('sortOrder')], ['cat:cs.CL', '2', 'submittedDate', 'descending']);
        const saved = await loadHarvestState<{ nextStart: number }>(db(), out.key);
        assert.deepEqual([saved?.status, saved?.state.nextStart], ['done', 5]);
        const again = await harvest(db(), server, 'arxiv-api', { category: ['cs.CL'], pageSize: '2' });
        assert.deepEqual([again.pages, again.added, again.unchanged], [3, 0, 5]);
        const capped = await harvest(db(), server, 'arxiv-api', { category: ['cs.CL'], pageSize: '2', max: '3' });
        assert.equal(capped.unchanged, 3);
        assert.deepEqual(server.seen.slice(-2).map((s) => s.url.searchParams.get('max_results')), ['2', '1']);
      });
      assert.deepEqual(await ids(db()), ['2506.01001', '2506.01002', '2506.01003', '2506.01004', '2506.01005']);
    });

    it('arxiv-api reports the error feed clearly and an empty search as zero records', async () => {
      await withServer({}, async (server) => {
        const bad = await harvest(db(), server, 'arxiv-api', { idList: '2506.x' });
        assert.equal(bad.status, 'failed');
        assert.match(bad.errors[0]!.message, /^HTTP 400: arXiv API error: incorrect id format for 2506\.x$/);
        assert.match(bad.errors[0]!.source, /id_list=2506\.x/);
        const none = await harvest(db(), server, 'arxiv-api', { idList: '0000.0000' });
        assert.deepEqual([none.status, none.added, none.failed], ['done', 0, 0]);
      });
    });

    it('arxiv-oai follows resumption tokens over 3 pages, then re-checks from the day it began', async () => {
      await withServer({}, async (server) => {
        const out = await harvest(db(), server, 'arxiv-oai', { set: ['cs'], from: '2024-01-01' });
        assert.deepEqual([out.status, out.pages, out.added], ['done', 3, 6]);
        assert.deepEqual(requests(server), [
          '/oai?verb=ListRecords&metadataPrefix=arXivRaw&set=cs&from=2024-01-01',
          '/oai?verb=ListRecords&resumptionToken=7110%7C1001',
          '/oai?verb=ListRecords&resumptionToken=7110%7C1003',
        ]);
        const again = await harvest(db(), server, 'arxiv-oai', { set: ['cs'], from: '2024-01-01' });
        assert.deepEqual([again.status, again.added, again.failed], ['done', 0, 0]);
        assert.deepEqual(requests(server, 3), ['/oai?verb=ListRecords&metadataPrefix=arXivRaw&set=cs&from=2024-01-06']);
        const closed = await harvest(db(), server, 'arxiv-oai', { set: ['cs'], from: '2024-01-01', until: '2024-01-05' });
        assert.equal(closed.status, 'done');
        assert.equal((await harvest(db(), server, 'arxiv-oai', { set: ['cs'], from: '2024-01-01', until: '2024-01-05' })).status, 'up-to-date');
      });
      assert.equal((await ids(db())).filter((id) => id.startsWith('2401.') || id === 'cs/9901001').length, 6);
    });

    it('arxiv-rss fetches the joined categories in one request; hf-daily one request per day', async () => {
      await withServer({}, async (server) => {
        const rss = await harvest(db(), server, 'arxiv-rss', { category: ['cs.CL+cs.AI'] });
        assert.deepEqual([rss.status, rss.pages, rss.added], ['done', 1, 4]);
        assert.deepEqual(requests(server), ['/rss/cs.AI+cs.CL?']);
        const hf = await harvest(db(), server, 'hf-daily', { from: '2025-06-09', until: '2025-06-10' });
        assert.deepEqual([hf.status, hf.pages, hf.added, hf.updated], ['done', 2, 2, 1]);
        assert.deepEqual(requests(server, 1), ['/api/daily_papers?date=2025-06-09', '/api/daily_papers?date=2025-06-10']);
      });
      const listed = await db().all<{ day: string; paper_id: string }>(
        'SELECT d.day, p.paper_id FROM daily_entries d JOIN papers p ON p.id = d.paper_id ORDER BY d.day, p.paper_id');
      assert.deepEqual(listed.map((r) => `${r.day} ${r.paper_id}`), ['2025-06-09 2506.06010', '2025-06-09 2506.07001', '2025-06-10 2506.08020']);
    });

    it('hf-daily without dates fetches the last 7 days on every run, so upvotes keep rising after a paper\'s first days', async () => {
      let votes: number | null = null;
      // The 2025-06-09 listing as Hugging Face answers it later in the week: the same papers, more upvotes.
      const later = (url: URL) => {
        if (votes === null || url.searchParams.get('date') !== '2025-06-09') return undefined;
        const entries = JSON.parse(fixture('hf/2025-06-09.json')) as Array<{ paper: { id: string; upvotes: number } }>;
        entries[0]!.paper.upvotes = votes;
        return { body: JSON.stringify(entries), headers: { 'content-type': 'application/json' } };
      };
      await withServer({ override: later }, async (server) => {
        const first = await harvest(db(), server, 'hf-daily', {}, { restart: true });
        assert.equal(first.status, 'done');
        assert.deepEqual(server.seen.map((s) => s.url.searchParams.get('date')), ['2025-06-04', '2025-06-05', '2025-06-06', '2025-06-07', '2025-06-08', '2025-06-09', '2025-06-10']);
        const id = (JSON.parse(fixture('hf/2025-06-09.json')) as Array<{ paper: { id: string; upvotes: number } }>)[0]!.paper;
        const stored = async (): Promise<number> => Number((await db().get<{ upvotes: number }>('SELECT upvotes FROM papers WHERE paper_id = ?', [id.id]))!.upvotes);
        assert.equal(await stored(), id.upvotes);
        votes = id.upvotes + 120;
        const second = await harvest(db(), server, 'hf-daily', {});
        assert.equal(server.seen.length, 14, 'the whole week again');
        assert.ok(second.updated >= 1, JSON.stringify(second));
        assert.equal(await stored(), id.upvotes + 120);
      });
    });

    it('hf-daily keeps the days it got and fetches only the failed day on the next run', async () => {
      const failing = new Set(['2025-06-09']);
      await withServer({ override: (u) => (failing.has(u.searchParams.get('date') ?? '') ? { status: 502, body: 'bad gateway' } : undefined) }, async (server) => {
        const first = await harvest(db(), server, 'hf-daily', { week: '2025-W24' }, { restart: true });
        assert.equal(first.status, 'failed');
        assert.match(first.errors[0]!.message, /after 2 attempt\(s\): HTTP 502/);
        assert.equal(server.seen.filter((s) => s.url.searchParams.get('date') === '2025-06-10').length, 1);
        failing.clear();
        const n = server.seen.length;
        const second = await harvest(db(), server, 'hf-daily', { week: '2025-W24' });
        assert.equal(second.status, 'done');
        assert.deepEqual(requests(server, n), ['/api/daily_papers?date=2025-06-09']);
      });
    });
  });
}
