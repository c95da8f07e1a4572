import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SparseMatrix } from '../src/search/vector/sparse-matrix.js';
import { orthonormalise, randomizedSvd, symmetricEigen } from '../src/search/vector/randomized-svd.js';
import { LsaEmbedder } from '../src/search/vector/lsa-embedder.js';
import { paperText } from '../src/search/vector/embedder.js';
import { cosine, rankByCosine } from '../src/search/vector/cosine.js';
import { TWO_TOPIC_CORPUS } from './helpers/two-topic-corpus.js';

const close = (a: number, b: number, eps = 1e-6): void => assert.ok(Math.abs(a - b) < eps, `${a} != ${b}`);

describe('linear algebra for LSA', () => {
  it('multiplies a sparse matrix and its transpose by dense ones', () => {
    // [[1, 0, 2], [0, 3, 0]]
    const m = SparseMatrix.fromRows([new Map([[2, 2], [0, 1]]), new Map([[1, 3]])], 3);
    assert.deepEqual([...m.times(Float64Array.from([1, 2, 3]), 1)], [7, 6]);
    assert.deepEqual([...m.transposeTimes(Float64Array.from([1, 1]), 1)], [1, 3, 2]);
  });

  it('orthonormalises columns', () => {
    const m = Float64Array.from([1, 1, 0, 1, 1, 0]); // 3 x 2
    orthonormalise(m, 3, 2);
    close(m[0]! * m[1]! + m[2]! * m[3]! + m[4]! * m[5]!, 0);
    close(m[0]! ** 2 + m[2]! ** 2 + m[4]! ** 2, 1);
  });

  it('finds eigenvalues of a symmetric matrix', () => {
    const { values, vectors } = symmetricEigen(Float64Array.from([2, 1, 1, 2]), 2);
    close(values[0]!, 3);
    close(values[1]!, 1);
    close(Math.abs(vectors[0]!), Math.SQRT1_2);
  });

  it('recovers the singular values of a small matrix', () => {
    // diag(5, 3, 1) padded with a zero row: singular values 5, 3.
    const m = SparseMatrix.fromRows([new Map([[0, 5]]), new Map([[1, 3]]), new Map([[2, 1]]), new Map()], 3);
    const svd = randomizedSvd(m, 2, { oversample: 1, iterations: 3 });
    close(svd.values[0]!, 5);
    close(svd.values[1]!, 3);
    close(Math.abs(svd.right[0 * 2 + 0]!), 1);
    close(Math.abs(svd.right[1 * 2 + 1]!), 1);
  });
});

const CORPUS = TWO_TOPIC_CORPUS;

describe('LSA embedder', () => {
  const model = LsaEmbedder.train(CORPUS.map(([t, a]) => paperText(t, a)), { dimensions: 2 });

  it('embeds texts as unit vectors of its dimensions', async () => {
    const [v, empty] = await model.embed(['graph colouring', 'the of and']);
    assert.equal(model.dimensions, 2);
    assert.equal(v!.length, 2);
    close(cosine(v!, v!), 1, 1e-5);
    assert.deepEqual([...empty!], [0, 0]);
  });

  it('puts papers on the same topic together even without shared words', async () => {
    const docs = await model.embed(CORPUS.map(([t, a]) => paperText(t, a)));
    const ids = CORPUS.map((_, i) => String(i));
    // "chromatic number" shares no word with paper 3's text, but the topic is the same.
    const [q] = await model.embed(['chromatic']);
    const top = rankByCosine(q!, ids, docs, 3).map((h) => h.id).sort();
    assert.deepEqual(top, ['3', '4', '5']);
    const similar = rankByCosine(docs[0]!, ids, docs).map((h) => h.id);
    assert.deepEqual(similar.slice(0, 3).sort(), ['0', '1', '2']);
  });

  it('saves and loads a model that embeds the same', async () => {
    const loaded = LsaEmbedder.fromData(model.toData());
    assert.deepEqual([...(await loaded.embed(['greedy graph']))[0]!], [...(await model.embed(['greedy graph']))[0]!]);
    assert.throws(() => LsaEmbedder.fromData({ ...model.toData(), dimensions: 3 }));
  });

  it('trains the same model from the same corpus', async () => {
    const again = LsaEmbedder.train(CORPUS.map(([t, a]) => paperText(t, a)), { dimensions: 2 });
    assert.deepEqual([...again.basis], [...model.basis]);
  });
});
