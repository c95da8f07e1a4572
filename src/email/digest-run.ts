import type { Config } from '../config/config.js';
import type { Db } from '../db/db.js';
import type { Progress } from '../progress/progress.js';
import type { SemanticSearch } from '../search/semantic/semantic-search.js';
import { linkSecret } from '../store/app-secret.js';
import { createMailer } from './mailer.js';
import { pendingPeriods } from '../store/digest-outbox.js';
import { purgeUnconfirmed } from '../store/subscribers-write.js';
import { planDigests, plannedPeriods, recipientsOf, type PlannedPeriod } from './digest-plan.js';
import { DigestSelector, type SelectDeps } from './digest-select.js';
import { sendDigests, type SenderOptions, type SendSummary } from './digest-sender.js';

/** What `digest send` and the schedule share: the store, the index and the settings. */
export interface DigestRunContext extends SelectDeps {
  config: Pick<Config, 'baseUrl' | 'secret' | 'smtpUrl' | 'mailFrom' | 'mailRatePerSecond'>;
  db: Db;
  semantic?: SemanticSearch | null;
}

/** One run's outcome: the periods, how many outbox rows it created, and what was sent. */
export interface DigestRunResult {
  periods: string[];
  planned: number;
  summary: SendSummary;
  /** Unconfirmed sign-ups forgotten by this run (older than UNCONFIRMED_KEEP_DAYS). */
  purged: number;
}

/** Days an unconfirmed sign-up is kept after its last request (its confirmation link expires after 3). */
export const UNCONFIRMED_KEEP_DAYS = 30;

/** What a dry run found per period: how many subscribers would get a digest, how many would not. */
export interface DryRunResult {
  periods: Array<{ period: string; subscribers: number; wouldSend: number; wouldSkip: number; papers: number }>;
}

/** A missing SMTP_URL, reported by the caller as a user-fixable problem. */
export class NoSmtpError extends Error {}

/**
 * Plans and sends the digests due for `date` (or today's schedule): outbox rows first, then the
 * exactly-once sender. Safe to run in several processes at once and to rerun after a crash.
 */
export async function runDigests(ctx: DigestRunContext, opts: { date?: string; today: string; progress?: Progress; includePending?: boolean } & SenderOptions): Promise<DigestRunResult> {
  if (!ctx.config.smtpUrl) throw new NoSmtpError('no SMTP server configured: set SMTP_URL (e.g. smtp://user:pass@mail.example.org:587)');
  const planned = plannedPeriods(opts.date, opts.today);
  const now = (opts.now ?? (() => new Date()))();
  const created = await planDigests(ctx.db, ctx.config.baseUrl, planned, now);
  const purged = await purgeUnconfirmed(ctx.db, new Date(now.getTime() - UNCONFIRMED_KEEP_DAYS * 86_400_000));
  const secret = await linkSecret(ctx.db, ctx.config.secret);
  // Few mails in flight: each one in flight when a process dies may be delivered twice (same Message-ID).
  const connections = Math.min(4, Math.max(1, Math.ceil(ctx.config.mailRatePerSecond / 10)));
  const mailer = createMailer(ctx.config.smtpUrl, { from: ctx.config.mailFrom, ratePerSecond: ctx.config.mailRatePerSecond, connections });
  try {
    const names = planned.map((p) => p.period.name);
    const retries = opts.includePending ? (await pendingPeriods(ctx.db)).filter((n) => !names.includes(n)) : [];
    const summary = await sendDigests({ ...ctx, mailer, baseUrl: ctx.config.baseUrl, secret }, [...names, ...retries], { concurrency: connections, ...opts });
    return { periods: names, planned: created, summary, purged };
  } finally {
    mailer.close();
  }
}

/** What a run would send, without writing anything or contacting the SMTP server. */
export async function dryRunDigests(ctx: DigestRunContext, opts: { date?: string; today: string }): Promise<DryRunResult> {
  const out: DryRunResult = { periods: [] };
  for (const p of plannedPeriods(opts.date, opts.today) as PlannedPeriod[]) {
    const selector = await DigestSelector.open(ctx, p.period);
    const row = { period: p.period.name, subscribers: 0, wouldSend: 0, wouldSkip: 0, papers: selector.papers.papers.length };
    for (const s of await recipientsOf(ctx.db, p)) {
      row.subscribers++;
      const pick = await selector.select(s.id, s.interests);
      if (pick.top.length + pick.forYou.length) row.wouldSend++;
      else row.wouldSkip++;
    }
    out.periods.push(row);
  }
  return out;
}
