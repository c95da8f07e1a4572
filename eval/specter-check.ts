import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Collection } from './collection.js';
import { aggregate, scoreQuery, type RunScore } from './score.js';

/** The published SPECTER scores on CSFCube (facet `all`, test folds) that the scorer must reproduce. */
export const SPECTER_PUBLISHED = { map: 0.3423, ndcg: 0.5328 };

/**
 * Scores the SPECTER rankings that ship with CSFCube (`specter-ranked/`), proving the scorer and
 * the fold protocol: the result must equal the published numbers. Null when the files are absent.
 */
export function specterCheck(dir: string, c: Collection): RunScore | null {
  const rankings = new Map<string, string[]>();
  for (const facet of ['background', 'method', 'result']) {
    const file = join(dir, 'specter-ranked', `test-pid2pool-csfcube-specter-${facet}-ranked.json`);
    if (!existsSync(file)) return null;
    const data = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Array<[string, number]>>;
    for (const [pid, ranked] of Object.entries(data)) rankings.set(`${pid}_${facet}`, ranked.map(([id]) => `${c.name}:${id}`));
  }
  const perQuery = c.queries.flatMap((q) => {
    const r = rankings.get(q.qid);
    return r ? [scoreQuery(c, q, r)] : [];
  });
  return aggregate(c, perQuery, 0);
}
