import type { RunScore, Summary } from './score.js';

/** One row of the results table. */
export interface ResultRow {
  collection: string;
  mode: string;
  score: RunScore;
}

const pct = (v: number): string => (v * 100).toFixed(1).padStart(5);

function cells(s: Summary | undefined): string {
  return s ? `${pct(s.map)}  ${pct(s.p10)}  ${pct(s.ndcg)}` : '    -      -      -';
}

/** A fixed-width table: MAP, P@10 and NDCG (at 20% of the pool on CSFCube, at 10 elsewhere) in percent. */
export function table(rows: readonly ResultRow[]): string {
  const w = Math.max(8, ...rows.map((r) => r.mode.length));
  const head = `${'collection'.padEnd(10)} ${'mode'.padEnd(w)}   MAP   P@10   NDCG  | dev MAP  P@10   NDCG  | queries  seconds`;
  const lines = rows.map((r) => `${r.collection.padEnd(10)} ${r.mode.padEnd(w)} ${cells(r.score.test)}  |   ${cells(r.score.dev)}  | ${String(r.score.test.queries).padStart(7)}  ${r.score.seconds.toFixed(1).padStart(7)}`);
  return [head, '-'.repeat(head.length), ...lines].join('\n');
}
