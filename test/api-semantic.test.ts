import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { backends, type FreshDb } from './helpers/databases.js';
import { paperRecord } from './helpers/paper-records.js';
import { semanticSite } from './helpers/semantic-corpus.js';
import { webAppWith } from './helpers/web-app.js';

type Hit = { paper: { id: string; title: string }; score: number; explanation?: { terms: string[]; topics: string[] } };

function json(res: LightMyRequestResponse, status: number, label: string): any {
  assert.equal(res.statusCode, status, `${label}: ${res.body.slice(0, 300)}`);
  assert.equal(res.headers['content-type'], 'application/json; charset=utf-8', label);
  return JSON.parse(res.body);
}

function badParam(res: LightMyRequestResponse, parameter: string, label: string, status = 400): void {
  const body = json(res, status, label);
  assert.equal(body.parameter, parameter, label);
  assert.equal(typeof body.error, 'string', label);
}

function assertRanked(hits: Hit[], label: string): void {
  for (let i = 1; i < hits.length; i++) assert.ok(hits[i - 1]!.score >= hits[i]!.score, `${label}: best first`);
  assert.equal(new Set(hits.map((h) => h.paper.id)).size, hits.length, `${label}: no duplicates`);
}

const OLD_STYLE = paperRecord('hep-th/9901001', {
  title: 'Galaxy halos from string compactifications', abstract: 'Dark matter halos of galaxies from string theory moduli.',
  categories: ['hep-th'], primaryCategory: 'hep-th',
});

