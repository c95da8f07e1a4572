import type { EmbeddingsConfig } from '../src/config/config.js';
import { paperText } from '../src/search/vector/embedder.js';
import { OpenAiEmbedder } from '../src/search/vector/openai-embedder.js';
import { cosine } from '../src/search/vector/cosine.js';
import { fusedRanking, scoreFusion } from '../src/search/vector/fusion.js';
import { FUSION_WEIGHTS } from '../src/search/semantic/semantic-engine.js';
import { SIMILAR_PAPERS_CANDIDATES, SIMILAR_PAPERS_WEIGHTS } from '../src/search/similarity/similar-papers.js';
import { DataError, type EvalQuery } from './collection.js';
import { DEPTH, queryText, type Mode, type ModeContext } from './modes.js';
import { orderPool, type Ranker } from './ranking.js';
import { charSpace, corpusRows, similarRanker, type SimilarSpace } from './similar-modes.js';

const log = (line: string): void => { process.stderr.write(`[eval] ${line}\n`); };

/** Vectors from the endpoint, or a DataError naming it: the eval cannot go on without them. */
async function embedAll(client: OpenAiEmbedder, texts: readonly string[]): Promise<Float32Array[]> {
  const out: Float32Array[] = [];
  for (let i = 0; i < texts.length; i += 512) {
    const r = await client.embed(texts.slice(i, i + 512));
    if (!r.ok) throw new DataError(`embeddings endpoint ${r.problem.source}: ${r.problem.message}`);
    out.push(...r.vectors);
    if (texts.length > 1000) log(`endpoint: ${out.length}/${texts.length} papers embedded`);
  }
  return out;
}

/** Every paper of the collection embedded by the endpoint, once per collection. */
async function endpointSpace(ctx: ModeContext, client: OpenAiEmbedder): Promise<SimilarSpace> {
  const hit = ctx.cache.get('endpoint') as SimilarSpace | undefined;
  if (hit) return hit;
  const t0 = performance.now();
  const vectors = await embedAll(client, ctx.imp.papers.map((p) => paperText(p.title, p.abstract)));
  ctx.notes['endpoint'] = { url: client.opts.url, model: client.opts.model, dimensions: vectors[0]?.length ?? 0, embedSeconds: (performance.now() - t0) / 1000 };
  const space: SimilarSpace = { ...(await corpusRows(ctx)), vectors, embed: async (text) => (await embedAll(client, [text]))[0]!, terms: null, chars: charSpace(ctx) };
  ctx.cache.set('endpoint', space);
  return space;
}

/** Cosine of every paper to the query with the endpoint's vectors (a query paper uses its own). */
async function cosines(ctx: ModeContext, space: SimilarSpace, q: EvalQuery): Promise<Map<string, number>> {
  const own = q.paperId !== undefined ? space.row.get(q.paperId) : undefined;
  const qv = own !== undefined ? space.vectors[own]! : await space.embed(queryText(ctx, q));
  const out = new Map<string, number>();
  space.vectors.forEach((v, i) => { if (i !== own) out.set(space.ids[i]!, cosine(qv, v)); });
  return out;
}

function ranker(fused: (q: EvalQuery) => Promise<string[]>): Ranker {
  return async (q) => {
    const ranking = await fused(q);
    return q.pool ? orderPool(q.pool, ranking) : ranking.slice(0, DEPTH);
  };
}

/**
 * Modes that rank with an OpenAI-compatible embeddings service (PAPERBOY_EMBEDDINGS_URL/MODEL/API_KEY,
 * as `serve` would use it), so an admin can measure a model on the same judgments before choosing
 * it: alone, in the search box's hybrid, and in similar papers (where, as in the product, the
 * service's cosine takes the LSA cosine's place beside the character n-grams).
 */
export function endpointModes(e: EmbeddingsConfig): Mode[] {
  if (!e.url) return [];
  const client = new OpenAiEmbedder({ url: e.url, model: e.model ?? '', apiKey: e.apiKey, timeoutMs: e.timeoutMs });
  const name = e.model ? `${e.model} at ${e.url}` : e.url;
  return [
    {
      name: 'endpoint',
      about: `cosine of the vectors of ${name}`,
      build: async (ctx) => {
        const space = await endpointSpace(ctx, client);
        return ranker(async (q) => fusedRanking(await cosines(ctx, space, q)));
      },
    },
    {
      name: 'endpoint-hybrid',
      about: `the search box's fusion (keyword ${FUSION_WEIGHTS.keyword} / vector ${FUSION_WEIGHTS.vector}) with the vectors of ${name}`,
      build: async (ctx) => {
        const space = await endpointSpace(ctx, client);
        return ranker(async (q) => {
          const kw = await ctx.imp.keyword.search(queryText(ctx, q), { limit: ctx.imp.papers.length, match: 'any' });
          const words = new Map(kw.ok ? kw.hits.map((h) => [h.paperId, h.score]) : []);
          return fusedRanking(scoreFusion([{ scores: words, weight: FUSION_WEIGHTS.keyword, missing: 0 }, { scores: await cosines(ctx, space, q), weight: FUSION_WEIGHTS.vector }]));
        });
      },
    },
    {
      name: 'endpoint-similar',
      about: `similar papers with the vectors of ${name} in the LSA cosine's place (character n-grams, titles and time as in "similar")`,
      build: async (ctx) => similarRanker(ctx, await endpointSpace(ctx, client), SIMILAR_PAPERS_WEIGHTS, SIMILAR_PAPERS_CANDIDATES),
    },
  ];
}
