import type { MachineInfo } from './machine.js';
import type { LoadResult } from './web-load.js';

/** The issue's targets for the web benchmark. */
export const WEB_TARGETS = {
  /** paperboy's requests/s over the bare server's, for the home and paper pages. */
  minRatio: 0.5,
  p99Ms: 50,
  ratioPages: ['home', 'paper'],
} as const;

/** One page measured on both servers. */
export interface PageRow {
  name: string;
  path: string;
  status: number;
  bytes: number;
  paperboy: LoadResult;
  bare: LoadResult;
  /** Measured for information, without a target (its bare column is another row's). */
  info?: boolean;
}

function ratio(r: PageRow): number {
  return r.bare.requestsPerSec ? r.paperboy.requestsPerSec / r.bare.requestsPerSec : 0;
}

/** Whether a row meets its targets, and which it misses (rows measured without the page cache are for information). */
export function verdict(r: PageRow): string {
  if (r.name.endsWith(' uncached') || r.info) return r.paperboy.non2xx || r.paperboy.errors || r.paperboy.timeouts ? 'info (errors)' : 'info';
  const misses: string[] = [];
  if (r.status !== 200) misses.push(`status ${r.status}`);
  if ((WEB_TARGETS.ratioPages as readonly string[]).includes(r.name) && ratio(r) < WEB_TARGETS.minRatio) misses.push(`ratio < ${WEB_TARGETS.minRatio}`);
  if (r.paperboy.p99Ms >= WEB_TARGETS.p99Ms) misses.push(`p99 >= ${WEB_TARGETS.p99Ms} ms`);
  if (r.paperboy.non2xx || r.paperboy.errors || r.paperboy.timeouts) misses.push('errors');
  return misses.length ? `MISS (${misses.join(', ')})` : 'ok';
}

const n = (x: number): string => x.toLocaleString('en-US');

/** The table printed on the terminal. */
export function webTable(rows: readonly PageRow[]): string {
  const head = ['page', 'bytes', 'paperboy req/s', 'p50 ms', 'p99 ms', 'bare req/s', 'p50 ms', 'p99 ms', 'ratio', 'target'];
  const body = rows.map((r) => [
    `${r.name} ${r.path.length > 40 ? `${r.path.slice(0, 37)}...` : r.path}`, n(r.bytes),
    n(r.paperboy.requestsPerSec), String(r.paperboy.p50Ms), String(r.paperboy.p99Ms),
    n(r.bare.requestsPerSec), String(r.bare.p50Ms), String(r.bare.p99Ms), ratio(r).toFixed(2), verdict(r),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === 0 || i === cells.length - 1 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(head), ...body.map(line)].join('\n');
}

/** The block pasted into the README. */
export function webMarkdown(rows: readonly PageRow[], m: MachineInfo, info: { papers: number; connections: number; seconds: number }): string {
  return [
    `Web, ${n(info.papers)} papers (SQLite), ${info.connections} connections, ${info.seconds} s per run, autocannon on loopback; `
      + `${m.cpu}, ${m.cores} cores, Node ${m.node}.`,
    '',
    '| page | paperboy req/s | p50 / p99 ms | bare node:http req/s | p50 / p99 ms | ratio | target |',
    '| --- | ---: | ---: | ---: | ---: | ---: | --- |',
    ...rows.map((r) => `| ${r.name} | ${n(r.paperboy.requestsPerSec)} | ${r.paperboy.p50Ms} / ${r.paperboy.p99Ms} | ${n(r.bare.requestsPerSec)} | `
      + `${r.bare.p50Ms} / ${r.bare.p99Ms} | ${ratio(r).toFixed(2)} | ${verdict(r)} |`),
    '',
    `Targets: home and paper pages >= ${WEB_TARGETS.minRatio}x the bare server's requests/s; p99 < ${WEB_TARGETS.p99Ms} ms on every page. `
      + '"uncached" rows: the same pages with the page cache off (every request renders), for information; '
      + '"different papers": each request opens another paper (with the page cache on, as served), against the bare server\'s paper row.',
  ].join('\n');
}
