import type { Db } from '../db/db.js';
import { bouncingSubscribers } from './digest-subscribers.js';

/** Outbox rows per status for one period. */
export interface PeriodCounts {
  period: string;
  pending: number;
  sent: number;
  skipped: number;
  failed: number;
  cancelled: number;
  /** Pending rows waiting for a retry after a temporary failure. */
  retrying: number;
  /** Pending rows whose mail was handed to the SMTP server with no outcome recorded (see InDoubtRow). */
  inDoubt: number;
}

/**
 * A pending row whose mail was handed to the SMTP server and whose outcome was never recorded:
 * its sender is sending it right now (`senderAlive`) or died, and the mail may have been
 * delivered. The next run sends it again with the same Message-ID.
 */
export interface InDoubtRow {
  email: string;
  period: string;
  messageId: string;
  sendingSince: string;
  /** Times the mail was handed over so far. */
  handoffs: number;
  senderAlive: boolean;
}

/** A row that failed at least once, newest first. */
export interface DigestFailure {
  email: string;
  period: string;
  status: string;
  attempts: number;
  nextAttemptAt: string;
  error: string;
  at: string;
}

/** What `paperboy digest status` shows: the state of recent periods, stopped addresses, failures. */
export interface DigestStatus {
  totals: Omit<PeriodCounts, 'period'>;
  periods: PeriodCounts[];
  bouncing: Awaited<ReturnType<typeof bouncingSubscribers>>;
  recentFailures: DigestFailure[];
  inDoubt: InDoubtRow[];
}

const STATUSES = ['pending', 'sent', 'skipped', 'failed', 'cancelled'] as const;

function empty(period: string): PeriodCounts {
  return { period, pending: 0, sent: 0, skipped: 0, failed: 0, cancelled: 0, retrying: 0, inDoubt: 0 };
}

/** Reads the outbox summary: the newest `periods` periods in full and totals over all of them. */
export async function digestStatus(db: Db, opts: { periods?: number; failures?: number; now?: Date } = {}): Promise<DigestStatus> {
  const rows = await db.all<{ period: string; status: string; retrying: number; doubt: number; n: number }>(
    `SELECT period, status, SUM(CASE WHEN attempts > 0 THEN 1 ELSE 0 END) AS retrying,
            SUM(CASE WHEN sending_since IS NOT NULL THEN 1 ELSE 0 END) AS doubt, COUNT(*) AS n
     FROM digest_outbox GROUP BY period, status`);
  const byPeriod = new Map<string, PeriodCounts>();
  const totals = empty('');
  for (const r of rows) {
    const c = byPeriod.get(r.period) ?? empty(r.period);
    byPeriod.set(r.period, c);
    const status = (STATUSES as readonly string[]).includes(r.status) ? (r.status as (typeof STATUSES)[number]) : null;
    if (!status) continue;
    c[status] += Number(r.n);
    totals[status] += Number(r.n);
    if (status !== 'pending') continue;
    c.retrying += Number(r.retrying);
    totals.retrying += Number(r.retrying);
    c.inDoubt += Number(r.doubt);
    totals.inDoubt += Number(r.doubt);
  }
  // Newest day first, daily before weekly on the same day.
  const periods = [...byPeriod.values()].sort((a, b) => b.period.slice(-10).localeCompare(a.period.slice(-10)) || a.period.localeCompare(b.period));
  const failures = await db.all<{ email: string | null; period: string; status: string; attempts: number; next_attempt_at: string; last_error: string; updated_at: string }>(
    `SELECT s.email, o.period, o.status, o.attempts, o.next_attempt_at, o.last_error, o.updated_at
     FROM digest_outbox o LEFT JOIN subscribers s ON s.id = o.subscriber_id
     WHERE o.last_error IS NOT NULL AND o.status IN ('pending', 'failed') ORDER BY o.updated_at DESC, o.id DESC LIMIT ?`, [opts.failures ?? 20]);
  const at = (opts.now ?? new Date()).toISOString();
  const doubt = await db.all<{ email: string | null; period: string; message_id: string; sending_since: string; handoffs: number; alive: number }>(
    `SELECT s.email, o.period, o.message_id, o.sending_since, o.handoffs, CASE WHEN o.lease_until >= ? THEN 1 ELSE 0 END AS alive
     FROM digest_outbox o LEFT JOIN subscribers s ON s.id = o.subscriber_id
     WHERE o.status = 'pending' AND o.sending_since IS NOT NULL ORDER BY o.sending_since, o.id`, [at]);
  const { period: _p, ...t } = totals;
  return {
    totals: t,
    periods: periods.slice(0, opts.periods ?? 14),
    bouncing: await bouncingSubscribers(db),
    recentFailures: failures.map((f) => ({
      email: f.email ?? '(deleted)', period: f.period, status: f.status, attempts: Number(f.attempts),
      nextAttemptAt: f.next_attempt_at, error: f.last_error, at: f.updated_at,
    })),
    inDoubt: doubt.map((d) => ({
      email: d.email ?? '(deleted)', period: d.period, messageId: d.message_id, sendingSince: d.sending_since,
      handoffs: Number(d.handoffs), senderAlive: Number(d.alive) === 1,
    })),
  };
}
