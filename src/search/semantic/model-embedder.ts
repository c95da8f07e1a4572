import type { Config } from '../../config/config.js';
import type { Db } from '../../db/db.js';
import { embeddingModels, type EmbeddingModelRow } from '../../store/embedding-models.js';
import { LsaEmbedder } from '../vector/lsa-embedder.js';
import { OpenAiEmbedder, type EmbedOutcome } from '../vector/openai-embedder.js';
import { decodeLsa, type StoredLsa } from './lsa-model-blob.js';
import { loadRegions, type RegionalModels } from './lsa-regions.js';
import type { TopicModel } from './explain.js';
import type { CharGramTable } from '../similarity/char-grams.js';
import { genericRows } from '../vector/residual-idf.js';

/** A stored model ready to embed texts, whichever kind it is; LSA ones also name their topics. */
export interface ModelEmbedder {
  readonly kind: 'lsa' | 'endpoint';
  readonly name: string;
  embed(texts: readonly string[]): Promise<EmbedOutcome>;
  readonly lsa: { model: LsaEmbedder; labels: string[]; regions: RegionalModels | null; generic: ReadonlySet<number> } | null;
  /**
   * What match explanations weigh words by (idf, words of the prose) and name topics with: the LSA
   * model itself, or an endpoint model's word table (no topics); null for a model an older version
   * stored without one.
   */
  readonly words: TopicModel | null;
  /**
   * The character n-gram counts similar papers ranks with, stored with the model (LSA or endpoint);
   * null for a model an older version stored without them (similar papers then uses word signals).
   */
  readonly chars: CharGramTable | null;
}

/** Which model the configuration asks for: the endpoint when PAPERBOY_EMBEDDINGS_URL is set, else LSA. */
export function configuredModel(config: Pick<Config, 'embeddings'>): { kind: 'lsa' | 'endpoint'; name: string } {
  const e = config.embeddings;
  if (e.url) return { kind: 'endpoint', name: `${e.model ?? ''}@${e.url}` };
  return { kind: 'lsa', name: 'lsa' };
}

/** An embedder for a trained LSA model (never fails: it runs in this process). */
export function lsaModelEmbedder(stored: StoredLsa): ModelEmbedder {
  const model = LsaEmbedder.fromData(stored.data);
  const label = new Map(stored.data.terms.map((t, i) => [t, stored.labels[i] ?? t]));
  // Measured on the corpus-wide model only; the regional models leave out the same words.
  const generic = genericRows(stored.data.ridf);
  const regions = stored.regions ? loadRegions(stored.regions, (t) => label.get(t) ?? t, [...generic].map((i) => stored.data.terms[i]!)) : null;
  const lsa = { model, labels: stored.labels, regions, generic };
  return {
    kind: 'lsa', name: 'lsa', lsa, words: lsa, chars: stored.chars ?? null,
    async embed(texts) { return { ok: true, vectors: texts.map((t) => model.embedOne(t)) }; },
  };
}

/**
 * An embedder for the configured endpoint; `dimensions` pins the vector length once a model has it,
 * `counts` are the n-gram counts and word table stored with the model (see trainCorpusCounts).
 */
export function endpointModelEmbedder(config: Pick<Config, 'embeddings'>, dimensions?: number, counts: StoredLsa | null = null): ModelEmbedder {
  const e = config.embeddings;
  const client = new OpenAiEmbedder({ url: e.url!, model: e.model ?? '', apiKey: e.apiKey, timeoutMs: e.timeoutMs, dimensions: dimensions || undefined });
  const table = counts?.data.terms.length ? counts.data : null;
  const words = table ? { model: LsaEmbedder.fromData(table), labels: table.terms, generic: genericRows(table.ridf) } : null;
  return { kind: 'endpoint', name: configuredModel(config).name, lsa: null, words, chars: counts?.chars ?? null, embed: (texts) => client.embed(texts) };
}

/** The embedder of a stored model, or null when it cannot be used with this configuration. */
export async function embedderFor(db: Db, row: EmbeddingModelRow, config: Pick<Config, 'embeddings'>): Promise<ModelEmbedder | null> {
  if (row.kind === 'lsa') {
    const blob = await embeddingModels.data(db, row.id);
    return blob ? lsaModelEmbedder(decodeLsa(blob)) : null;
  }
  const want = configuredModel(config);
  if (want.kind !== 'endpoint' || want.name !== row.name) return null;
  const blob = await embeddingModels.data(db, row.id);
  return endpointModelEmbedder(config, row.dimensions, blob ? decodeLsa(blob) : null);
}
