import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { backends, type FreshDb } from './helpers/databases.js';
import { upsertRecords } from '../src/store/papers-write.js';
import { KeywordIndex } from '../src/search/keyword/keyword-index.js';
import { MIGRATIONS } from '../src/db/migrate.js';
import { words } from '../src/search/keyword/tokenize.js';
import { highlighter } from '../src/web/views/highlight.js';
import type { PaperRecord } from '../src/model/paper-record.js';

function rec(id: string, title: string, abstract: string): PaperRecord {
  return { id, title, abstract, authors: ['Ada Lovelace'], categories: ['cs.LG'], publishedAt: '2024-05-01T00:00:00.000Z', source: { name: 'jsonl', origin: `test:${id}`, raw: JSON.stringify({ id, title }) } };
}

const CORPUS: PaperRecord[] = [
  rec('2402.00001', 'Rényi bounds for $α$-divergences', 'We bound the α-divergence between Gaussian mixtures.'),
  rec('2402.00002', '$\\beta$-VAE revisited', 'Disentangling with a $\\beta$ weight on the prior term.'),
  rec('2402.00003', 'Divergence of training runs', 'Loss spikes and divergence in long training.'),
  rec('2402.00004', 'Αθήνα street images', 'A dataset of street images from Athens.'),
  rec('2402.00005', '$\\varepsilon$-greedy exploration revisited', 'Exploration with a decaying $\\varepsilon$ and various variance bounds.'),
  rec('2402.00006', 'Phase noise in Zürich', 'We estimate the phase $\\varphi$ of each receiver.'),
];

describe('Greek letters in the tokenizer', () => {
  it('spells short runs of Greek letters by their LaTeX names, after folding case and accents', () => {
    assert.deepEqual(words('$α$-divergence'), ['alpha', 'divergence']);
    assert.deepEqual(words('$\\alpha$-divergence'), ['alpha', 'divergence']);
    assert.deepEqual(words('Β-VAE, ΣΔ and µP'), ['beta', 'vae', 'sigma', 'delta', 'and', 'mu', 'p']);
    assert.deepEqual(words('ϵ-greedy, ϕ, ς, ά'), ['epsilon', 'greedy', 'phi', 'sigma', 'alpha']);
    assert.deepEqual(words('Lα at 2θ'), ['l', 'alpha', 'at', '2', 'theta']);
  });

  it("reads LaTeX's variant letters as the letter, and leaves other words that start with var alone", () => {
    assert.deepEqual(words('$\\varepsilon$-greedy, $\\vartheta$, $\\varphi$ and $\\varpi$'), ['epsilon', 'greedy', 'theta', 'phi', 'and', 'pi']);
    assert.deepEqual(words('variance of various variables, varied'), ['variance', 'of', 'various', 'variables', 'varied']);
    assert.deepEqual(words('Zürich: $\\varrho$'), ['zurich', 'rho'], 'on the Unicode path too');
  });

  it('keeps a Greek word (four letters or more) as a word', () => {
    assert.deepEqual(words('Αθήνα'), ['αθηνα']);
  });

  it('highlights a Greek letter for a query that names it', () => {
    assert.equal(highlighter('alpha divergence')('the α-divergence').value, 'the <mark>α</mark>-<mark>divergence</mark>');
  });
});

for (const backend of backends()) {
  describe(`Greek letters in keyword search on ${backend.name}`, () => {
    let fresh: FreshDb;
    let index: KeywordIndex;
    const ids = async (q: string): Promise<string[]> => {
      const r = await index.search(q);
      assert.ok(r.ok, `query ${q} failed: ${!r.ok ? r.problem.message : ''}`);
      return r.hits.map((h) => h.paperId).sort();
    };

    before(async () => {
      fresh = await backend.create();
      await upsertRecords(fresh.db, CORPUS);
      index = new KeywordIndex(fresh.db);
      await index.indexPending();
    });
    after(async () => fresh.drop());

    it('finds a Unicode letter by its name, by its LaTeX command and by itself, and the reverse', async () => {
      for (const q of ['alpha-divergence', '$\\alpha$-divergence', 'α divergence', '"alpha divergence"']) assert.deepEqual(await ids(q), ['2402.00001'], q);
      for (const q of ['β-VAE', 'beta vae']) assert.deepEqual(await ids(q), ['2402.00002'], q);
      // An ASCII text (the indexer's fast path) and a Unicode one (the general path).
      for (const q of ['ε-greedy', 'epsilon greedy', '$\\epsilon$-greedy', '$\\varepsilon$-greedy']) assert.deepEqual(await ids(q), ['2402.00005'], q);
      for (const q of ['phi receiver', 'ϕ receiver']) assert.deepEqual(await ids(q), ['2402.00006'], q);
      assert.deepEqual(await ids('variance'), ['2402.00005']);
      assert.deepEqual(await ids('Αθήνα'), ['2402.00004']);
      assert.deepEqual(await ids('divergence'), ['2402.00001', '2402.00003']);
    });

    it('an upgrade queues the papers with non-ASCII text or LaTeX variant letters for indexing again, and only those', async () => {
      const pending = async (): Promise<string[]> =>
        (await fresh.db.all<{ paper_id: string }>('SELECT p.paper_id FROM search_pending q JOIN papers p ON p.id = q.paper_id ORDER BY p.paper_id')).map((r) => r.paper_id);
      assert.deepEqual(await pending(), []);
      // As on a database at the previous schema version: the step that queues them runs once (later
      // steps, already applied here, cannot run twice, so step 7 runs alone).
      await fresh.db.exec(MIGRATIONS.find((m) => m.version === 7)!.up(fresh.db.dialect));
      assert.deepEqual(await pending(), ['2402.00001', '2402.00004', '2402.00005', '2402.00006']);
      assert.equal(await index.indexPending(), 4);
      assert.deepEqual(await ids('alpha divergence'), ['2402.00001'], 'indexed once more, found once');
      assert.deepEqual(await pending(), []);
    });
  });
}
