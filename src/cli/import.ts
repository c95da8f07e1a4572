import type { Command } from 'commander';
import type { ExitCode } from './main.js';
import { openContext } from './context.js';
import { importInWorker } from '../ingest/import-in-worker.js';
import type { IngestSummary } from '../ingest/pipeline.js';
import { silentProgress, terminalProgress } from '../progress/progress.js';

/** Errors listed in the human summary; the rest are counted ("... and N more"). */
const MAX_LISTED = 50;

const HELP = `
Formats (detected from each file's first 64 KiB; .gz files are decompressed):
  hf-daily        Hugging Face api/daily_papers responses (JSON array of entries);
                  the listing day is taken from a YYYY-MM-DD.json file name
  arxiv-snapshot  arXiv metadata snapshot, one JSON object per line
  arxiv-api, arxiv-oai, arxiv-rss
                  saved arXiv API (Atom), OAI-PMH and RSS responses
  jsonl           JSON lines with at least "id" and "title"

Ids: an id that is an arXiv id is used as is. Any other id in JSON lines is prefixed with the
name of the directory holding the file, so collections never collide: id "12" in
eval/cacm/corpus.jsonl is stored as "cacm:12".

Directories are read recursively (hidden files skipped). Importing the same files again changes
nothing. Exit status 1 when any file or record failed.`;

/** The end-of-run report for a person: totals, then each problem (capped). */
export function formatSummary(s: IngestSummary, seconds: number): string {
  const n = (v: number): string => v.toLocaleString('en-US');
  const out = [`added ${n(s.added)}, updated ${n(s.updated)}, unchanged ${n(s.unchanged)}, failed ${n(s.failed)} (${seconds.toFixed(1)} s)`];
  if (s.errors.length) out.push('errors:');
  for (const e of s.errors.slice(0, MAX_LISTED)) out.push(`  ${e.source}: ${e.message}`);
  if (s.errors.length > MAX_LISTED) out.push(`  ... and ${n(s.errors.length - MAX_LISTED)} more`);
  return `${out.join('\n')}\n`;
}

async function batchSize(text: string | undefined): Promise<number | undefined> {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (Number.isInteger(n) && n >= 1 && n <= 1_000_000) return n;
  throw new (await import('./main.js')).UserError(`--batch-size must be a whole number from 1 to 1000000, got "${text}"`);
}

/** `paperboy import PATH...`: loads saved files of any known format into the database. */
export function registerImport(program: Command, exit: ExitCode): void {
  program
    .command('import')
    .description('import papers from files or directories (JSON, JSON lines, Atom/OAI/RSS XML, optionally gzipped)')
    .argument('<path...>', 'files or directories to import')
    .option('--json', 'print one JSON summary object on stdout instead of a report')
    .option('--batch-size <n>', 'records written per transaction (default 2000)')
    .addHelpText('after', HELP)
    .action(async (paths: string[], opts: { json?: boolean; batchSize?: string }) => {
      const size = await batchSize(opts.batchSize);
      const ctx = await openContext({ createSchema: true });
      const began = Date.now();
      try {
        const progress = opts.json && !process.stderr.isTTY ? silentProgress : terminalProgress();
        const summary = await importInWorker(ctx.config.databaseUrl, paths, { progress, batchSize: size });
        if (summary.failed > 0) exit.code = 1;
        if (opts.json) {
          const { added, updated, unchanged, failed, errors } = summary;
          process.stdout.write(`${JSON.stringify({ added, updated, unchanged, failed, errors: errors.map((e) => ({ source: e.source, message: e.message })) })}\n`);
          return;
        }
        process.stdout.write(formatSummary(summary, (Date.now() - began) / 1000));
      } finally {
        await ctx.close();
      }
    });
}
