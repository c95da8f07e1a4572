import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One query of a test collection: keyword text (CACM, CISI) or a query paper with its pool (CSFCube). */
export interface EvalQuery {
  qid: string;
  /** Natural-language query text (keyword collections). */
  text?: string;
  /** The query paper's stored id (query-by-example collections). */
  paperId?: string;
  facet?: string;
  /** Stored ids of the candidates to rank (query-by-example collections). */
  pool?: string[];
  inDevFold?: boolean;
}

/** A retrieval test collection as the eval needs it, with ids already in the store's form. */
export interface Collection {
  name: string;
  corpusPath: string;
  kind: 'keyword' | 'by-example';
  queries: EvalQuery[];
  /** qid -> stored paper id -> grade (only queries with at least one judgment). */
  qrels: Map<string, Map<string, number>>;
  /** The grade from which a document counts as relevant for MAP and P@k. */
  threshold: number;
  /** CSFCube's cross-validation folds (facet `all`): fold name -> qids. */
  folds?: Record<string, string[]>;
}

/** A problem with the eval data the user can fix (wrong --data path, missing files). */
export class DataError extends Error {}

function jsonLines(path: string): Array<Record<string, unknown>> {
  return readFileSync(path, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Record<string, unknown>);
}

function need(dir: string, file: string): string {
  const p = join(dir, file);
  if (!existsSync(p)) throw new DataError(`missing ${p}`);
  return p;
}

/** Reads `<dir>/<name>/{corpus.jsonl,queries.jsonl,qrels.tsv[,folds.json]}`; stored ids are `<name>:<id>`. */
export function loadCollection(dataDir: string, name: string): Collection {
  const dir = join(dataDir, name);
  if (!existsSync(dir)) throw new DataError(`no collection ${name} in ${dataDir}`);
  const sid = (id: unknown): string => `${name}:${String(id)}`;
  const qrels = new Map<string, Map<string, number>>();
  for (const line of readFileSync(need(dir, 'qrels.tsv'), 'utf8').split('\n')) {
    const [qid, doc, grade] = line.trim().split('\t');
    if (!qid || !doc || grade === undefined) continue;
    const m = qrels.get(qid) ?? new Map<string, number>();
    m.set(sid(doc), Number(grade));
    qrels.set(qid, m);
  }
  const raw = jsonLines(need(dir, 'queries.jsonl'));
  const byExample = raw.some((q) => Array.isArray(q['pool']));
  const queries: EvalQuery[] = raw.map((q) => ({
    qid: String(q['qid']),
    text: typeof q['text'] === 'string' ? q['text'] : undefined,
    paperId: q['paper_id'] !== undefined ? sid(q['paper_id']) : undefined,
    facet: typeof q['facet'] === 'string' ? q['facet'] : undefined,
    // CSFCube lists query paper 8781666 in its own pools; the official scorer only scores what a run
    // ranks and runs never rank the query itself, so it is not a candidate here either.
    pool: Array.isArray(q['pool']) ? q['pool'].map(String).filter((id) => id !== String(q['paper_id'])).map(sid) : undefined,
    inDevFold: q['in_dev_fold'] === true,
  }));
  const foldsPath = join(dir, 'folds.json');
  const folds = existsSync(foldsPath) ? (JSON.parse(readFileSync(foldsPath, 'utf8')) as Record<string, Record<string, string[]>>)['all'] : undefined;
  for (const q of queries) if (q.pool && q.paperId) qrels.get(q.qid)?.delete(q.paperId);
  return {
    name,
    corpusPath: need(dir, 'corpus.jsonl'),
    kind: byExample ? 'by-example' : 'keyword',
    queries: queries.filter((q) => qrels.has(q.qid)),
    qrels,
    threshold: byExample ? 2 : 1,
    folds,
  };
}

/** The ids of every document in a collection's corpus file, in file order (stored form). */
export function corpusIds(c: Collection): string[] {
  return jsonLines(c.corpusPath).map((d) => `${c.name}:${String(d['id'])}`);
}
