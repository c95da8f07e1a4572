import type { MachineInfo } from './machine.js';
import type { LatencySummary } from './stats.js';

/** One system's import at one size. */
export interface ImportRow {
  system: string;
  papers: number;
  seconds: number;
  papersPerSec: number;
  /** papers/s divided by the baseline's. */
  ratio: number;
  peakRssSampledMb: number | null;
  maxRssMb: number;
  dbMb: number;
  failed: number;
}

/** One system's query latencies at one size. */
export interface SearchRow extends LatencySummary {
  system: string;
  /** Baseline p95 divided by this p95 (how many times faster at the tail). */
  p95SpeedUp: number;
  /** Mean top-20 overlap with the baseline FTS5 results. */
  overlap: number | null;
  /** Queries that found nothing. */
  empty: number;
  problems: number;
}

/** Everything measured at one corpus size. */
export interface SizeReport {
  size: number;
  corpus: { path: string; mb: number };
  queries: number;
  imports: ImportRow[];
  searches: SearchRow[];
  /** Systems that could not be measured, with the reason. */
  failures: string[];
}

/** Targets and reference figures from the issue, printed with every run. */
export const TARGETS = {
  importRatio: 0.6,
  peakRssMb: 1024,
  searchP95Ms: 30,
  searchP95AtSize: 1_000_000,
  reference: 'baseline on this kind of machine: ~10,000 papers/s import incl. FTS5; 2-3 word queries 57 ms median / 152 ms p95 at 750,000 papers',
} as const;

const n0 = (n: number): string => Math.round(n).toLocaleString('en-US');
const n1 = (n: number): string => (Number.isFinite(n) ? n.toFixed(1) : '-');
/** Latencies: two decimals below 10 ms, where one would hide the differences. */
const ms = (n: number): string => (Number.isFinite(n) ? n.toFixed(n < 10 ? 2 : 1) : '-');
const x2 = (n: number): string => (Number.isFinite(n) ? `${n.toFixed(2)}x` : '-');

function peak(r: ImportRow): number {
  return Math.max(r.peakRssSampledMb ?? 0, r.maxRssMb);
}

/** Lays out rows as fixed-width columns, numbers right-aligned. */
function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('   ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('   '), ...rows.map(line)].join('\n');
}

function verdict(ok: boolean): string {
  return ok ? 'ok' : 'MISSED';
}

/** The readable tables of one size, with each figure checked against its target. */
export function sizeTables(s: SizeReport): string {
  const out = [`\n== ${n0(s.size)} papers (corpus ${s.corpus.path}, ${n1(s.corpus.mb)} MB) ==`];
  if (s.imports.length) {
    out.push(table(['import', 'papers/s', 'vs baseline', 'time s', 'peak RSS MB (sampled / maxRSS)', 'DB MB', 'failed'],
      s.imports.map((r) => [r.system, n0(r.papersPerSec), x2(r.ratio), n1(r.seconds), `${r.peakRssSampledMb == null ? '-' : n0(r.peakRssSampledMb)} / ${n0(r.maxRssMb)}`, n0(r.dbMb), n0(r.failed)])));
    for (const r of s.imports.filter((i) => i.system.startsWith('paperboy'))) {
      out.push(`  ${r.system}: import ${x2(r.ratio)} of baseline (target >= ${TARGETS.importRatio}x: ${verdict(r.ratio >= TARGETS.importRatio)}), `
        + `peak RSS ${n0(peak(r))} MB (target < ${TARGETS.peakRssMb} MB: ${verdict(peak(r) < TARGETS.peakRssMb)})`
        + (r.system.includes('PostgreSQL') ? ' (the Node process only; the server\'s memory is not counted)' : ''));
    }
  }
  if (s.searches.length) {
    out.push('', table([`search (top 20, ${s.queries} queries)`, 'median ms', 'p95 ms', 'p99 ms', 'mean ms', 'p95 speed-up', 'top-20 overlap with FTS5'],
      s.searches.map((r) => [r.system, ms(r.medianMs), ms(r.p95Ms), ms(r.p99Ms), ms(r.meanMs), x2(r.p95SpeedUp), r.overlap == null ? '-' : `${Math.round(r.overlap * 100)}%`])));
    for (const r of s.searches.filter((i) => i.system.startsWith('paperboy'))) {
      const judged = s.size >= TARGETS.searchP95AtSize;
      const than = r.p95SpeedUp >= 1 ? `${x2(r.p95SpeedUp)} faster` : `${x2(1 / r.p95SpeedUp)} slower`;
      out.push(`  ${r.system}: p95 ${ms(r.p95Ms)} ms, ${than} than the baseline at the tail`
        + (judged ? ` (target <= ${TARGETS.searchP95Ms} ms at ${n0(TARGETS.searchP95AtSize)}: ${verdict(r.p95Ms <= TARGETS.searchP95Ms)})` : '')
        + (r.problems ? `; ${r.problems} queries came back as problems` : ''));
    }
  }
  for (const f of s.failures) out.push(`  NOT MEASURED: ${f}`);
  return out.join('\n');
}

/** The machine the run measured, one line each. */
export function machineLines(m: MachineInfo): string {
  return [`machine: ${m.cpu}, ${m.cores} cores, ${m.ramGb} GB RAM, ${m.os}`,
    `software: Node ${m.node}, SQLite ${m.sqlite}${m.postgres ? `, PostgreSQL ${m.postgres}` : ''}`].join('\n');
}

/** Tables to paste into the README. */
export function markdown(sizes: readonly SizeReport[], m: MachineInfo): string {
  const out = [`Measured with \`npm run bench\` on ${m.cpu} (${m.cores} cores, ${m.ramGb} GB RAM), Node ${m.node}, SQLite ${m.sqlite}${m.postgres ? `, PostgreSQL ${m.postgres}` : ''}.`, ''];
  out.push('| Papers | System | Import papers/s | vs baseline | Peak RSS MB |', '|---:|---|---:|---:|---:|');
  for (const s of sizes) for (const r of s.imports) out.push(`| ${n0(s.size)} | ${r.system} | ${n0(r.papersPerSec)} | ${x2(r.ratio)} | ${n0(peak(r))} |`);
  out.push('', '| Papers | System | Search median ms | p95 ms | p99 ms | p95 speed-up | Top-20 overlap |', '|---:|---|---:|---:|---:|---:|---:|');
  for (const s of sizes) {
    for (const r of s.searches) {
      out.push(`| ${n0(s.size)} | ${r.system} | ${ms(r.medianMs)} | ${ms(r.p95Ms)} | ${ms(r.p99Ms)} | ${x2(r.p95SpeedUp)} | ${r.overlap == null ? '-' : `${Math.round(r.overlap * 100)}%`} |`);
    }
  }
  return out.join('\n');
}
