import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../src/web/app.js';
import { loadConfig } from '../src/config/config.js';
import { createLogger } from '../src/logging/logger.js';
import { KeywordIndex } from '../src/search/keyword/keyword-index.js';
import { openDatabase } from '../src/db/connect.js';
import { upsertRecords } from '../src/store/papers-write.js';
import { importFiles } from '../src/ingest/import-files.js';
import { backends, type FreshDb } from './helpers/databases.js';
import { paperRecord } from './helpers/paper-records.js';
import { withSemantic } from './helpers/web-app.js';

const FIXTURE = fileURLToPath(new URL('../../test/fixtures/api/2025-06-02.json', import.meta.url));
const HOSTILE = {
  title: '<script>alert("t")</script> "><img src=x onerror=alert(1)> </textarea> $\\mathcal{O}(n)$ & more',
  abstract: 'x < y && y > z; </textarea><script>alert(2)</script> "><img onerror=alert(3)> $\\frac{a}{b}$',
  authors: ['<b>Eve</b>', 'Mallory "><script>x()</script>', '</textarea>'],
};

type Entry = { paper: Record<string, unknown> & { id: string }; [k: string]: unknown };

function assertJson(res: LightMyRequestResponse, status: number, label = ''): unknown {
  assert.equal(res.statusCode, status, `${label}: ${res.body.slice(0, 300)}`);
  assert.equal(res.headers['content-type'], 'application/json; charset=utf-8', label);
  assert.equal(res.headers['x-content-type-options'], 'nosniff', label);
  return JSON.parse(res.body);
}

function assertBadParam(res: LightMyRequestResponse, parameter: string, label = ''): void {
  const body = assertJson(res, 400, label) as { error: unknown; parameter: unknown };
  assert.equal(body.parameter, parameter, label);
  assert.equal(typeof body.error, 'string', label);
}

