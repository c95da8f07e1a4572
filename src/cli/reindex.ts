import type { Command } from 'commander';
import type { ExitCode } from './main.js';
import { openContext } from './context.js';
import { silentProgress, terminalProgress } from '../progress/progress.js';

/**
 * `paperboy reindex`: retrains the semantic model (or switches to the configured endpoint model)
 * and embeds every paper again, with a progress bar; search keeps using the old vectors until the
 * new ones are complete.
 */
export function registerReindex(program: Command, exit: ExitCode): void {
  program
    .command('reindex')
    .description('rebuild the semantic model and every paper embedding (progress on stderr)')
    .option('--json', 'print a summary {"model","papers","seconds","papersPerSecond"} on stdout')
    .action(async (flags: { json?: boolean }) => {
      const ctx = await openContext();
      try {
        const started = performance.now();
        const progress = flags.json ? silentProgress : terminalProgress();
        progress.log('indexing words of new papers, training the semantic model...');
        await ctx.keyword.indexPending();
        const r = await ctx.semantic.embedPending({ rebuild: true, progress });
        const seconds = (performance.now() - started) / 1000;
        const summary = { model: r.model, papers: r.embedded, seconds: Math.round(seconds * 10) / 10, papersPerSecond: Math.round(r.embedded / Math.max(seconds, 0.001)), ...(r.problem ? { problem: r.problem } : {}) };
        if (flags.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
        if (r.problem) {
          process.stderr.write(`paperboy: reindex: ${r.problem}\n`);
          exit.code = 1;
          return;
        }
        if (!flags.json) process.stdout.write(`embedded ${r.embedded} papers with ${r.model} in ${summary.seconds} s (${summary.papersPerSecond} papers/s)\n`);
      } finally {
        await ctx.close();
      }
    });
}
