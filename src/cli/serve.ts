import type { AddressInfo } from 'node:net';
import type { Command } from 'commander';
import type { ExitCode } from './main.js';
import { UserError } from './main.js';
import { openContext } from './context.js';
import { createLogger } from '../logging/logger.js';
import { buildApp } from '../web/app.js';
import { startScheduler } from '../jobs/scheduler.js';
import { startEmbedJob } from '../jobs/embed-job-timer.js';
import { startDigestSchedule } from '../jobs/digest-schedule.js';
import { lineProgress } from '../progress/progress.js';

/** Resolves on the first SIGINT or SIGTERM; a second one then ends the process the default way. */
function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const on = (signal: NodeJS.Signals): void => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
      resolve(signal);
    };
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
  });
}

function listenProblem(err: unknown, host: string, port: number): Error {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') return new UserError(`cannot listen on ${host}:${port}: the port is in use (set PAPERBOY_PORT to another one)`);
  if (code === 'EACCES') return new UserError(`cannot listen on ${host}:${port}: permission denied (use a port above 1024)`);
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') return new UserError(`cannot listen on ${host}:${port}: no such address (check PAPERBOY_HOST)`);
  return err instanceof Error ? err : new Error(String(err));
}

/**
 * `paperboy serve`: the website plus scheduled harvesting, until SIGINT/SIGTERM, then a clean
 * stop (scheduler, open requests, database) so no harvest batch or request is cut in half.
 */
export function registerServe(program: Command, _exit: ExitCode): void {
  program
    .command('serve')
    .description('run the website (and scheduled harvesting) until interrupted')
    .option('--no-schedule', 'serve only; do not harvest on a schedule')
    .action(async (opts: { schedule: boolean }) => {
      const ctx = await openContext({ createSchema: true, serving: true });
      const { config } = ctx;
      const logger = createLogger(config);
      // The semantic model and its vectors load first: a search in the first seconds waits for them,
      // and the embedding job and the spelling vocabulary, started beside them, held them back (a
      // search 1.5 s after start-up waited 1.5 s on the walk-through instance; see the README).
      // It starts once the site listens (at a million papers it takes seconds), or not at all if it cannot.
      let listening: (ok: boolean) => void = () => undefined;
      const listened = new Promise<boolean>((resolve) => { listening = resolve; });
      const semanticLoaded = listened.then((ok) => (ok ? ctx.semantic.loaded() : null)).then(() => undefined, () => undefined);
      const app = await buildApp({ config, db: ctx.db, keyword: ctx.keyword, semantic: ctx.semantic, logger, warmAfter: semanticLoaded }).catch(async (err: unknown) => {
        await ctx.close();
        throw err;
      });
      try {
        await app.listen({ host: config.host, port: config.port });
        listening(true);
      } catch (err) {
        listening(false);
        await app.close();
        await ctx.close();
        throw listenProblem(err, config.host, config.port);
      }
      const stopped = untilSignal();
      const port = (app.server.address() as AddressInfo).port;
      logger.info({ host: config.host, port, url: config.baseUrl, database: ctx.db.location }, `paperboy is serving on http://${config.host}:${port}`);
      // Papers queued for the keyword index but not indexed yet (an import cut short, or an upgrade that
      // changed how text is tokenized) are indexed now, in the background, while the old entries answer.
      const indexing = ctx.keyword.indexPending().then(
        (papers) => { if (papers) logger.info({ papers }, 'indexed queued papers'); },
        (err: unknown) => { logger.error({ err }, 'indexing queued papers failed'); },
      );
      const scheduler = opts.schedule ? startScheduler(ctx, logger) : null;
      // Building the first model of a large site takes minutes: the log says when it starts and how far it is.
      const embedProgress = lineProgress((line) => logger.info(`embedding job: ${line}`), 30_000);
      const embedder = startEmbedJob(async () => {
        await semanticLoaded;
        return ctx.semantic.embedPending({ progress: embedProgress });
      }, logger, config.embeddings.intervalSeconds * 1000);
      // Digests go out on schedule only when there is an SMTP server to send them through.
      const digests = opts.schedule && config.smtpUrl ? startDigestSchedule(ctx, logger, { hourUtc: config.digestHourUtc }) : null;

      const signal = await stopped;
      logger.info({ signal }, 'shutting down');
      await scheduler?.stop();
      await digests?.stop();
      await embedder.stop();
      await indexing;
      await app.close();
      await ctx.close();
      logger.info('stopped');
    });
}
