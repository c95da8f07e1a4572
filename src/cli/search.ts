import type { Command } from 'commander';
import type { ExitCode } from './main.js';
import { UserError } from './main.js';
import { openContext } from './context.js';
import { SEARCH_MODES, type SearchMode } from '../search/semantic/semantic-search.js';

interface SearchFlags {
  limit: string;
  offset: string;
  sort: string;
  match: string;
  mode: string;
  json?: boolean;
}

function positiveInt(name: string, value: string, min: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new UserError(`--${name} must be a whole number >= ${min}, got "${value}"`);
  return n;
}

/** `paperboy search QUERY`: keyword search from the terminal; `--json` for scripts. */
export function registerSearch(program: Command, exit: ExitCode): void {
  program
    .command('search')
    .description('search papers by keyword (BM25 over title, abstract and authors), by meaning, or both (--mode). Syntax: words (all required), "a phrase", -exclude, a OR b, author:NAME, category:cs.CL, org:NAME (a Hugging Face organization, account or "full name"), has:code, year:2024 or year:2020..2023, date:2024-01-01..2024-03-31')
    .argument('<query>', 'what to search for')
    .option('-n, --limit <n>', 'number of results (no upper cap)', '20')
    .option('--offset <n>', 'skip this many results', '0')
    .option('--sort <order>', 'relevance or date', 'relevance')
    .option('--match <mode>', 'all (every word must match; falls back to any when nothing does) or any', 'all')
    .option('--mode <mode>', 'keyword, semantic (by meaning) or hybrid (both fused, as on the site)', 'hybrid')
    .option('--json', 'print [{"id","title","score"}, ...] best first')
    .action(async (query: string, flags: SearchFlags) => {
      const limit = positiveInt('limit', flags.limit, 0);
      const offset = positiveInt('offset', flags.offset, 0);
      if (flags.sort !== 'relevance' && flags.sort !== 'date') throw new UserError(`--sort must be relevance or date, got "${flags.sort}"`);
      if (flags.match !== 'all' && flags.match !== 'any') throw new UserError(`--match must be all or any, got "${flags.match}"`);
      if (!SEARCH_MODES.includes(flags.mode as SearchMode)) throw new UserError(`--mode must be keyword, semantic or hybrid, got "${flags.mode}"`);
      const mode = flags.mode as SearchMode;
      const ctx = await openContext();
      try {
        await ctx.keyword.indexPending();
        // Papers imported since the last run are embedded first (a model is trained when none exists yet).
        if (mode !== 'keyword') await ctx.semantic.embedPending();
        const r = mode === 'keyword' && flags.match === 'any'
          ? await ctx.keyword.search(query, { limit, offset, sort: flags.sort, match: 'any' }).then((k) => (k.ok ? { ...k, mode } : k))
          : await ctx.semantic.search(query, { mode, limit, offset, sort: flags.sort as 'relevance' | 'date' });
        if (!r.ok) {
          process.stderr.write(`paperboy: search: ${r.problem.message}\n`);
          exit.code = 2;
          return;
        }
        if (flags.json) {
          process.stdout.write(`${JSON.stringify(r.hits.map((h) => ({ id: h.paperId, title: h.title, score: h.score })))}\n`);
          return;
        }
        if (!r.hits.length) {
          process.stdout.write('no papers match\n');
          return;
        }
        r.hits.forEach((h, i) => process.stdout.write(`${String(offset + i + 1).padStart(3)}. ${h.paperId.padEnd(18)} ${h.score.toFixed(2).padStart(7)}  ${h.title}\n`));
        const order = 'filtersOnly' in r && r.filtersOnly ? 'filters only, newest first' : `${r.mode} ranking`;
        process.stdout.write(`${r.total} matching paper(s), ${order}${'degraded' in r && r.degraded ? ` (${r.degraded})` : ''}\n`);
      } finally {
        await ctx.close();
      }
    });
}
