import type { Dialect } from '../db.js';

/**
 * Moves each embedding model's data (its LSA basis and n-gram counts, tens of megabytes) out of the
 * model's row into a table of its own. Every batch of vectors moves the row's `version`, and SQLite
 * rewrites a whole row on update: with the data inside, each batch wrote the model again (190 ms
 * and 26 MB of log per 200 papers on an instance of 80,317 papers).
 */
export function modelDataSchema(d: Dialect): string {
  return `
CREATE TABLE embedding_model_data (
  model_id ${d.bigint} PRIMARY KEY,
  data ${d.blob}
);
INSERT INTO embedding_model_data (model_id, data) SELECT id, data FROM embedding_models WHERE data IS NOT NULL;
ALTER TABLE embedding_models DROP COLUMN data;
`;
}
