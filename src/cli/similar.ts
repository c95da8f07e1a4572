import type { Command } from 'commander';
import type { ExitCode } from './main.js';
import { UserError } from './main.js';
import { openContext } from './context.js';
import { arxivId } from '../model/normalise.js';
import type { RankedPaper } from '../search/semantic/semantic-search.js';

/** A whole number option at least `min`, or a UserError naming the option. */
export function wholeNumber(name: string, value: string, min: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new UserError(`--${name} must be a whole number >= ${min}, got "${value}"`);
  return n;
}

/** Prints ranked papers as `[{"id","score"}]` (JSON) or as numbered lines with their explanation. */
export function printRanked(hits: readonly RankedPaper[], json: boolean | undefined): void {
  if (json) {
    process.stdout.write(`${JSON.stringify(hits.map((h) => ({ id: h.paperId, score: h.score })))}\n`);
    return;
  }
  if (!hits.length) { process.stdout.write('no papers\n'); return; }
  hits.forEach((h, i) => {
    process.stdout.write(`${String(i + 1).padStart(3)}. ${h.paperId.padEnd(18)} ${h.score.toFixed(3).padStart(7)}  ${h.title}\n`);
    const why = [...(h.explanation?.terms.length ? [`words: ${h.explanation.terms.join(', ')}`] : []), ...(h.explanation?.topics.length ? [`topics: ${h.explanation.topics.join(' | ')}`] : [])];
    if (why.length) process.stdout.write(`     ${why.join('; ')}\n`);
  });
}

/** `paperboy similar ID`: the papers most like one paper, best first (the limit is not capped). */
export function registerSimilar(program: Command, exit: ExitCode): void {
  program
    .command('similar')
    .description('papers most similar to one paper (by meaning and shared words), best first')
    .argument('<id>', 'paper id, e.g. 2510.24801 (a version suffix or arXiv URL is accepted)')
    .option('-n, --limit <n>', 'number of results (no upper cap)', '20')
    .option('--json', 'print [{"id","score"}, ...] best first')
    .action(async (id: string, flags: { limit: string; json?: boolean }) => {
      const limit = wholeNumber('limit', flags.limit, 0);
      const ctx = await openContext();
      try {
        await ctx.keyword.indexPending();
        await ctx.semantic.embedPending();
        const paperId = arxivId(id) ?? id.trim();
        const hits = await ctx.semantic.similar(paperId, limit);
        if (!hits) {
          process.stderr.write(`paperboy: similar: no paper with id ${JSON.stringify(id)}\n`);
          exit.code = 2;
          return;
        }
        printRanked(hits, flags.json);
      } finally {
        await ctx.close();
      }
    });
}
