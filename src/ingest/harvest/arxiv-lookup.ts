import type { Db } from '../../db/db.js';
import type { ParseResult } from '../../model/paper-record.js';
import { papersByIds } from '../../store/paper-batch-read.js';
import { ingest } from '../pipeline.js';
import { arxivApiPlan } from './arxiv-api-plan.js';
import type { HarvestConfig, HarvestEnv } from './harvest-plan.js';
import type { HttpOptions } from '../http/http-client.js';

/** What looking one paper up on arXiv gave: stored (now, or already), not on arXiv, or arXiv failing. */
export type LookupOutcome =
  | { ok: true; added: boolean }
  | { ok: false; kind: 'not-on-arxiv' | 'failed'; message: string };

/** What a lookup needs: the database, the arXiv settings, and the keyword index to make the paper findable at once. */
export interface LookupDeps {
  db: Db;
  config: HarvestConfig;
  keyword?: { indexPending(): Promise<unknown> };
  /** A person is waiting: one attempt with a short timeout unless a test says otherwise. */
  http?: Omit<HttpOptions, 'delayMs' | 'signal'>;
}

const INTERACTIVE: Omit<HttpOptions, 'delayMs' | 'signal'> = { attempts: 1, timeoutMs: 20_000 };

async function* each(results: readonly ParseResult[]): AsyncIterable<ParseResult> {
  yield* results;
}

/**
 * Adds one arXiv paper a reader asked for by its (canonical, unversioned) id: one request to the
 * arXiv API's id_list, spaced with every other arXiv request of the process (PAPERBOY_ARXIV_DELAY_MS),
 * then the same merge and upsert as every import. Nothing is saved as harvest progress: a lookup
 * has nothing to resume. Failures are values; a paper already here costs no request.
 */
export async function lookUpArxivPaper(deps: LookupDeps, id: string): Promise<LookupOutcome> {
  if ((await papersByIds(deps.db, [id])).length) return { ok: true, added: false };
  const plan = arxivApiPlan({ idList: [id], pageSize: 1, max: 1 });
  const env: HarvestEnv = { config: deps.config, http: deps.http ?? INTERACTIVE, log: () => undefined };
  for await (const step of plan.steps({ nextStart: 0, total: null }, env)) {
    const problem = step.problems[0] ?? step.results.find((r) => !r.ok)?.problem;
    if (problem) return { ok: false, kind: 'failed', message: problem.message };
    await ingest(deps.db, each(step.results));
  }
  if (!(await papersByIds(deps.db, [id])).length) return { ok: false, kind: 'not-on-arxiv', message: `arXiv has no paper ${id}` };
  await deps.keyword?.indexPending();
  return { ok: true, added: true };
}
