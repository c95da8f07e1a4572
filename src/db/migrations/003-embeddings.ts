import type { Dialect } from '../db.js';

/**
 * Stored embedding models and one vector per paper and model, so semantic search works on both
 * databases. A model is built completely (`state` 'building') before it becomes 'active', so search
 * never mixes vectors of two models; `version` grows with every batch of vectors written and each
 * vector keeps the version that wrote it (`seq`), so a server loads only what changed.
 * Vectors are int8 with one float32 scale each (see src/search/vector/quantize.ts).
 */
export function embeddingsSchema(d: Dialect): string {
  const big = d.bigint;
  return `
CREATE TABLE embedding_models (
  id ${d.serialPrimaryKey},
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  dimensions INTEGER NOT NULL DEFAULT 0,
  state TEXT NOT NULL DEFAULT 'building',
  trained_at TEXT NOT NULL,
  trained_on ${big} NOT NULL DEFAULT 0,
  version ${big} NOT NULL DEFAULT 0,
  data ${d.blob}
);
CREATE TABLE paper_embeddings (
  model_id ${big} NOT NULL,
  paper_id ${big} NOT NULL,
  seq ${big} NOT NULL,
  vector ${d.blob} NOT NULL,
  PRIMARY KEY (model_id, paper_id)
)${d.clusteredTable};
CREATE INDEX paper_embeddings_seq ON paper_embeddings (model_id, seq, paper_id);
CREATE TABLE embedding_pending (
  paper_id ${big} PRIMARY KEY,
  seq ${big} NOT NULL DEFAULT 0
);
`;
}
