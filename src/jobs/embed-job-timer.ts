import type { EmbedRunSummary } from './embed-job.js';

/** The log methods the embedding job uses; a pino logger fits. */
export interface EmbedJobLogger {
  info(msg: string): void;
  warn(msg: string): void;
}

const papers = (n: number): string => `${n.toLocaleString('en-US')} ${n === 1 ? 'paper' : 'papers'}`;

/** A running embedding job; stop() cancels the timer and waits for a run in flight. */
export interface RunningEmbedJob {
  stop(): Promise<void>;
}

/**
 * Runs the embedding job every `intervalMs` (PAPERBOY_EMBED_INTERVAL_SECONDS) inside `serve`, so
 * papers another process imports become semantically searchable within one interval. One run at
 * a time; a failing run (endpoint down) logs one warning per run of failures and tries again later.
 */
export function startEmbedJob(run: () => Promise<EmbedRunSummary>, logger: EmbedJobLogger, intervalMs: number): RunningEmbedJob {
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let current: Promise<void> = Promise.resolve();
  let lastProblem: string | undefined;

  const tick = (): void => {
    timer = null;
    if (stopped) return;
    current = (async () => {
      try {
        const s = await run();
        if (s.problem && s.problem !== lastProblem) (s.waiting ? logger.info.bind(logger) : logger.warn.bind(logger))(`embedding job: ${s.problem}`);
        lastProblem = s.problem;
        if (s.rebuilt) logger.info(`embedding job: built model ${s.model}, ${papers(s.embedded)} embedded`);
        else if (s.embedded) logger.info(`embedding job: ${papers(s.embedded)} embedded`);
      } catch (err) {
        logger.warn(`embedding job failed: ${err instanceof Error ? err.message : String(err)}`);
      }
      if (!stopped) {
        timer = setTimeout(tick, intervalMs);
        timer.unref();
      }
    })();
  };
  timer = setTimeout(tick, 0);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await current;
    },
  };
}
