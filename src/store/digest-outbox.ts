import type { Db } from '../db/db.js';
import { chunksFor, placeholders, valuesList } from '../db/db.js';

/** One outbox row a sender holds the lease of. */
export interface OutboxRow {
  id: number;
  subscriberId: number;
  period: string;
  attempts: number;
  messageId: string;
  /** The papers (JSON) fixed at the first attempt, null before it: a retry mails exactly the same digest. */
  papers: string | null;
  /** Set when a sender died after handing this row's mail to the SMTP server: it may have been delivered. */
  sendingSince: string | null;
}

/** Who holds a claim and until when; owners are unique per sender run. */
export interface Lease {
  owner: string;
  ms: number;
}

// Claimable: pending, due, and not leased by a live sender (a crashed sender's lease runs out).
const CLAIMABLE = `status = 'pending' AND next_attempt_at <= ? AND (lease_until IS NULL OR lease_until < ?)`;

/**
 * Creates the outbox rows of a period before anything is sent. A (subscriber, period) pair that
 * already has a row keeps it, so planning twice, from two processes or after a crash, adds nothing.
 */
export async function planOutbox(db: Db, period: string, subscriberIds: readonly number[], messageId: (subscriberId: number) => string, now: Date): Promise<number> {
  const at = now.toISOString();
  let added = 0;
  for (const chunk of chunksFor(db, subscriberIds, 6, 500)) {
    const params = chunk.flatMap((id) => [id, period, at, messageId(id), at, at]);
    added += await db.run(
      `INSERT INTO digest_outbox (subscriber_id, period, next_attempt_at, message_id, created_at, updated_at)
       VALUES ${valuesList(chunk.length, 6)} ON CONFLICT (subscriber_id, period) DO NOTHING`, params);
  }
  return added;
}

/**
 * Claims up to `limit` due rows of these periods for `lease.owner` (who must have finished its
 * previous claim: every finished row drops its lease). The UPDATE repeats the claimable
 * test on each row, so when two senders race for a row (PostgreSQL re-checks a row it waited for;
 * SQLite has one writer at a time) exactly one of them gets it.
 */
export async function claimDue(db: Db, periods: readonly string[], lease: Lease, limit: number, now: Date): Promise<OutboxRow[]> {
  if (!periods.length) return [];
  const at = now.toISOString();
  const until = new Date(now.getTime() + lease.ms).toISOString();
  const inPeriods = `period IN (${placeholders(periods.length)})`;
  await db.run(
    `UPDATE digest_outbox SET lease_owner = ?, lease_until = ?, updated_at = ?
     WHERE id IN (SELECT id FROM digest_outbox WHERE ${CLAIMABLE} AND ${inPeriods} ORDER BY id LIMIT ?) AND ${CLAIMABLE}`,
    [lease.owner, until, at, at, at, ...periods, limit, at, at],
  );
  const rows = await db.all<{ id: number; subscriber_id: number; period: string; attempts: number; message_id: string; paper_ids: string | null; sending_since: string | null }>(
    `SELECT id, subscriber_id, period, attempts, message_id, paper_ids, sending_since FROM digest_outbox
     WHERE lease_owner = ? AND status = 'pending' ORDER BY id`, [lease.owner]);
  return rows.map((r) => ({
    id: Number(r.id), subscriberId: Number(r.subscriber_id), period: r.period, attempts: Number(r.attempts), messageId: r.message_id,
    papers: r.paper_ids ?? null, sendingSince: r.sending_since ?? null,
  }));
}

/** Extends the leases a live sender holds, so only a dead sender's rows are ever taken over. */
export async function renewLeases(db: Db, lease: Lease, now: Date): Promise<number> {
  return db.run(`UPDATE digest_outbox SET lease_until = ? WHERE lease_owner = ? AND status = 'pending'`,
    [new Date(now.getTime() + lease.ms).toISOString(), lease.owner]);
}

/** Gives back the rows a sender holds but did not get to (a clean stop, an SMTP outage). */
export async function releaseLeases(db: Db, owner: string): Promise<number> {
  return db.run(`UPDATE digest_outbox SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = ? AND status = 'pending'`, [owner]);
}

/** Fixes the papers of a row at its first attempt; later attempts reuse them. */
export async function fixPapers(db: Db, id: number, papersJson: string, now: Date): Promise<void> {
  await db.run('UPDATE digest_outbox SET paper_ids = ?, updated_at = ? WHERE id = ? AND paper_ids IS NULL', [papersJson, now.toISOString(), id]);
}

/**
 * Commits "this mail is being handed to the SMTP server" just before it is: from here until the
 * outcome is recorded the row is in doubt, and a crash leaves exactly these rows marked. The row
 * must still be this sender's with a live lease (renewed here) and its subscriber still active.
 * Returns 'ok', 'left' (unsubscribed or deleted since planning: cancel it) or 'lost' (lease gone).
 */
