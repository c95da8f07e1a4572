import { bumpDataVersion } from './data-version.js';
import type { Db } from '../db/db.js';
import { paperCount } from './paper-batch-read.js';

/** One stored embedding model (its data blob lives in a table of its own: it can be tens of megabytes). */
export interface EmbeddingModelRow {
  id: number;
  /** 'lsa' (trained here) or 'endpoint' (an OpenAI-compatible service). */
  kind: string;
  /** What identifies the model within its kind (LSA settings, or the endpoint's URL and model name). */
  name: string;
  dimensions: number;
  state: 'building' | 'active' | 'retired';
  trainedAt: string;
  /** Papers in the corpus when the model was made (retraining is due when it doubles). */
  trainedOn: number;
  /** Grows with every batch of vectors written for the model. */
  version: number;
}

const COLUMNS = 'id, kind, name, dimensions, state, trained_at, trained_on, version';

function toModel(r: Record<string, unknown>): EmbeddingModelRow {
  return {
    id: Number(r['id']), kind: String(r['kind']), name: String(r['name']), dimensions: Number(r['dimensions']),
    state: String(r['state']) as EmbeddingModelRow['state'], trainedAt: String(r['trained_at']),
    trainedOn: Number(r['trained_on']), version: Number(r['version']),
  };
}

/** Stores a model's data in its own table (a model row is updated by every batch of vectors), replacing any; none for null. */
async function putData(tx: Db, id: number, data: Buffer | null): Promise<void> {
  await tx.run('DELETE FROM embedding_model_data WHERE model_id = ?', [id]);
  if (data) await tx.run('INSERT INTO embedding_model_data (model_id, data) VALUES (?, ?)', [id, data]);
}

/** SQL of embedding models: which one search uses, which one is being built, and their data. */
export const embeddingModels = {
  async active(db: Db): Promise<EmbeddingModelRow | null> {
    const r = await db.get(`SELECT ${COLUMNS} FROM embedding_models WHERE state = 'active' ORDER BY id DESC LIMIT 1`);
    return r ? toModel(r) : null;
  },

  async building(db: Db): Promise<EmbeddingModelRow | null> {
    const r = await db.get(`SELECT ${COLUMNS} FROM embedding_models WHERE state = 'building' ORDER BY id DESC LIMIT 1`);
    return r ? toModel(r) : null;
  },

  async byId(db: Db, id: number): Promise<EmbeddingModelRow | null> {
    const r = await db.get(`SELECT ${COLUMNS} FROM embedding_models WHERE id = ?`, [id]);
    return r ? toModel(r) : null;
  },

  async data(db: Db, id: number): Promise<Buffer | null> {
    const r = await db.get<{ data: Buffer | null }>('SELECT data FROM embedding_model_data WHERE model_id = ?', [id]);
    return r?.data ?? null;
  },

  /**
   * The first `bytes` bytes of a model's data (fewer when it is shorter), or null without data: a
   * model's header says which parts it holds, and the whole blob is tens of MB (SQLite still walks
   * it, but copies only the prefix: 32 ms against 85 for a 26 MB model; PostgreSQL slices it).
   */
  async dataPrefix(db: Db, id: number, bytes: number): Promise<Buffer | null> {
    const r = await db.get<{ head: Buffer | null }>('SELECT substr(data, 1, ?) AS head FROM embedding_model_data WHERE model_id = ?', [bytes, id]);
    return r?.head ?? null;
  },

  /** Starts a model in the 'building' state; returns its id. */
  async create(db: Db, m: { kind: string; name: string; dimensions: number; trainedOn: number; data: Buffer | null }): Promise<number> {
    return db.transaction(async (tx) => {
      const r = await tx.get<{ id: number }>(
        `INSERT INTO embedding_models (kind, name, dimensions, state, trained_at, trained_on, version) VALUES (?, ?, ?, 'building', ?, ?, 0) RETURNING id`,
        [m.kind, m.name, m.dimensions, new Date().toISOString(), m.trainedOn],
      );
      const id = Number(r!.id);
      await putData(tx, id, m.data);
      return id;
    });
  },

  async setDimensions(db: Db, id: number, dimensions: number): Promise<void> {
    await db.run('UPDATE embedding_models SET dimensions = ? WHERE id = ?', [dimensions, id]);
  },

  /**
   * Makes a built model the one search uses and drops older models and their vectors, in one
   * transaction (a newer model another process is building is left alone).
   */
  async activate(db: Db, id: number): Promise<void> {
    await db.transaction(async (tx) => {
      if (tx.dialect.lockStatement) await tx.run(tx.dialect.lockStatement);
      await tx.run('DELETE FROM paper_embeddings WHERE model_id < ?', [id]);
      await tx.run('DELETE FROM embedding_model_data WHERE model_id < ?', [id]);
      await tx.run('DELETE FROM embedding_models WHERE id < ?', [id]);
      await tx.run(`UPDATE embedding_models SET state = 'active', version = version + 1 WHERE id = ?`, [id]);
      // Similar-paper lists and semantic results change with the model: cached pages must go.
      await bumpDataVersion(tx);
    });
  },

  /** Forgets a model and its vectors (an abandoned build). */
  async drop(db: Db, id: number): Promise<void> {
    await db.transaction(async (tx) => {
      await tx.run('DELETE FROM paper_embeddings WHERE model_id = ?', [id]);
      await tx.run('DELETE FROM embedding_model_data WHERE model_id = ?', [id]);
      await tx.run('DELETE FROM embedding_models WHERE id = ?', [id]);
    });
  },

  /**
   * Replaces the corpus statistics stored with a model (an endpoint model's character n-gram counts,
   * counted again as the corpus grows) and the paper count they were made on, dated now (what tells
   * a server to load them); its vectors stay.
   */
  async setData(db: Db, id: number, data: Buffer | null, trainedOn: number): Promise<void> {
    await db.transaction(async (tx) => {
      await tx.run('UPDATE embedding_models SET trained_on = ?, trained_at = ? WHERE id = ?', [trainedOn, new Date().toISOString(), id]);
      await putData(tx, id, data);
      // Similar-paper lists rank with the counts: cached pages must go.
      await bumpDataVersion(tx);
    });
  },

  /** Papers stored (what training and the retrain rule count). */
  paperCount,
};
