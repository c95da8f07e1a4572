import type { Command } from 'commander';
import type { ExitCode } from './main.js';
import { openContext } from './context.js';
import { collectStats, type EmbeddingModelCount, type StoreStats } from '../store/stats.js';

function byteSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${(bytes / 1024).toFixed(1)} KB`;
}

/** What the sources left out, under the paper count; nothing when nothing is missing. */
function gapLines(s: StoreStats, n: (v: number) => string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  if (s.gaps.listingDated) out.push(['  dated by a listing', `${n(s.gaps.listingDated)} (no source gave a date; the day a daily listing showed them, pages say "Listed")`]);
  if (s.gaps.undated) out.push(['  undated', `${n(s.gaps.undated)} (no source gave a date; pages show the month of the arXiv id)`]);
  if (s.gaps.withoutAbstract) out.push(['  no abstract', n(s.gaps.withoutAbstract)]);
  if (s.gaps.votesUncounted) out.push(['  no upvotes', `${n(s.gaps.votesUncounted)} (known only from arXiv, never on Daily Papers)`]);
  return out;
}

/** Which models semantic search uses, how far embedding has got, and a model being built. */
function embeddingLines(s: StoreStats, n: (v: number) => string): Array<[string, string]> {
  const label = (m: EmbeddingModelCount): string => (m.kind === m.name ? m.kind : `${m.kind} ${m.name}`);
  const waiting = s.embeddings.pending ? `, ${n(s.embeddings.pending)} waiting` : '';
  const b = s.embeddings.building;
  const building: Array<[string, string]> = b ? [['  being built', `${n(b.papers)} of ${n(s.papers)} papers (${label(b)})`]] : [];
  if (!s.embeddings.models.length) return [['embeddings', `no model yet (built by \`serve\` or \`paperboy reindex\`)${waiting}`], ...building];
  return [...s.embeddings.models.map((m, i): [string, string] => [i ? '' : 'embeddings', `${n(m.papers)} papers (${label(m)})${i ? '' : waiting}`]), ...building];
}

/** UTC to the minute: "2026-12-06 14:05 UTC". */
function minute(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** The newest harvest of each source, and when one last finished when the newest did not. */
function harvestLines(s: StoreStats): Array<[string, string]> {
  if (!s.harvests.length) return [['harvests', 'none yet (`paperboy harvest`, or `serve` on its schedule)']];
  return [['harvests', ''], ...s.harvests.map((h): [string, string] => [`  ${h.source}`,
    `${h.status} ${minute(h.at)}${h.status === 'done' ? '' : h.lastDone ? ` (last done ${minute(h.lastDone)})` : ' (never done)'}`])];
}

/** The human-readable report: one aligned line per figure. */
export function formatStats(s: StoreStats): string {
  const n = (v: number): string => v.toLocaleString('en-US');
  const sources = Object.entries(s.sources);
  const lines: [string, string][] = [
    ['database', `${s.database} (${byteSize(s.databaseBytes)})`],
    ['papers', n(s.papers)],
    ...gapLines(s, n),
    ['authors', n(s.authors)],
    ['organizations', n(s.organizations)],
    ['categories', n(s.categories)],
    ['featured days', `${n(s.featuredDays)}${s.newestFeaturedDay ? ` (newest ${s.newestFeaturedDay})` : ''}`],
    ['daily entries', n(s.dailyEntries)],
    ['search index', `${n(s.searchDocs)} papers${s.searchPending ? `, ${n(s.searchPending)} waiting` : ''}`],
    ...embeddingLines(s, n),
    ...harvestLines(s),
    ['source records', sources.length ? '' : 'none'],
    ...sources.map(([name, count]): [string, string] => [`  ${name}`, n(count)]),
  ];
  const width = Math.max(...lines.map(([k]) => k.length));
  return lines.map(([k, v]) => `${k.padEnd(width)}  ${v}`.trimEnd()).join('\n') + '\n';
}

/** `paperboy stats`: what the database holds, for a person (`--json` for scripts). */
export function registerStats(program: Command, _exit: ExitCode): void {
  program
    .command('stats')
    .description('show what the database holds: papers, authors, listings, sources, index, size')
    .option('--json', 'print one JSON object instead of a table')
    .action(async (opts: { json?: boolean }) => {
      const ctx = await openContext();
      try {
        const stats = await collectStats(ctx.db);
        process.stdout.write(opts.json ? `${JSON.stringify(stats)}\n` : formatStats(stats));
      } finally {
        await ctx.close();
      }
    });
}
