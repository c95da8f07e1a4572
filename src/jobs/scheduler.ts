import type { Config } from '../config/config.js';
import type { Db } from '../db/db.js';
import type { HttpOptions } from '../ingest/http/http-client.js';
import { runHarvest, type HarvestOutcome } from '../ingest/harvest/run-harvest.js';
import { planFor, type HarvestOptions } from '../ingest/harvest/harvest-params.js';
import { scheduleEntry } from './schedule-entry.js';

/** The log methods the scheduler uses; a pino logger fits. */
export interface SchedulerLogger {
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string): void;
}

/** What the scheduler needs from the application context (an AppContext fits). */
export interface SchedulerContext {
  config: Config;
  db: Db;
  keyword: { indexPending(): Promise<unknown> };
}

export interface SchedulerOptions {
  /** Wait before the first round, so start-up is not slowed. Default 10 s. */
  initialDelayMs?: number;
  /** Between successful runs of an entry without its own `@MINUTES`. Default config.harvestIntervalMinutes. */
  intervalMs?: number;
  /** Waits after 1, 2, 3+ failures in a row (never longer than the interval). Default 5, 15, 60 min. */
  retryDelaysMs?: readonly number[];
  http?: Omit<HttpOptions, 'delayMs' | 'signal'>;
}

/** A running schedule; stop() cancels timers and the harvest in flight and waits for it. */
export interface RunningScheduler {
  stop(): Promise<void>;
}

const MINUTE = 60_000;

function outcomeLine(o: HarvestOutcome): string {
  return `added ${o.added}, updated ${o.updated}, unchanged ${o.unchanged}, failed ${o.failed}`;
}

/**
 * Harvests every PAPERBOY_SCHEDULE entry shortly after start-up and then every interval, one
 * harvest at a time. A failing source (unreachable, erroring) logs one warning line and is retried
 * sooner with backoff; nothing a harvest does is thrown into the caller.
 */
export function startScheduler(ctx: SchedulerContext, logger: SchedulerLogger, opts: SchedulerOptions = {}): RunningScheduler {
  const interval = opts.intervalMs ?? ctx.config.harvestIntervalMinutes * MINUTE;
  const retries = opts.retryDelaysMs ?? [5 * MINUTE, 15 * MINUTE, 60 * MINUTE];
  const abort = new AbortController();
  const timers = new Set<NodeJS.Timeout>();
  let queue: Promise<void> = Promise.resolve();

  const later = (ms: number, fn: () => void): void => {
    if (abort.signal.aborted) return;
    const t = setTimeout(() => { timers.delete(t); fn(); }, ms);
    t.unref();
    timers.add(t);
  };

  const runEntry = async (entry: string, source: string, options: HarvestOptions, interval: number, failures: number): Promise<void> => {
    if (abort.signal.aborted) return;
    let ok = false;
    let why = '';
    try {
      const choice = planFor(source, options);
      if (!choice.ok) throw new Error(choice.message);
      const outcome = await runHarvest(choice.plan, {
        db: ctx.db, config: ctx.config, http: opts.http, signal: abort.signal, afterPage: () => ctx.keyword.indexPending(),
      });
      if (outcome.status === 'stopped') return;
      ok = outcome.status !== 'failed';
      const first = outcome.errors[0];
      why = first ? `${first.source}: ${first.message}` : '';
      if (ok) logger.info(`harvest ${entry}: ${outcome.status === 'up-to-date' ? 'up to date' : outcomeLine(outcome)}`);
    } catch (err) {
      if (abort.signal.aborted) return;
      why = err instanceof Error ? err.message : String(err);
    }
    if (ok) return later(interval, () => enqueue(entry, source, options, interval, 0));
    const wait = Math.min(interval, retries[Math.min(failures, retries.length - 1)] ?? interval);
    logger.warn(`harvest ${entry} failed: ${why || 'unknown reason'}; retrying in ${Math.round(wait / 1000)} s`);
    later(wait, () => enqueue(entry, source, options, interval, failures + 1));
  };

  const enqueue = (entry: string, source: string, options: HarvestOptions, interval: number, failures: number): void => {
    queue = queue.then(() => runEntry(entry, source, options, interval, failures)).catch((err: unknown) => {
      logger.error(`scheduler: ${err instanceof Error ? err.message : String(err)}`);
    });
  };

  const planned: string[] = [];
  for (const entry of ctx.config.schedule) {
    const parsed = scheduleEntry(entry);
    if (!parsed.ok) { logger.warn(parsed.message); continue; }
    const every = parsed.everyMinutes !== undefined ? parsed.everyMinutes * MINUTE : interval;
    planned.push(`${entry.replace(/@.*$/, '')} every ${Math.round(every / MINUTE)} min`);
    later(opts.initialDelayMs ?? 10_000, () => enqueue(entry, parsed.source, parsed.options, every, 0));
  }
  if (planned.length) logger.info(`harvest schedule: ${planned.join(', ')}`);

  return {
    async stop() {
      abort.abort(new Error('scheduler stopped'));
      for (const t of timers) clearTimeout(t);
      timers.clear();
      await queue;
    },
  };
}
