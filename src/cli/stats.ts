import type { Command } from 'commander';
import type { ExitCode } from './main.js';
import { openContext } from './context.js';
import { collectStats, type StoreStats } from '../store/stats.js';

function byteSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${(bytes / 1024).toFixed(1)} KB`;
}

/** The human-readable report: one aligned line per figure. */
export function formatStats(s: StoreStats): string {
  const n = (v: number): string => v.toLocaleString('en-US');
  const sources = Object.entries(s.sources);
  const lines: [string, string][] = [
    ['database', `${s.database} (${byteSize(s.databaseBytes)})`],
    ['papers', n(s.papers)],
    ['authors', n(s.authors)],
    ['organizations', n(s.organizations)],
    ['categories', n(s.categories)],
    ['featured days', `${n(s.featuredDays)}${s.newestFeaturedDay ? ` (newest ${s.newestFeaturedDay})` : ''}`],
    ['daily entries', n(s.dailyEntries)],
    ['search index', `${n(s.searchDocs)} papers${s.searchPending ? `, ${n(s.searchPending)} waiting` : ''}`],
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