for (const backend of backends()) {
  describe(`JSON API (${backend.name})`, () => {
    let fresh: FreshDb;
    let app: FastifyInstance;
    before(async () => {
      fresh = await backend.create();
      const keyword = new KeywordIndex(fresh.db);
      await importFiles({ db: fresh.db, keyword }, [FIXTURE]);
      await upsertRecords(fresh.db, [
        paperRecord('2501.00666', HOSTILE),
        paperRecord('hep-th/9901001', { title: 'Old style' }),
      ]);
      await keyword.indexPending();
      const config = loadConfig({ DATABASE_URL: fresh.url, PAPERBOY_LOG_LEVEL: 'silent' });
      app = await buildApp(withSemantic({ config, db: fresh.db, keyword, logger: createLogger(config) }));
    });
    after(async () => {
      await app.close();
      await fresh.drop();
    });

    const get = (url: string) => app.inject(url);

    it('lists a day in the hosted shape', async () => {
      const res = await get('/api/daily_papers?date=2025-06-02');
      const entries = assertJson(res, 200) as Entry[];
      assert.equal(res.headers['x-total-count'], '6');
      const first = entries[0]!;
      assert.equal(first.paper.id, '2506.01005');
      assert.deepEqual(first.paper['authors'], [{ name: 'Marta Kowalska' }, { name: 'Tomas Berg' }]);
      assert.equal(first.paper['title'], 'Sparse Mixtures for Long-Context Retrieval');
      assert.equal(first.paper['upvotes'], 30);
      assert.equal(first.paper['githubRepo'], 'https://github.com/example/sparse-mix');
      assert.equal(first.paper['githubStars'], 120);
      assert.equal(first.paper['publishedAt'], '2025-05-30T17:59:01.000Z');
      assert.equal(first.paper['submittedOnDailyAt'], '2025-06-02T03:18:21.654Z');
      assert.deepEqual(first.paper['ai_keywords'], ['sparse mixtures', 'retrieval', 'long context']);
      assert.equal(first['title'], first.paper['title']);
      assert.equal(first['summary'], first.paper['summary']);
      assert.equal(first['numComments'], 3);
      assert.deepEqual(first['submittedBy'], { name: 'mkowalska', fullname: 'Marta K' });
      assert.equal(first['isAuthorParticipating'], false);
      assert.equal('organization' in first, false);
      const withOrg = entries.find((e) => e.paper.id === '2506.01002')!;
      assert.deepEqual(withOrg['organization'], { name: 'examplelab', fullname: 'Example Lab', avatar: 'https://example.org/lab.png', avatarUrl: 'https://example.org/lab.png' });
      assert.equal(entries.find((e) => e.paper.id === '2506.01003')!.paper['projectPage'], 'https://example.org/calibrated');
    });

    it('sorts by listing time, filters by submitter, pages, and spans weeks and months', async () => {
      const ids = async (url: string): Promise<string[]> => (assertJson(await get(url), 200, url) as Entry[]).map((e) => e.paper.id);
      assert.deepEqual(await ids('/api/daily_papers?date=2025-06-02&sort=publishedAt'),
        ['2505.00999', '2506.01002', '2506.01001', '2506.01003', '2506.01005', '2506.01004']);
      assert.deepEqual(await ids('/api/daily_papers?date=2025-06-02&submitter=akhaliq'), ['2506.01003', '2506.01001', '2506.01002']);
      assert.deepEqual(await ids('/api/daily_papers?date=2025-06-02&limit=2&p=1'), ['2506.01001', '2506.01004']);
      assert.deepEqual(await ids('/api/daily_papers?date=2025-06-02&limit=2&p=9'), []);
      assert.equal((await ids('/api/daily_papers?week=2025-W23')).length, 6);
      assert.equal((await ids('/api/daily_papers?month=2025-06')).length, 6);
      assert.deepEqual(await ids('/api/daily_papers?month=2025-05'), []);
      assert.deepEqual(await ids('/api/daily_papers?date=2025-06-03'), []);
    });

    it('rejects bad listing parameters with 400 naming the parameter', async () => {
      const cases: [string, string][] = [
        ['date=2025-02-30', 'date'], ['date=yesterday', 'date'], ['week=2025-W54', 'week'], ['month=2025-13', 'month'],
        ['date=2025-06-02&week=2025-W23', 'week'], ['limit=0', 'limit'], ['limit=101', 'limit'], ['limit=ten', 'limit'],
        ['p=-1', 'p'], ['p=1.5', 'p'], ['sort=random', 'sort'], ['date=2025-06-02&date=2025-06-03', 'date'],
        ['submitter=%00', 'submitter'], [`submitter=${'a'.repeat(300)}`, 'submitter'],
      ];
      for (const [qs, parameter] of cases) assertBadParam(await get(`/api/daily_papers?${qs}`), parameter, qs);
    });

    it('shows one paper with its listings, by plain, versioned or encoded old-style id', async () => {
      const paper = assertJson(await get('/api/papers/2506.01002'), 200) as Record<string, unknown>;
      assert.equal(paper['id'], '2506.01002');
      assert.equal(paper['absUrl'], 'https://arxiv.org/abs/2506.01002');
      assert.deepEqual(paper['listings'], [{ day: '2025-06-02', submittedBy: 'akhaliq', submitterName: 'AK', submittedAt: '2025-06-02T07:30:00.000Z' }]);
      assert.equal((assertJson(await get('/api/papers/2506.01002v3'), 200) as { id: string }).id, '2506.01002');
      assert.equal((assertJson(await get('/api/papers/arXiv:2506.01002'), 200) as { id: string }).id, '2506.01002');
      assert.equal((assertJson(await get('/api/papers/hep-th%2F9901001'), 200) as { id: string }).id, 'hep-th/9901001');
      assert.equal((assertJson(await get('/api/papers/hep-th/9901001'), 200) as { id: string }).id, 'hep-th/9901001');
      assertJson(await get('/api/papers/hep-th/9909999'), 404);
    });

    it('answers unknown ids and endpoints with JSON 404s', async () => {
      const missing = assertJson(await get('/api/papers/2099.99999'), 404) as { parameter: string };
      assert.equal(missing.parameter, 'id');
      assertJson(await get('/api/no/such/thing'), 404);
      assertJson(await app.inject({ method: 'POST', url: '/api/daily_papers' }), 404);
    });

    it('searches with a limit up to 120', async () => {
      const res = await get('/api/papers/search?q=retrieval&limit=120');
      const hits = assertJson(res, 200) as (Entry & { score: number })[];
      assert.equal(hits[0]!.paper.id, '2506.01005');
      assert.ok(hits[0]!.score > 0);
      assertBadParam(await get('/api/papers/search?q=retrieval&limit=121'), 'limit');
      assertBadParam(await get('/api/papers/search'), 'q');
      assertBadParam(await get('/api/papers/search?q=%20%20'), 'q');
      assertBadParam(await get('/api/papers/search?q=%3F%3F%21'), 'q');
    });

    it('walks all papers with a cursor', async () => {
      const seen: string[] = [];
      let url = '/api/papers?limit=3';
      for (let guard = 0; guard < 10; guard++) {
        const page = assertJson(await get(url), 200) as { papers: { id: string }[]; nextCursor: string | null };
        seen.push(...page.papers.map((p) => p.id));
        if (page.nextCursor === null) break;
        url = `/api/papers?limit=3&cursor=${encodeURIComponent(page.nextCursor)}`;
      }
      assert.equal(seen.length, 8);
      assert.equal(new Set(seen).size, 8);
      assertBadParam(await get('/api/papers?cursor=abc'), 'cursor');
      assertBadParam(await get('/api/papers?limit=501'), 'limit');
    });

    it('returns hostile text verbatim as JSON strings everywhere', async () => {
      const paper = assertJson(await get('/api/papers/2501.00666'), 200) as Record<string, unknown>;
      assert.equal(paper['title'], HOSTILE.title);
      assert.equal(paper['summary'], HOSTILE.abstract);
      assert.deepEqual(paper['authors'], HOSTILE.authors.map((name) => ({ name })));
      const hits = assertJson(await get('/api/papers/search?q=mathcal'), 200) as Entry[];
      assert.ok(hits.some((h) => h.paper['title'] === HOSTILE.title));
      const all = assertJson(await get('/api/papers?limit=100'), 200) as { papers: Record<string, unknown>[] };
      assert.ok(all.papers.some((p) => p['summary'] === HOSTILE.abstract));
    });

    it('never answers hostile input with a 500', async () => {
      const values = ["'", '"><script>alert(1)</script>', '%00', '%', '%E0%A4%A', '..%2F..%2Fetc%2Fpasswd', 'x'.repeat(5000),
        '1e309', '-0', '0x10', 'NaN', '%F0%9F%98%80', '%ED%A0%80', '[]', '{}', 'null', '9'.repeat(30), '2025-W23%00', '%0D%0AX-Injected:1'];
      const endpoints: [string, string[]][] = [
        ['/api/daily_papers', ['date', 'week', 'month', 'p', 'limit', 'sort', 'submitter']],
        ['/api/papers/search', ['q', 'limit', 'sort']],
        ['/api/papers', ['cursor', 'limit']],
      ];
      for (const v of values) {
        for (const [path, names] of endpoints) {
          for (const name of names) {
            const url = `${path}?${name === 'q' ? '' : 'q=x&'}${name}=${v}`;
            const res = await get(url);
            assert.ok([200, 400].includes(res.statusCode), `${url.slice(0, 120)} -> ${res.statusCode}`);
            assertJson(res, res.statusCode, url);
          }
        }
        for (const path of [`/api/papers/${v}`, `/api/papers/${v}/${v}`, `/api/${v}`]) {
          const res = await get(path);
          // 414: the router refuses path segments over 100 characters before any handler runs.
          assert.ok([200, 400, 404, 414].includes(res.statusCode), `${path.slice(0, 120)} -> ${res.statusCode}`);
          assert.match(res.headers['content-type'] as string, /^application\/json/, path.slice(0, 120));
          JSON.parse(res.body);
        }
      }
    });
  });
}

describe('JSON API on an empty or broken database', () => {
  it('lists nothing when nothing was ever listed, and answers a database failure with a JSON 500', async () => {
    const fresh = await backends()[0]!.create();
    const config = loadConfig({ DATABASE_URL: fresh.url, PAPERBOY_LOG_LEVEL: 'silent' });
    const app = await buildApp(withSemantic({ config, db: fresh.db, keyword: new KeywordIndex(fresh.db), logger: createLogger(config) }));
    const broken = openDatabase(fresh.url);
    await broken.close();
    const failing = await buildApp(withSemantic({ config, db: broken, keyword: new KeywordIndex(broken), logger: createLogger(config) }));
    try {
      assert.deepEqual(assertJson(await app.inject('/api/daily_papers'), 200), []);
      assert.deepEqual(assertJson(await app.inject('/api/papers'), 200), { papers: [], nextCursor: null });
      const res = await failing.inject('/api/daily_papers?date=2025-06-02');
      const body = assertJson(res, 500) as { error: string };
      assert.doesNotMatch(body.error, /sqlite|closed|connection/i);
    } finally {
      await app.close();
      await failing.close();
      await fresh.drop();
    }
  });
});
