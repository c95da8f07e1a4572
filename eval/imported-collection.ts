import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Db } from '../src/db/db.js';
import { openDatabase } from '../src/db/connect.js';
import { migrate } from '../src/db/migrate.js';
import { importFiles } from '../src/ingest/import-files.js';
import type { IngestSummary } from '../src/ingest/pipeline.js';
import { KeywordIndex } from '../src/search/keyword/keyword-index.js';
import { getPaper } from '../src/store/papers-read.js';
import type { Collection } from './collection.js';
import { corpusIds } from './collection.js';

/** A stored paper's text as the rankers read it. */
export interface StoredText {
  id: string;
  title: string;
  abstract: string;
  authors: string[];
  /** Publication date (ISO); the collections' `year` is stored as January 1st of that year. */
  publishedAt: string | null;
}

/** A collection imported into its own fresh SQLite database through the real import path. */
export interface ImportedCollection {
  db: Db;
  keyword: KeywordIndex;
  summary: IngestSummary;
  /** Every paper the store holds, in corpus file order (rejected records are absent). */
  papers: StoredText[];
  /** Corpus ids the import rejected (they can never be retrieved). */
  missing: string[];
  importSeconds: number;
  drop(): Promise<void>;
}

/**
 * Imports one collection's corpus.jsonl into a temporary database and reads the stored text back.
 * `extra` files or directories (other papers of an instance, say) are imported after it; `papers`
 * still lists the collection's papers only.
 */
export async function importCollection(c: Collection, extra: readonly string[] = []): Promise<ImportedCollection> {
  const dir = mkdtempSync(join(tmpdir(), `paperboy-eval-${c.name}-`));
  const db = openDatabase(join(dir, 'eval.db'));
  await migrate(db);
  const keyword = new KeywordIndex(db);
  const drop = async (): Promise<void> => {
    await keyword.close();
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const t0 = performance.now();
    const summary = await importFiles({ db, keyword }, [c.corpusPath, ...extra]);
    const importSeconds = (performance.now() - t0) / 1000;
    const papers: StoredText[] = [];
    const missing: string[] = [];
    for (const id of corpusIds(c)) {
      const p = await getPaper(db, id);
      if (!p) { missing.push(id); continue; }
      papers.push({ id, title: p.title, abstract: p.abstract ?? '', authors: p.authors, publishedAt: p.publishedAt });
    }
    return { db, keyword, summary, papers, missing, importSeconds, drop };
  } catch (err) {
    await drop();
    throw err;
  }
}