export async function markSending(db: Db, row: OutboxRow, lease: Lease, now: Date): Promise<'ok' | 'left' | 'lost'> {
  const at = now.toISOString();
  const changed = await db.run(
    `UPDATE digest_outbox SET sending_since = ?, handoffs = handoffs + 1, lease_until = ?, updated_at = ?
     WHERE id = ? AND status = 'pending' AND lease_owner = ? AND lease_until >= ?
       AND EXISTS (SELECT 1 FROM subscribers s WHERE s.id = digest_outbox.subscriber_id AND s.status = 'active')`,
    [at, new Date(now.getTime() + lease.ms).toISOString(), at, row.id, lease.owner, at]);
  if (changed > 0) return 'ok';
  const held = await db.get<{ n: number }>(
    `SELECT COUNT(*) AS n FROM digest_outbox WHERE id = ? AND status = 'pending' AND lease_owner = ? AND lease_until >= ?`, [row.id, lease.owner, at]);
  return Number(held?.n ?? 0) > 0 ? 'left' : 'lost';
}

/**
 * Marks a row sent and remembers its papers for the subscriber, in one transaction, right after
 * the SMTP server accepted the mail. False when the row was no longer pending (another sender took
 * it over after this one's lease ran out: the rare duplicate, with the same Message-ID).
 */
export async function markSent(db: Db, row: OutboxRow, paperRowIds: readonly number[], now: Date): Promise<boolean> {
  return db.transaction(async (tx) => {
    const at = now.toISOString();
    const changed = await tx.run(
      `UPDATE digest_outbox SET status = 'sent', sent_at = ?, updated_at = ?, lease_owner = NULL, lease_until = NULL, last_error = NULL, sending_since = NULL
       WHERE id = ? AND status = 'pending'`, [at, at, row.id]);
    for (const chunk of chunksFor(tx, paperRowIds, 3, 300)) {
      await tx.run(`INSERT INTO digest_sent_papers (subscriber_id, paper_id, period) VALUES ${valuesList(chunk.length, 3)}
        ON CONFLICT (subscriber_id, paper_id) DO NOTHING`, chunk.flatMap((p) => [row.subscriberId, p, row.period]));
    }
    return changed > 0;
  });
}

/** Ends a row without mail: 'skipped' (nothing new in the period) or 'cancelled' (subscriber left). */
export async function markClosed(db: Db, id: number, status: 'skipped' | 'cancelled', reason: string, now: Date): Promise<void> {
  await db.run(`UPDATE digest_outbox SET status = ?, last_error = ?, updated_at = ?, lease_owner = NULL, lease_until = NULL, sending_since = NULL
    WHERE id = ? AND status = 'pending'`,
    [status, reason, now.toISOString(), id]);
}

/**
 * Records a failed attempt: a temporary one is retried at `retryAt` until `maxAttempts`, a
 * permanent one (or the last attempt) marks the row 'failed'. Returns the row's new status.
 */
export async function markAttemptFailed(db: Db, row: OutboxRow, error: string, retryAt: Date | null, maxAttempts: number, now: Date): Promise<'pending' | 'failed'> {
  const attempts = row.attempts + 1;
  const status = retryAt && attempts < maxAttempts ? 'pending' : 'failed';
  await db.run(
    `UPDATE digest_outbox SET status = ?, attempts = ?, next_attempt_at = ?, last_error = ?, updated_at = ?, lease_owner = NULL, lease_until = NULL,
       sending_since = NULL
     WHERE id = ? AND status = 'pending'`,
    [status, attempts, (retryAt ?? now).toISOString(), error.slice(0, 500), now.toISOString(), row.id]);
  return status;
}

/** Pending rows of these periods: leased by another live sender, or waiting for a retry time. */
export async function pendingElsewhere(db: Db, periods: readonly string[], now: Date): Promise<{ leased: number; retryLater: number; total: number }> {
  if (!periods.length) return { leased: 0, retryLater: 0, total: 0 };
  const at = now.toISOString();
  const r = await db.get<{ leased: number | null; later: number | null; total: number | null }>(
    `SELECT SUM(CASE WHEN lease_until >= ? THEN 1 ELSE 0 END) AS leased,
            SUM(CASE WHEN next_attempt_at > ? AND (lease_until IS NULL OR lease_until < ?) THEN 1 ELSE 0 END) AS later,
            COUNT(*) AS total
     FROM digest_outbox WHERE status = 'pending' AND period IN (${placeholders(periods.length)})`, [at, at, at, ...periods]);
  return { leased: Number(r?.leased ?? 0), retryLater: Number(r?.later ?? 0), total: Number(r?.total ?? 0) };
}

/** Periods that still have pending rows (a retry after an outage can outlive its day). */
export async function pendingPeriods(db: Db): Promise<string[]> {
  const rows = await db.all<{ period: string }>(`SELECT DISTINCT period FROM digest_outbox WHERE status = 'pending' ORDER BY period`);
  return rows.map((r) => r.period);
}
