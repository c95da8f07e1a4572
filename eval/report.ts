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

/**
 * A fixed-width table: MAP, P@10 and NDCG (at 20% of the pool on CSFCube, at 10 elsewhere) in percent;
 * for CSFCube also test fold 1 alone, the queries no parameter was chosen on.
 */
export function table(rows: readonly ResultRow[]): string {
  const w = Math.max(8, ...rows.map((r) => r.mode.length));
  const folds = rows.some((r) => r.score.untuned);
  const untuned = (r: ResultRow): string => (folds ? ` | ${r.score.untuned ? `${pct(r.score.untuned.map)}  ${pct(r.score.untuned.ndcg)}` : '    -      -'}` : '');
  const head = `${'collection'.padEnd(10)} ${'mode'.padEnd(w)}   MAP   P@10   NDCG  | dev MAP  P@10   NDCG  | queries  seconds${folds ? ' | fold-1 test MAP NDCG' : ''}`;
  const lines = rows.map((r) => `${r.collection.padEnd(10)} ${r.mode.padEnd(w)} ${cells(r.score.test)}  |   ${cells(r.score.dev)}  | ${String(r.score.test.queries).padStart(7)}  ${r.score.seconds.toFixed(1).padStart(7)}${untuned(r)}`);
  return [head, '-'.repeat(head.length), ...lines].join('\n');
}

const cell = (v: number | undefined): string => (v === undefined ? '-' : (v * 100).toFixed(1)).padStart(6);

/**
 * The final table: one line per mode across every collection, so the default mode is chosen by
 * numbers (CSFCube test folds and dev fold: MAP and NDCG%20; CACM and CISI: MAP and P@10).
 */
export function summaryTable(rows: readonly ResultRow[]): string {
  const modes = [...new Set(rows.map((r) => r.mode))];
  const w = Math.max(8, ...modes.map((m) => m.length));
  const find = (collection: string, mode: string): RunScore | undefined => rows.find((r) => r.collection === collection && r.mode === mode)?.score;
  const head = `${'mode'.padEnd(w)} | ${'CSFCube test MAP'.padStart(16)} ${'NDCG%20'.padStart(7)} | ${'dev MAP'.padStart(7)} ${'NDCG%20'.padStart(7)} | ${'CACM MAP'.padStart(8)} ${'P@10'.padStart(6)} | ${'CISI MAP'.padStart(8)} ${'P@10'.padStart(6)}`;
  const lines = modes.map((m) => {
    const cs = find('csfcube', m), ca = find('cacm', m), ci = find('cisi', m);
    return `${m.padEnd(w)} | ${cell(cs?.test.map).padStart(16)} ${cell(cs?.test.ndcg).padStart(7)} | ${cell(cs?.dev?.map).padStart(7)} ${cell(cs?.dev?.ndcg).padStart(7)} | ${cell(ca?.test.map).padStart(8)} ${cell(ca?.test.p10)} | ${cell(ci?.test.map).padStart(8)} ${cell(ci?.test.p10)}`;
  });
  return [head, '-'.repeat(head.length), ...lines].join('\n');
}
