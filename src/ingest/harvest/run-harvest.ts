import type { Db } from '../../db/db.js';
import type { ParseResult } from '../../model/paper-record.js';
import { silentProgress, type Progress } from '../../progress/progress.js';
import { loadHarvestState, saveHarvestState, type HarvestStatus } from '../../store/harvest-state.js';
import { addSummary, emptySummary, ingest, type IngestSummary } from '../pipeline.js';
import type { HarvestConfig, HarvestEnv, HarvestPlan } from './harvest-plan.js';
import type { HttpOptions } from '../http/http-client.js';

/** What a harvest did: the import totals plus how it ended. */
export interface HarvestOutcome extends IngestSummary {
  key: string;
  pages: number;
  /** done/failed as saved; 'stopped' when cancelled (saved as running, resumes next time); 'up-to-date' when nothing was left. */
  status: HarvestStatus | 'stopped' | 'up-to-date';
}

/** What a harvest needs; the same object serves the CLI, the scheduler and tests. */
export interface HarvestDeps {
  db: Db;
  config: HarvestConfig;
  progress?: Progress;
  /** Runs after each stored page (the keyword index drains its queue). */
  afterPage?: () => Promise<unknown>;
  http?: Omit<HttpOptions, 'delayMs' | 'signal'>;
  signal?: AbortSignal;
  /** Ignore saved progress and start over. */
  restart?: boolean;
}

async function* each(results: readonly ParseResult[]): AsyncIterable<ParseResult> {
  yield* results;
}

/**
 * Runs a harvest page by page: each page's records are upserted and only then is the progress
 * saved, so a harvest killed at any moment and run again ends with exactly the records of a
 * clean run. Failures to fetch are values in the summary and leave the harvest `failed`, to be
 * resumed by the next run.
 */
export async function runHarvest<S>(plan: HarvestPlan<S>, deps: HarvestDeps): Promise<HarvestOutcome> {
  const { db } = deps;
  const progress = deps.progress ?? silentProgress;
  const summary = emptySummary();
  const saved = deps.restart ? null : await loadHarvestState<S>(db, plan.key);
  const initial = plan.start(saved);
  if (initial === null) return { ...summary, key: plan.key, pages: 0, status: 'up-to-date' };

  const env: HarvestEnv = { config: deps.config, http: deps.http, signal: deps.signal, log: (line) => progress.log(line) };
  let state: S = initial;
  let pages = 0;
  let failed = false;
  await saveHarvestState(db, plan.key, state, 'running');
  progress.start(undefined, 'records');
  try {
    for await (const step of plan.steps(state, env)) {
      addSummary(summary, await ingest(db, each(step.results), { progress }));
      for (const problem of step.problems) {
        failed = true;
        summary.failed++;
        summary.errors.push(problem);
        progress.log(`error: ${problem.source}: ${problem.message}`);
      }
      state = step.state;
      pages++;
      await saveHarvestState(db, plan.key, state, 'running');
      if (deps.afterPage) await deps.afterPage();
    }
  } catch (err) {
    if (!deps.signal?.aborted) throw err;
    return { ...summary, key: plan.key, pages, status: 'stopped' };
  } finally {
    progress.stop();
  }
  const status: HarvestStatus = failed ? 'failed' : 'done';
  await saveHarvestState(db, plan.key, state, status);
  return { ...summary, key: plan.key, pages, status };
}
