import type { Backend, FreshDb } from './databases.js';
import type { PaperRecord } from '../../src/model/paper-record.js';
import { loadConfig } from '../../src/config/config.js';
import { KeywordIndex } from '../../src/search/keyword/keyword-index.js';
import { createSemanticSearch, type SemanticEngine } from '../../src/search/semantic/create-semantic-search.js';
import type { EmbedRunSummary } from '../../src/jobs/embed-job.js';
import { upsertRecords } from '../../src/store/papers-write.js';

/** A fresh database holding papers, keyword-indexed and embedded by the built-in model, as `serve` would have it. */
export interface EmbeddedDb {
  fresh: FreshDb;
  keyword: KeywordIndex;
  engine: SemanticEngine;
  /** What the first embedding run reported. */
  run: EmbedRunSummary;
  /** Closes the engine and the index and drops the database. */
  close(): Promise<void>;
}

/** Imports `records` into a fresh database of `backend`, indexes them and embeds them once. */
export async function embeddedDb(backend: Backend, records: PaperRecord[]): Promise<EmbeddedDb> {
  const fresh = await backend.create();
  await upsertRecords(fresh.db, records);
  const keyword = new KeywordIndex(fresh.db);
  await keyword.indexPending();
  const engine = createSemanticSearch({ db: fresh.db, keyword, config: loadConfig({ DATABASE_URL: fresh.url }) });
  const run = await engine.embedPending();
  return {
    fresh, keyword, engine, run,
    async close() {
      await engine.close();
      await keyword.close();
      await fresh.drop();
    },
  };
}
