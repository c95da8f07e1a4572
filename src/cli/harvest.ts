import type { Command } from 'commander';
import type { ExitCode } from './main.js';
import { openContext } from './context.js';
import { formatSummary } from './import.js';
import { planFor, type HarvestOptions } from '../ingest/harvest/harvest-params.js';
import { runHarvest, type HarvestOutcome } from '../ingest/harvest/run-harvest.js';
import { silentProgress, terminalProgress } from '../progress/progress.js';

interface CommonOptions extends HarvestOptions {
  json?: boolean;
  restart?: boolean;
}

const HELP = `
Progress is saved after every page. A harvest that is interrupted or fails resumes where it stopped
when run again with the same options; --restart starts it over. Run again after it finished, a
harvest re-checks its source: arxiv-oai lists what changed since the day the previous run began,
arxiv-api repeats the search from the newest entry, hf-daily fetches every day again (upvotes
change), arxiv-rss fetches the feed. Requests to arXiv are spaced by PAPERBOY_ARXIV_DELAY_MS
(3000 by default, arXiv's rule) and retried on timeouts and server errors.
Exit status 1 when anything failed.`;

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

function report(outcome: HarvestOutcome, json: boolean, seconds: number): string {
  if (json) {
    const { added, updated, unchanged, failed, errors } = outcome;
    return `${JSON.stringify({ added, updated, unchanged, failed, errors: errors.map((e) => ({ source: e.source, message: e.message })) })}\n`;
  }
  const head = outcome.status === 'up-to-date'
    ? 'already complete: nothing can have changed in this range\n'
    : `${outcome.pages} page(s), harvest ${outcome.status === 'stopped' ? 'interrupted (run again to resume)' : outcome.status}\n`;
  return head + formatSummary(outcome, seconds);
}

async function run(source: string, opts: CommonOptions, exit: ExitCode): Promise<void> {
  const choice = planFor(source, opts);
  if (!choice.ok) throw new (await import('./main.js')).UserError(choice.message);
  const ctx = await openContext({ createSchema: true });
  const began = Date.now();
  const stop = new AbortController();
  const onSignal = (): void => stop.abort(new Error('interrupted'));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const progress = opts.json && !process.stderr.isTTY ? silentProgress : terminalProgress();
    const outcome = await runHarvest(choice.plan, {
      db: ctx.db, config: ctx.config, progress, restart: opts.restart, signal: stop.signal,
      afterPage: () => ctx.keyword.indexPending(),
    });
    await ctx.keyword.indexPending();
    if (outcome.failed > 0 || outcome.status === 'failed' || outcome.status === 'stopped') exit.code = 1;
    process.stdout.write(report(outcome, !!opts.json, (Date.now() - began) / 1000));
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await ctx.close();
  }
}

/** `paperboy harvest <source>`: fetches papers from arXiv or Hugging Face into the database. */
export function registerHarvest(program: Command, exit: ExitCode): void {
  const harvest = program
    .command('harvest')
    .description('fetch papers from arXiv (API, OAI-PMH, RSS) or Hugging Face daily papers')
    .addHelpText('after', HELP);
  const common = (cmd: Command): Command => cmd
    .option('--json', 'print one JSON summary object on stdout instead of a report')
    .option('--restart', 'ignore saved progress and start over');

  common(harvest.command('arxiv-api').description('search export.arxiv.org/api/query (newest submissions first)'))
    .option('--query <q>', 'arXiv search_query, e.g. "ti:diffusion AND abs:video"')
    .option('--id-list <ids>', 'comma-separated arXiv ids')
    .option('--category <cat>', 'arXiv category, repeatable (any of them)', collect)
    .option('--from <YYYY-MM-DD>', 'submitted on or after this day')
    .option('--until <YYYY-MM-DD>', 'submitted on or before this day')
    .option('--page-size <n>', 'entries per request, at most 2000 (default 100)')
    .option('--max <n>', 'stop after this many entries')
    .action((opts: CommonOptions) => run('arxiv-api', opts, exit));

  common(harvest.command('arxiv-oai').description('list records from arXiv OAI-PMH (ListRecords with resumption tokens)'))
    .option('--set <set>', 'OAI set such as cs or physics:hep-th, repeatable', collect)
    .option('--from <YYYY-MM-DD>', 'records changed on or after this day')
    .option('--until <YYYY-MM-DD>', 'records changed on or before this day')
    .option('--prefix <format>', 'arXivRaw (every version with dates, default) or arXiv (structured authors)')
    .action((opts: CommonOptions) => run('arxiv-oai', opts, exit));

  common(harvest.command('arxiv-rss').description("today's announcements from rss.arxiv.org"))
    .option('--category <cats>', 'categories joined with + (cs.AI+cs.CL), repeatable', collect)
    .action((opts: CommonOptions) => run('arxiv-rss', opts, exit));

  common(harvest.command('hf-daily').description('Hugging Face daily papers, one request per day (default: the last 7 days, today included, so upvotes and comments are refreshed)'))
    .option('--date <YYYY-MM-DD>', 'one day')
    .option('--week <YYYY-Www>', 'an ISO week, Monday to Sunday')
    .option('--month <YYYY-MM>', 'a calendar month')
    .option('--from <YYYY-MM-DD>', 'first day')
    .option('--until <YYYY-MM-DD>', 'last day (default today)')
    .action((opts: CommonOptions) => run('hf-daily', opts, exit));
}