for (const backend of backends()) {
  describe(`similar papers, recommendations and search modes in the API (${backend.name})`, () => {
    const site = semanticSite(backend, [OLD_STYLE]);
    const topic = (h: Hit): string | undefined => site.topicOf.get(h.paper.id);

    it('lists similar papers best first, same topic, with explanations', async () => {
      const hits: Hit[] = json(await site.app.inject('/api/papers/2504.0101/similar?limit=5'), 200, 'similar');
      assert.equal(hits.length, 5);
      assertRanked(hits, 'similar');
      assert.ok(!hits.some((h) => h.paper.id === '2504.0101'), 'the paper itself is left out');
      assert.deepEqual(hits.slice(0, 3).map(topic), ['protein', 'protein', 'protein']);
      for (const h of hits) {
        assert.ok(h.explanation && Array.isArray(h.explanation.terms) && Array.isArray(h.explanation.topics), JSON.stringify(h));
      }
      assert.ok(hits[0]!.explanation!.terms.length > 0, 'the best match shares terms');
      const keys = Object.keys(hits[0]!).sort();
      assert.deepEqual(keys.filter((k) => k !== 'organization'), ['explanation', 'isAuthorParticipating', 'numComments', 'paper', 'publishedAt', 'score', 'summary', 'thumbnail', 'title']);
      const all: Hit[] = json(await site.app.inject('/api/papers/2504.0101/similar'), 200, 'default limit');
      assert.equal(all.length, 10);
    });

    it('accepts ids as people paste them, and old-style ids', async () => {
      const plain: Hit[] = json(await site.app.inject('/api/papers/2504.0201/similar?limit=3'), 200, 'plain');
      for (const url of ['/api/papers/2504.0201v2/similar?limit=3', `/api/papers/${encodeURIComponent('arXiv:2504.0201')}/similar?limit=3`]) {
        assert.deepEqual((json(await site.app.inject(url), 200, url) as Hit[]).map((h) => h.paper.id), plain.map((h) => h.paper.id), url);
      }
      assert.deepEqual(plain.map(topic), ['speech', 'speech', 'speech']);
      for (const url of ['/api/papers/hep-th/9901001/similar?limit=3', '/api/papers/hep-th%2F9901001/similar?limit=3']) {
        const hits: Hit[] = json(await site.app.inject(url), 200, url);
        assert.equal(hits.length, 3, url);
        assert.ok(hits.every((h) => h.paper.id !== 'hep-th/9901001'), url);
      }
    });

    it('answers unknown ids with 404 and bad limits with 400', async () => {
      badParam(await site.app.inject('/api/papers/2999.99999/similar'), 'id', 'unknown', 404);
      badParam(await site.app.inject('/api/papers/hep-th/0000000/similar'), 'id', 'unknown old-style', 404);
      for (const limit of ['0', '101', 'abc', '-1', '1.5', '']) {
        badParam(await site.app.inject(`/api/papers/2504.0101/similar?limit=${limit}`), 'limit', `limit=${limit}`);
      }
      badParam(await site.app.inject('/api/papers/2504.0101/similar?limit=1&limit=2'), 'limit', 'repeated limit');
      assert.equal((json(await site.app.inject('/api/papers/2504.0101/similar?limit=100'), 200, 'limit=100') as Hit[]).length, 56);
    });

    it('searches in every mode and says which mode answered', async () => {
      const modes = new Map<string, Hit[]>();
      for (const mode of ['keyword', 'semantic', 'hybrid']) {
        const res = await site.app.inject(`/api/papers/search?q=${encodeURIComponent('protein folding')}&mode=${mode}&limit=5`);
        const hits: Hit[] = json(res, 200, mode);
        assert.equal(res.headers['x-search-mode'], mode);
        assert.equal(res.headers['x-search-degraded'], undefined, mode);
        assert.ok(Number(res.headers['x-total-count']) >= hits.length, mode);
        assertRanked(hits, mode);
        assert.ok(hits.length >= 3 && hits.every((h) => topic(h) === 'protein'), `${mode}: ${hits.map((h) => h.paper.title).join(' | ')}`);
        modes.set(mode, hits);
      }
      const byDefault = await site.app.inject('/api/papers/search?q=protein+folding&limit=5');
      assert.equal(byDefault.headers['x-search-mode'], 'hybrid');
      assert.deepEqual((json(byDefault, 200, 'default') as Hit[]).map((h) => h.paper.id), modes.get('hybrid')!.map((h) => h.paper.id));
      for (const bad of ['bogus', 'KEYWORD', '']) badParam(await site.app.inject(`/api/papers/search?q=x&mode=${bad}`), 'mode', `mode=${bad}`);
    });

    it('finds papers like a pasted abstract', async () => {
      const pasted = 'Recognising what people say from recordings made far from the microphone is hard when rooms echo ' +
        'and other people talk; we adapt acoustic models so transcripts stay accurate in such conditions.';
      for (const mode of ['semantic', 'hybrid']) {
        const res = await site.app.inject(`/api/papers/search?q=${encodeURIComponent(pasted)}&mode=${mode}&limit=5`);
        const hits: Hit[] = json(res, 200, mode);
        assert.equal(res.headers['x-search-mode'], mode);
        assert.ok(hits.slice(0, 3).every((h) => topic(h) === 'speech'), `${mode}: ${hits.map((h) => h.paper.title).join(' | ')}`);
      }
      badParam(await site.app.inject(`/api/papers/search?q=${'a'.repeat(4001)}`), 'q', 'too long');
    });

    it('recommends papers for liked and disliked papers, reporting unknown ids', async () => {
      const post = (body: unknown) => site.app.inject({ method: 'POST', url: '/api/recommend', payload: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
      const liked = ['2504.0401', '2504.0402'];
      const r = json(await post({ positive: liked, negative: ['2504.0201'], limit: 5 }), 200, 'recommend');
      assert.deepEqual(Object.keys(r).sort(), ['results', 'unknown']);
      assert.deepEqual(r.unknown, []);
      assert.equal(r.results.length, 5);
      assertRanked(r.results, 'recommend');
      assert.ok(r.results.every((h: Hit) => !liked.includes(h.paper.id) && h.paper.id !== '2504.0201'), 'inputs are left out');
      assert.deepEqual(r.results.slice(0, 3).map(topic), ['galaxies', 'galaxies', 'galaxies']);
      // Versioned ids and paper addresses name the same papers.
      const spelled = json(await post({ positive: ['2504.0401v3', 'https://arxiv.org/abs/2504.0402v1'], negative: ['arXiv:2504.0201'], limit: 5 }), 200, 'spelled');
      assert.deepEqual(spelled, r);
      const withUnknown = json(await post({ positive: [...liked, '2999.99999', 'arXiv:nope'] }), 200, 'unknown');
      assert.deepEqual([...withUnknown.unknown].sort(), ['2999.99999', 'arXiv:nope']);
      assert.equal(withUnknown.results.length, 20, 'the default limit');
      const allUnknown = json(await post({ positive: ['2999.99999'] }), 200, 'all unknown');
      assert.deepEqual(allUnknown, { results: [], unknown: ['2999.99999'] });
    });

    it('recommends inside a scope: papers passing filters, or a given set such as a digest period', async () => {
      const all = await site.engine.recommend(['2504.0101'], [], 100);
      const ranks = all.hits.map((h) => h.paperId);
      // The protein papers lead corpus-wide; a scope of other topics still gets its best ones.
      assert.ok(ranks.slice(0, 5).every((id) => site.topicOf.get(id) === 'protein'), ranks.join());
      const may = await site.engine.recommend(['2504.0101'], [], 5, { filter: 'date:2025-05-01..2025-05-31' });
      assert.equal(may.hits.length, 5);
      assert.ok(may.hits.every((h) => h.paperId.startsWith('2504.02')), may.hits.map((h) => h.paperId).join());
      assert.deepEqual(may.hits.map((h) => h.paperId), ranks.filter((id) => id.startsWith('2504.02')).slice(0, 5), 'the same order, restricted');
      // In a set with papers of other topics, only the one close in meaning (by the corpus's
      // measure: among its closest 5%) is a match; a set's nearest paper is not one by default.
      // The paper closest in meaning to the liked one: its own text ranked by meaning.
      const liked = json(await site.app.inject('/api/papers/2504.0101'), 200, 'paper');
      const bySense = await site.engine.search(`${liked.title}\n${liked.summary}`, { mode: 'semantic', limit: 3 });
      assert.ok(bySense.ok);
      const second = bySense.hits.map((h) => h.paperId).find((id) => id !== '2504.0101')!;
      const within = [second, '2504.0201', '2504.0301', '2504.0302', '2504.0101', '2999.99999'];
      const set = await site.engine.recommend(['2504.0101'], [], 3, { within });
      assert.deepEqual(set.hits.map((h) => h.paperId), [second]);
      const both = await site.engine.recommend(['2504.0101'], [], 10, { within, filter: 'date:2025-04-01..2025-04-30' });
      assert.deepEqual(both.hits.map((h) => h.paperId), [second], 'filter and set together');
      const none = await site.engine.recommend(['2504.0101'], [], 10, { within, filter: 'category:cs.DS' });
      assert.deepEqual(none.hits, []);
    });

    it('rejects malformed recommendation requests naming the field', async () => {
      const post = (payload: string, type = 'application/json') => site.app.inject({ method: 'POST', url: '/api/recommend', payload, headers: { 'content-type': type } });
      const cases: Array<[unknown, string]> = [
        [{}, 'positive'], [{ positive: [] }, 'positive'], [{ positive: '2504.0101' }, 'positive'], [{ positive: [1] }, 'positive'],
        [{ positive: ['\u0000'] }, 'positive'], [{ positive: ['x'.repeat(201)] }, 'positive'], [{ positive: Array(201).fill('2504.0101') }, 'positive'],
        [{ positive: ['2504.0101'], negative: 'x' }, 'negative'], [{ positive: ['2504.0101'], negative: ['2504.0101'] }, 'negative'],
        [{ positive: ['2504.0101'], limit: 0 }, 'limit'], [{ positive: ['2504.0101'], limit: 101 }, 'limit'], [{ positive: ['2504.0101'], limit: '5' }, 'limit'],
        [{ positive: ['2504.0101'], limit: 2.5 }, 'limit'], [{ positive: ['2504.0101'], lmit: 5 }, 'lmit'],
        [[], 'body'], ['2504.0101', 'body'], [null, 'body'],
      ];
      for (const [body, field] of cases) badParam(await post(JSON.stringify(body)), field, JSON.stringify(body).slice(0, 80));
      badParam(await post('{"positive": ['), 'body', 'not JSON');
      badParam(await post(''), 'body', 'empty body');
      badParam(await post('positive=1', 'application/x-www-form-urlencoded'), 'body', 'a form', 415);
      badParam(await post(JSON.stringify({ positive: Array(5000).fill('2504.0101.long.padding') })), 'body', 'too large', 413);
      const get = await site.app.inject('/api/recommend');
      assert.equal(get.statusCode, 404, 'only POST');
    });
  });

  describe(`search modes without a semantic model (${backend.name})`, () => {
    let fresh: FreshDb;
    let app: FastifyInstance;
    before(async () => {
      fresh = await backend.create();
      app = await webAppWith(fresh, [
        paperRecord('2505.00001', { title: 'Speech recognition in noisy rooms' }),
        paperRecord('2505.00002', { title: 'Protein folding with diffusion' }),
      ]);
    });
    after(async () => {
      await app.close();
      await fresh.drop();
    });

    it('falls back to keyword ranking and says why', async () => {
      for (const mode of ['semantic', 'hybrid']) {
        const res = await app.inject(`/api/papers/search?q=speech&mode=${mode}`);
        const hits: Hit[] = json(res, 200, mode);
        assert.deepEqual(hits.map((h) => h.paper.id), ['2505.00001'], mode);
        assert.equal(res.headers['x-search-mode'], 'keyword', mode);
        assert.match(String(res.headers['x-search-degraded']), /model/, mode);
      }
      const keyword = await app.inject('/api/papers/search?q=speech&mode=keyword');
      assert.equal(keyword.headers['x-search-degraded'], undefined);
      const similar: Hit[] = json(await app.inject('/api/papers/2505.00001/similar'), 200, 'similar without a model');
      assert.ok(similar.every((h) => h.paper.id !== '2505.00001'));
    });
  });
}
