import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { charGramBuckets, trainCharGrams, CHAR_GRAM_BUCKETS, type CharGramTable } from '../src/search/similarity/char-grams.js';
import { charGramVector, gramCosine, paperGramVectors, type GramVector } from '../src/search/similarity/gram-vector.js';
import { paperText } from '../src/search/vector/embedder.js';

/** Bucket -> occurrences of each n-gram of a text's words. */
function charGramCounts(text: string, n: number): Map<number, number> {
  const out = new Map<number, number>();
  for (const b of charGramBuckets(text, n)) out.set(b, (out.get(b) ?? 0) + 1);
  return out;
}

const total = (m: ReadonlyMap<number, number>): number => [...m.values()].reduce((s, v) => s + v, 0);
const weightOf = (v: GramVector, b: number): number => {
  const i = v.buckets.indexOf(b);
  return i < 0 ? 0 : v.weights[i]!;
};

/** The TF-IDF cosine written out plainly from the counts, to check the typed-array form against. */
function referenceCosine(t: CharGramTable, a: string, b: string): number {
  const vec = (s: string): Map<number, number> => {
    const out = new Map<number, number>();
    for (const [k, c] of charGramCounts(s, t.n)) {
      const v = (1 + Math.log(c)) * Math.log(t.docs / Math.max(1, t.df[k]!));
      if (v > 0) out.set(k, v);
    }
    const norm = Math.sqrt([...out.values()].reduce((x, v) => x + v * v, 0)) || 1;
    return new Map([...out].map(([k, v]) => [k, v / norm]));
  };
  const va = vec(a), vb = vec(b);
  return [...va].reduce((s, [k, v]) => s + v * (vb.get(k) ?? 0), 0);
}

describe('character n-grams', () => {
  it('cuts each padded word into runs of n characters, ignoring case, and short words into none', () => {
    assert.equal(total(charGramCounts('Parsing', 7)), 3, '" parsing " holds 3 runs of 7');
    assert.equal(total(charGramCounts('parsing PARSING', 7)), 6);
    assert.deepEqual(charGramCounts('PARSING', 7), charGramCounts('parsing', 7));
    assert.equal(charGramCounts('the of a NLP MST with', 7).size, 0, 'words under n - 2 characters yield nothing');
    assert.equal(total(charGramCounts('tasks', 7)), 1, 'a word of n - 2 characters is one gram, itself');
    assert.deepEqual(charGramCounts('x-ray-based multi-task', 5), charGramCounts('x ray based multi task', 5), 'punctuation splits words');
    for (const b of charGramCounts('an unusually polysyllabic vocabulary', 6).keys()) assert.ok(b >= 0 && b < CHAR_GRAM_BUCKETS);
  });

  it('cuts ASCII text (read off its character codes) exactly as the Unicode word pattern does', () => {
    // A one-letter non-ASCII word yields no gram but sends the text down the Unicode path.
    const texts = ['Self-Supervised ViT_B/16 on ImageNet-1k: 84.2% top-1 (w/o labels)!', 'X' + 'y'.repeat(60) + 'Z end', 'a1b2c3d4e5 --- 2024Q3reports'];
    for (const t of texts) {
      for (const n of [5, 8]) assert.deepEqual(charGramBuckets(t, n), charGramBuckets(`${t} é`, n), `${t} (n=${n})`);
    }
    assert.deepEqual(charGramBuckets('Übersetzung naïve', 5), charGramBuckets('übersetzung NAÏVE', 5), 'non-ASCII text is lower-cased too');
    assert.notDeepEqual(charGramBuckets('naïve', 5), charGramBuckets('naive', 5), 'accents are kept apart');
  });

  it('counts in how many texts a gram occurs, once per text', () => {
    const t = trainCharGrams(['bootstrapping bootstrapping', 'bootstrapping', 'unrelated words entirely'], 7);
    assert.equal(t.docs, 3);
    for (const b of charGramCounts('bootstrapping', 7).keys()) assert.equal(t.df[b], 2);
    for (const b of charGramCounts('unrelated', 7).keys()) assert.equal(t.df[b], 1);
  });

  it('weighs rare grams over common ones in a unit-length vector, an unseen gram as the rarest', () => {
    const corpus = ['neural networks', 'neural networks again', 'neural networks for bootstrapping', 'the networks'];
    const t = trainCharGrams(corpus, 7);
    const v = charGramVector(t, 'networks bootstrapping zygomorphic');
    assert.ok(Math.abs(Math.sqrt(v.weights.reduce((s, x) => s + x * x, 0)) - 1) < 1e-9);
    for (let i = 1; i < v.buckets.length; i++) assert.ok(v.buckets[i - 1]! < v.buckets[i]!, 'buckets ascend, each once');
    const weight = (word: string): number => Math.max(...[...charGramCounts(word, 7).keys()].map((b) => weightOf(v, b)));
    assert.ok(weight('bootstrapping') > weight('networks'), 'in one text of four against three');
    assert.ok(weight('zygomorphic') >= weight('bootstrapping'), 'never seen');
    assert.equal(charGramVector(t, '').buckets.length, 0);
    assert.equal(weight('neural'), 0, 'not in this text');
  });

  it('matches derivations the stemmer keeps apart, and long shared words over short ones', () => {
    const texts = ['text classification with kernels', 'a classifier for images', 'graph layouts for images', 'kernels for graph search', 'layouts of search pages'];
    const t = trainCharGrams(texts, 7);
    const vec = (s: string): GramVector => charGramVector(t, s);
    const q = vec(texts[0]!);
    assert.ok(gramCosine(q, vec(texts[1]!)) > 0, 'classification ~ classifier');
    assert.equal(gramCosine(q, vec(texts[2]!)), 0, 'nothing shared');
    // Equally rare words: the longer one shared counts more (9 grams of 7 against 3).
    const u = trainCharGrams(['bootstrapping parsers', 'bootstrapping taggers', 'parsers taggers', 'other texts'], 7);
    const uv = (s: string): GramVector => charGramVector(u, s);
    assert.ok(gramCosine(uv('bootstrapping parsers'), uv('bootstrapping taggers')) > 2 * gramCosine(uv('bootstrapping parsers'), uv('parsers taggers')));
  });

  it('computes the TF-IDF cosine of the counts, with repeats counted sublinearly', () => {
    const corpus = ['graph neural networks for molecules', 'neural networks', 'molecular graph generation', 'graph graph graph layouts', 'protein language models', 'language models of molecules'];
    const t = trainCharGrams(corpus, 6);
    for (const a of corpus) {
      for (const b of corpus) {
        const got = gramCosine(charGramVector(t, a), charGramVector(t, b));
        assert.ok(Math.abs(got - referenceCosine(t, a, b)) < 1e-12, `${a} ~ ${b}: ${got}`);
      }
    }
    assert.ok(Math.abs(gramCosine(charGramVector(t, corpus[3]!), charGramVector(t, corpus[3]!)) - 1) < 1e-12);
  });

  it("reads a paper as paperText does (the title twice, then the abstract) and its title alone", () => {
    const t = trainCharGrams(['Sparse attention for long documents', 'Dense retrieval with long contexts', 'Attention is sparse'], 7);
    for (const [title, abstract] of [['Sparse Attention Kernels', 'We make attention sparse for documents.'], ['Retrieval', null], ['', 'only an abstract']] as const) {
      const got = paperGramVectors(t, title, abstract);
      assert.deepEqual(got.text, charGramVector(t, paperText(title, abstract)));
      assert.deepEqual(got.title, charGramVector(t, title));
    }
  });
});
