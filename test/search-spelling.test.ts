import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { backends, type FreshDb } from './helpers/databases.js';
import { paperRecord } from './helpers/paper-records.js';
import { webAppWith } from './helpers/web-app.js';
import { htmlPage } from './helpers/html-doc.js';
import { upsertRecords } from '../src/store/papers-write.js';
import { KeywordIndex } from '../src/search/keyword/keyword-index.js';
import { SpellingIndex, editDistance } from '../src/search/keyword/spelling.js';
import type { PaperRecord } from '../src/model/paper-record.js';

describe('edit distance', () => {
  it('counts insertions, deletions, substitutions and swaps of neighbours, up to a limit', () => {
    assert.equal(editDistance('tranformer', 'transformer', 2), 1);
    assert.equal(editDistance('nueral', 'neural', 1), 1, 'a swap is one edit');
    assert.equal(editDistance('modles', 'models', 1), 1);
    assert.equal(editDistance('difusion', 'diffusion', 1), 1);
    assert.equal(editDistance('vison', 'vision', 1), 1);
    assert.equal(editDistance('speech', 'speech', 0), 0);
    assert.equal(editDistance('graph', 'grape', 0), Infinity);
    assert.equal(editDistance('transformer', 'transformation', 2), Infinity);
  });
});

/** Titles that make a vocabulary: common words in many titles, one typo in one title, and an abstract-only word. */
function corpus(): PaperRecord[] {
  const out: PaperRecord[] = [];
  let n = 0;
  const add = (title: string, abstract = 'We report results.'): void => {
    out.push(paperRecord(`2503.${String(10000 + n++)}`, { title, abstract }));
  };
  for (let i = 0; i < 60; i++) add(`Transformer models for vision study ${i}`);
  for (let i = 0; i < 60; i++) add(`Diffusion policies and neural networks ${i}`);
  add('Vison transformers revisited');
  for (let i = 0; i < 6; i++) add(`Quasar catalogues ${i}`);
  add('A survey', 'We study the quasr regime of compact objects.');
  return out;
}

// "Did you mean": the words of every title, read once, suggest spellings for query words almost no
// paper uses; on both databases, and on the search page.
for (const backend of backends()) {
  describe(`spelling suggestions (${backend.name})`, () => {
    let fresh: FreshDb;
    let keyword: KeywordIndex;
    let now = 1_000_000;
    let spelling: SpellingIndex;
    before(async () => {
      fresh = await backend.create();
      keyword = new KeywordIndex(fresh.db);
      await upsertRecords(fresh.db, corpus());
      await keyword.indexPending();
      spelling = new SpellingIndex(fresh.db, async (w) => {
        const r = await keyword.searchRows(w, { limit: 1 });
        return r.ok ? r.total : 0;
      }, () => now);
    });
    after(async () => {
      await keyword.close();
      await fresh.drop();
    });

    it('replaces the words almost no paper uses by the nearest frequent title word', async () => {
      assert.equal(await spelling.suggest('tranformer models for vison'), 'transformer models for vision');
      assert.equal(await spelling.suggest('difusion nueral networks'), 'diffusion neural networks');
      assert.equal(await spelling.suggest('Diffusion policies'), null, 'known words need nothing');
      assert.equal(await spelling.suggest('tranformer models for vision with many more words than any typed query ever has'), null, 'a passage is not corrected');
    });

    it('touches plain words only: filters, phrases and exclusions stay as typed', async () => {
      assert.equal(await spelling.suggest('author:tranformer "difusion nets" -vison nueral'), 'author:tranformer "difusion nets" -vison neural');
      assert.equal(await spelling.suggest('tranformer OR difusion'), 'transformer OR diffusion');
    });

    it('keeps a word whose neighbour is not far more frequent', async () => {
      // "quasr" is in one abstract; "quasar" in only six titles: not 50 times as many.
      assert.equal(await spelling.suggest('quasr'), null);
    });

    it('answers without a suggestion, saying so, while the vocabulary is still being read', async () => {
      let release!: () => void;
      const gate = new Promise<void>((resolve) => { release = resolve; });
      // The titles are read only once the gate opens: a server's first seconds on a large corpus.
      const slow = new Proxy(fresh.db, {
        get(target, prop) {
          const v = Reflect.get(target, prop) as unknown;
          if (prop === 'all') return async (...args: unknown[]) => { await gate; return (v as (...a: unknown[]) => unknown).apply(target, args); };
          return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
        },
      });
      const cold = new SpellingIndex(slow, async () => 0, () => now);
      const started = Date.now();
      assert.deepEqual(await cold.suggestWithin('tranformer', 30), { ready: false, suggestion: null });
      assert.ok(Date.now() - started < 1000, 'the wait is bounded');
      assert.deepEqual(await cold.suggestWithin('tranformer models for vision with many more words than any typed query ever has', 30), { ready: true, suggestion: null }, 'a passage needs no vocabulary');
      release();
      assert.deepEqual(await cold.suggestWithin('tranformer', 5000), { ready: true, suggestion: 'transformer' });
    });

    it('reads the titles again once the corpus has grown by a tenth', async () => {
      assert.equal(await spelling.suggest('wombatt'), null);
      await upsertRecords(fresh.db, Array.from({ length: 60 }, (_, i) => paperRecord(`2504.${String(10000 + i)}`, { title: `Wombats of Tasmania ${i}` })));
      now += 61_000;
      await spelling.suggest('anything'); // notices the growth and reads again in the background
      let got: string | null = null;
      for (let i = 0; i < 100 && got === null; i++) {
        got = await spelling.suggest('wombatt');
        if (got === null) await new Promise((r) => setTimeout(r, 20));
      }
      assert.equal(got, 'wombats');
    });
  });
}

describe('spelling suggestions on the search page', () => {
  let fresh: FreshDb;
  let app: FastifyInstance;
  before(async () => {
    fresh = await backends()[0]!.create();
    app = await webAppWith(fresh, corpus());
  });
  after(async () => {
    await app.close();
    await fresh.drop();
  });

  it('links the corrected search, keeping mode and filters', async () => {
    const doc = await htmlPage(app, '/search?q=tranformer&mode=keyword&category=cs.CL');
    const link = doc.querySelector('.did-you-mean a')!;
    assert.equal(link.text, 'transformer');
    assert.equal(link.getAttribute('href'), '/search?q=transformer&mode=keyword&category=cs.CL');
    const right = await htmlPage(app, '/search?q=transformer');
    assert.equal(right.querySelector('.did-you-mean'), null);
  });

  it('says the same in the API, in X-Search-Suggestion', async () => {
    const res = await app.inject('/api/papers/search?q=tranformer+vison&mode=keyword');
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['x-search-suggestion'], 'transformer vision');
    const right = await app.inject('/api/papers/search?q=transformer');
    assert.equal(right.headers['x-search-suggestion'], undefined);
  });
});
