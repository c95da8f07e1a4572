import type { Command } from 'commander';
import type { ExitCode } from './main.js';
import { UserError } from './main.js';
import { openContext } from './context.js';
import { arxivId } from '../model/normalise.js';
import { printRanked, wholeNumber } from './similar.js';

function ids(list: readonly string[] | undefined): string[] {
  return (list ?? []).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean).map((s) => arxivId(s) ?? s);
}

/**
 * `paperboy recommend --positive ID... --negative ID...`: papers ranked for an interest profile
 * (Rocchio over the paper vectors, fused with the liked papers' distinctive words).
 */
export function registerRecommend(program: Command, exit: ExitCode): void {
  program
    .command('recommend')
    .description('papers ranked for an interest profile: liked (--positive) and disliked (--negative) papers')
    .option('-p, --positive <ids...>', 'ids of papers you like (space or comma separated)')
    .option('--negative <ids...>', 'ids of papers you do not want more of')
    .option('-n, --limit <n>', 'number of results (no upper cap)', '20')
    .option('--json', 'print [{"id","score"}, ...] best first')
    .action(async (flags: { positive?: string[]; negative?: string[]; limit: string; json?: boolean }) => {
      const limit = wholeNumber('limit', flags.limit, 0);
      const positive = ids(flags.positive);
      const negative = ids(flags.negative);
      if (!positive.length) throw new UserError('give at least one liked paper with --positive ID');
      const ctx = await openContext();
      try {
        await ctx.keyword.indexPending();
        await ctx.semantic.embedPending();
        const r = await ctx.semantic.recommend(positive, negative, limit);
        if (r.unknown.length) process.stderr.write(`paperboy: recommend: unknown paper id(s): ${r.unknown.join(', ')}\n`);
        if (r.unknown.length && r.unknown.length === new Set([...positive, ...negative]).size) { exit.code = 2; return; }
        printRanked(r.hits, flags.json);
      } finally {
        await ctx.close();
      }
    });
}
