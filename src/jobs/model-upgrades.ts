import type { Db } from '../db/db.js';
import { embeddingModels, type EmbeddingModelRow } from '../store/embedding-models.js';
import { decodeLsa, encodeLsa, lsaBlobParts } from '../search/semantic/lsa-model-blob.js';
import { CHAR_GRAM_LENGTH } from '../search/similarity/char-grams.js';
import { measureResidualIdf, trainCorpusCounts } from '../search/semantic/lsa-training.js';

// What the embedding job checks and mends in a model it finds stored: whether an older version made
// it without a part this one uses, and the cheapest way to give it that part.

/** What stored models' data holds, by model id and date: the check reads a model's data once per process. */
const knownParts = new Map<string, { chars: boolean; ridf: boolean }>();

/**
 * Whether a model holds what this version ranks and explains with: the character n-gram counts of
 * similar papers (of the length it uses) and the residual idf that keeps words of the prose out of
 * explanations (an endpoint model's in its word table). A model stored by an older version may lack
 * them: an LSA model without the counts is rebuilt (its papers get the word signals, which score
 * lower; search keeps using it until the new one is ready) and one without residual idf gets it
 * (addResidualIdf); an endpoint model gets both counted again, and its vectors stay.
 */
async function partsOf(db: Db, row: EmbeddingModelRow): Promise<{ chars: boolean; ridf: boolean }> {
  const key = `${row.id}:${row.trainedAt}`;
  let parts = knownParts.get(key);
  if (parts === undefined) {
    // The header alone: its length, then the header (the arrays after it are most of the blob).
    const size = await embeddingModels.dataPrefix(db, row.id, 4);
    const head = size?.length === 4 ? await embeddingModels.dataPrefix(db, row.id, 4 + size.readUInt32LE(0)) : null;
    const read = head === null ? null : lsaBlobParts(head);
    parts = { chars: read?.chars?.n === CHAR_GRAM_LENGTH, ridf: read?.ridf === true };
    knownParts.set(key, parts);
  }
  return parts;
}

/**
 * Gives an LSA model an older version stored without residual idf its residual idf, measured on a
 * sample of the papers, without training it again or embedding any paper: an upgrade should not
 * cost a rebuild (minutes at a million papers) for what only explanations use.
 */
export async function addResidualIdf(db: Db, row: EmbeddingModelRow): Promise<EmbeddingModelRow> {
  if ((await partsOf(db, row)).ridf) return row;
  const blob = await embeddingModels.data(db, row.id);
  if (!blob) return row;
  const stored = decodeLsa(blob);
  const ridf = await measureResidualIdf(db, stored.data.terms);
  if (!ridf) return row;
  await embeddingModels.setData(db, row.id, encodeLsa({ ...stored, data: { ...stored.data, ridf } }), row.trainedOn);
  return (await embeddingModels.byId(db, row.id)) ?? row;
}

/**
 * Counts (again) the n-gram counts and word table of an endpoint model when it has none of this
 * version's or the corpus has doubled since they were counted, as an LSA model is retrained; the
 * vectors, which the service made, stay. Returns the model as stored afterwards.
 */
export async function refreshEndpointCounts(db: Db, row: EmbeddingModelRow): Promise<EmbeddingModelRow> {
  const papers = await embeddingModels.paperCount(db);
  const parts = await partsOf(db, row);
  if (!papers || (papers < 2 * Math.max(1, row.trainedOn) && parts.chars && parts.ridf)) return row;
  const counts = await trainCorpusCounts(db);
  if (!counts) return row;
  await embeddingModels.setData(db, row.id, encodeLsa(counts), papers);
  return (await embeddingModels.byId(db, row.id)) ?? row;
}

/** Whether the active model no longer fits: another kind configured, or (LSA) the corpus doubled since training or an older version trained it without n-gram counts. */
export async function rebuildDue(db: Db, active: EmbeddingModelRow | null, want: { kind: string; name: string }): Promise<boolean> {
  if (!active || active.kind !== want.kind || active.name !== want.name) return true;
  if (want.kind !== 'lsa') return false;
  return (await embeddingModels.paperCount(db)) >= 2 * Math.max(1, active.trainedOn) || !(await partsOf(db, active)).chars;
}
