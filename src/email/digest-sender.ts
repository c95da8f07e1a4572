import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { silentProgress, type Progress } from '../progress/progress.js';
import { claimDue, markAttemptFailed, markClosed, markSending, markSent, pendingElsewhere, releaseLeases, renewLeases, type Lease } from '../store/digest-outbox.js';
import { recordBounce } from '../store/digest-subscribers.js';
import type { Mailer } from './mailer.js';
import { DigestPreparer, type PrepareDeps, type PreparedMail } from './digest-prepare.js';

// Delivery guarantee. Each (subscriber, period) has one outbox row, created before anything is
// sent, with a Message-ID fixed at creation. A sender leases a batch of rows (renewed every third
// of the lease while it lives), selects and renders every mail of the batch first, then sends
// them: before each mail is handed to the SMTP server the row records `sending_since` (a commit),
// and right after the server's 250 the row is committed "sent" with its papers; nothing else runs
// in between (no selection or rendering is left to do). So the only window is one SMTP reply and
// one local commit per connection, and a process killed there leaves exactly those rows marked
// "in doubt" (pending with `sending_since`), at most `concurrency` of them (runDigests uses one
// per SMTP connection); `digest status` lists them. When their lease runs out another run takes
// them over and sends them again with the same Message-ID and the same papers. SMTP has no way
// to ask a server whether it accepted a message, so an in-doubt row allows either a possible
// repeat or a possible loss; a repeat carrying the same Message-ID (which mail systems collapse)
// is the safer choice. Every row not in doubt is sent exactly once.

/** What a sender run needs: selection inputs, a mailer, and how links are built. */
export interface SenderDeps extends PrepareDeps {
  mailer: Mailer;
}

/** Knobs of a run; tests shorten leases and move the clock. */
export interface SenderOptions {
  progress?: Progress;
  /** How long a claim holds without renewal (renewed every third of it). Default 60 s. */
  leaseMs?: number;
  /** Rows claimed at a time. Default 50. */
  batch?: number;
  /** Messages in flight at once (the mailer's pool spreads them). Default 4. */
  concurrency?: number;
  /** Wait for rows another sender holds (until it finishes or its lease runs out). Default true. */
  waitForOthers?: boolean;
  now?: () => Date;
  /** Attempts before a temporarily failing digest is given up. Default 8. */
  maxAttempts?: number;
  /** Consecutive temporary failures after which the run stops (the SMTP server is down). Default 5. */
  outageAfter?: number;
  /** Stops the run after the mails in flight (serve shutting down); the rest stays queued. */
  signal?: AbortSignal;
}

/** What a run did, for the summary line and --json. */
export interface SendSummary {
  sent: number;
  skipped: number;
  cancelled: number;
  /** Temporary failures, to be retried later. */
  retrying: number;
  /** Rejected for good (or out of attempts). */
  failed: number;
  /** Addresses this run marked 'bouncing'. */
  stopped: number;
  /** Rows that were sent by this run after another sender had already finished them (lease lost). */
  duplicates: number;
  /** Rows in doubt after a crashed run (maybe delivered) that this run sent again, same Message-ID. */
  resent: number;
  /** Pending rows left: waiting for a retry time, or held by a sender that is still running. */
  left: number;
  outage: string | null;
}

