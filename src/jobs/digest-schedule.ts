import type { Progress } from '../progress/progress.js';
import { runDigests, UNCONFIRMED_KEEP_DAYS, type DigestRunContext } from '../email/digest-run.js';
import type { SchedulerLogger, RunningScheduler } from './scheduler.js';

/** Knobs of the digest schedule; tests move the clock and check often. */
export interface DigestScheduleOptions {
  /** How often the clock is looked at. Default 60 s. */
  checkEveryMs?: number;
  /** Between two runs on the same day while something is left (retries, an outage). Default 5 min. */
  retryEveryMs?: number;
  now?: () => Date;
  hourUtc: number;
  progress?: Progress;
}

/**
 * Sends digests from `serve`: once the clock passes the digest hour (UTC), the day's periods
 * (daily on weekdays, weekly on each subscriber's weekday) are planned and sent; while anything is
 * left pending (temporary failures, an SMTP outage) the run repeats every few minutes, also for
 * earlier periods. Several instances on one PostgreSQL database share the outbox, so each digest
 * still goes out once.
 */
export function startDigestSchedule(ctx: DigestRunContext, logger: SchedulerLogger, opts: DigestScheduleOptions): RunningScheduler {
  const now = opts.now ?? (() => new Date());
  const retryEvery = opts.retryEveryMs ?? 5 * 60_000;
  let doneDay: string | null = null;
  let lastRunAt = 0;
  let running: Promise<void> | null = null;
  let stopped = false;
  const abort = new AbortController();

  const tick = (): void => {
    if (stopped || running) return;
    const at = now();
    const today = at.toISOString().slice(0, 10);
    if (at.getUTCHours() < opts.hourUtc || doneDay === today || at.getTime() - lastRunAt < retryEvery) return;
    lastRunAt = at.getTime();
    running = (async () => {
      try {
        const r = await runDigests(ctx, { today, includePending: true, now, signal: abort.signal, ...(opts.progress ? { progress: opts.progress } : {}) });
        const s = r.summary;
        logger.info(`digests ${r.periods.join(', ')}: sent ${s.sent}, skipped ${s.skipped}, retrying ${s.retrying}, failed ${s.failed}`);
        if (r.purged) logger.info(`digests: forgot ${r.purged} unconfirmed sign-up(s) older than ${UNCONFIRMED_KEEP_DAYS} days`);
        if (s.outage) logger.warn(`digests: SMTP server unavailable (${s.outage}); retrying in ${Math.round(retryEvery / 60_000)} min`);
        if (!s.outage && s.left === 0) doneDay = today;
      } catch (err) {
        logger.error(`digests: ${err instanceof Error ? err.message : String(err)}`);
      } finally {
        running = null;
      }
    })();
  };

  const timer = setInterval(tick, opts.checkEveryMs ?? 60_000);
  timer.unref();
  tick();
  return {
    async stop() {
      stopped = true;
      abort.abort();
      clearInterval(timer);
      await running;
    },
  };
}