/** Waits before retry n (1-based): 1, 5, 15, 60 minutes, then every 3 hours. */
export function retryDelayMs(attempt: number): number {
  const minutes = [1, 5, 15, 60][attempt - 1] ?? 180;
  return minutes * 60_000;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Sends every due outbox row of these periods, exactly once per (subscriber, period) outside the
 * in-doubt window described above: rows are claimed with a renewed lease, a batch is prepared in
 * full, then each mail is marked in flight, sent and committed as sent on the server's 250;
 * failures are recorded with a retry time. Several runs, in one or many processes, can share the
 * work; a crashed run's rows are taken over once its lease runs out.
 */
export async function sendDigests(deps: SenderDeps, periodNames: readonly string[], opts: SenderOptions = {}): Promise<SendSummary> {
  const now = opts.now ?? (() => new Date());
  const progress = opts.progress ?? silentProgress;
  const lease: Lease = { owner: `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`, ms: opts.leaseMs ?? 60_000 };
  const sum: SendSummary = { sent: 0, skipped: 0, cancelled: 0, retrying: 0, failed: 0, stopped: 0, duplicates: 0, resent: 0, left: 0, outage: null };
  const preparer = new DigestPreparer(deps, now);
  const concurrency = Math.max(1, opts.concurrency ?? 4);
  const stopping = (): boolean => !!sum.outage || !!opts.signal?.aborted;
  let failuresInARow = 0;

  // Hands one prepared mail to the SMTP server between the two commits that bracket the window.
  const send = async ({ row, subscriberId, mail, paperRowIds }: PreparedMail): Promise<void> => {
    const claim = await markSending(deps.db, row, lease, now());
    if (claim === 'lost') return;
    if (claim === 'left') {
      await markClosed(deps.db, row.id, 'cancelled', 'subscriber left before sending', now());
      sum.cancelled++;
      return;
    }
    const result = await deps.mailer.send(mail);
    if (result.ok) {
      const recorded = await markSent(deps.db, row, paperRowIds, now());
      failuresInARow = 0;
      if (!recorded) { sum.duplicates++; return; }
      sum.sent++;
      if (row.sendingSince) sum.resent++;
      return;
    }
    if (result.kind === 'permanent') {
      failuresInARow = 0;
      await markAttemptFailed(deps.db, row, result.message, null, 1, now());
      sum.failed++;
      if (await recordBounce(deps.db, subscriberId, result.message, now())) sum.stopped++;
      return;
    }
    failuresInARow++;
    const at = now();
    const status = await markAttemptFailed(deps.db, row, result.message, new Date(at.getTime() + retryDelayMs(row.attempts + 1)), opts.maxAttempts ?? 8, at);
    if (status === 'failed') sum.failed++;
    else sum.retrying++;
    if (failuresInARow >= (opts.outageAfter ?? 5)) sum.outage ??= result.message;
  };

  // Runs `fn` over `items` with `concurrency` workers, stopping early on an outage or an abort.
  const each = async <T>(items: readonly T[], fn: (item: T) => Promise<void>): Promise<void> => {
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < items.length && !stopping()) await fn(items[next++]!);
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  };

  const initial = await pendingElsewhere(deps.db, periodNames, now());
  progress.start(initial.total, 'digests');
  const heartbeat = setInterval(() => { void renewLeases(deps.db, lease, now()).catch(() => undefined); }, Math.max(50, lease.ms / 3));
  heartbeat.unref();
  try {
    while (!stopping()) {
      const rows = await claimDue(deps.db, periodNames, lease, opts.batch ?? 50, now());
      if (!rows.length) {
        const rest = await pendingElsewhere(deps.db, periodNames, now());
        // Another sender won the race for this batch: claim the next one at once.
        if (rest.total - rest.leased - rest.retryLater > 0) continue;
        if (rest.leased > 0 && opts.waitForOthers !== false) { await sleep(Math.min(1000, lease.ms / 4)); continue; }
        break;
      }
      // First every selection and rendering of the batch, with no mail in flight...
      const ready: PreparedMail[] = [];
      await each(rows, async (row) => {
        const p = await preparer.prepare(row);
        if (p.kind === 'mail') { ready.push(p.prepared); return; }
        sum[p.status === 'skipped' ? 'skipped' : 'cancelled']++;
        progress.tick(1);
      });
      // ...then only the sends and their commits.
      await each(ready, async (p) => { await send(p); progress.tick(1); });
      // Rows prepared but not sent (an outage, an abort) are released below, papers kept.
    }
  } finally {
    clearInterval(heartbeat);
    await releaseLeases(deps.db, lease.owner);
    progress.stop();
  }
  sum.left = (await pendingElsewhere(deps.db, periodNames, now())).total;
  return sum;
}
