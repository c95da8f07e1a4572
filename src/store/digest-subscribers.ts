import type { Db, Row } from '../db/db.js';
import { storedInterests, type Interests } from './subscribers-input.js';

/** What the digest sender needs of a subscriber (the subscription pages own the rest of the row). */
export interface DigestSubscriber {
  id: number;
  email: string;
  status: string;
  frequency: 'daily' | 'weekly';
  /** ISO weekday 1 (Monday) .. 7 (Sunday) of a weekly digest. */
  weekday: number;
  interests: Interests;
  tokenVersion: number;
  bounceCount: number;
}

/** Hard bounces after which an address is marked 'bouncing' and gets no more mail. */
export const BOUNCE_LIMIT = 3;

const COLUMNS = 'id, email, status, frequency, weekday, interests, token_version, bounce_count';

function toSubscriber(r: Row): DigestSubscriber {
  return {
    id: Number(r['id']), email: String(r['email']), status: String(r['status']),
    frequency: r['frequency'] === 'weekly' ? 'weekly' : 'daily', weekday: Number(r['weekday']),
    interests: storedInterests(r['interests'] as string | null), tokenVersion: Number(r['token_version']), bounceCount: Number(r['bounce_count']),
  };
}

/** Active subscribers who get this kind of digest (weekly ones only on their weekday). */
export async function subscribersDue(db: Db, kind: 'daily' | 'weekly', weekday: number): Promise<DigestSubscriber[]> {
  const rows = kind === 'daily'
    ? await db.all(`SELECT ${COLUMNS} FROM subscribers WHERE status = 'active' AND frequency = 'daily' ORDER BY id`)
    : await db.all(`SELECT ${COLUMNS} FROM subscribers WHERE status = 'active' AND frequency = 'weekly' AND weekday = ? ORDER BY id`, [weekday]);
  return rows.map(toSubscriber);
}

/** One subscriber by row id, whatever their status (the sender re-checks it before mailing). */
export async function digestSubscriber(db: Db, id: number): Promise<DigestSubscriber | null> {
  const r = await db.get(`SELECT ${COLUMNS} FROM subscribers WHERE id = ?`, [id]);
  return r ? toSubscriber(r) : null;
}

/** One subscriber by address (stored lower-cased), for `digest preview --email`. */
export async function digestSubscriberByEmail(db: Db, email: string): Promise<DigestSubscriber | null> {
  const r = await db.get(`SELECT ${COLUMNS} FROM subscribers WHERE email = ?`, [email.trim().toLowerCase()]);
  return r ? toSubscriber(r) : null;
}

/**
 * Counts a hard bounce; at BOUNCE_LIMIT the address becomes 'bouncing' and no digest is planned or
 * sent to it again. Returns whether this bounce stopped the address.
 */
export async function recordBounce(db: Db, id: number, message: string, at: Date): Promise<boolean> {
  await db.run(
    `UPDATE subscribers SET bounce_count = bounce_count + 1, last_bounce_at = ?, last_bounce = ?, updated_at = ?,
       status = CASE WHEN bounce_count + 1 >= ? AND status = 'active' THEN 'bouncing' ELSE status END
     WHERE id = ?`,
    [at.toISOString(), message.slice(0, 500), at.toISOString(), BOUNCE_LIMIT, id],
  );
  const r = await db.get<{ status: string }>('SELECT status FROM subscribers WHERE id = ?', [id]);
  return r?.status === 'bouncing';
}

/** Addresses stopped for bouncing, for `digest status`. */
export async function bouncingSubscribers(db: Db): Promise<Array<{ email: string; bounceCount: number; lastBounceAt: string | null; lastBounce: string | null }>> {
  const rows = await db.all<{ email: string; bounce_count: number; last_bounce_at: string | null; last_bounce: string | null }>(
    "SELECT email, bounce_count, last_bounce_at, last_bounce FROM subscribers WHERE status = 'bouncing' ORDER BY last_bounce_at DESC, email");
  return rows.map((r) => ({ email: r.email, bounceCount: Number(r.bounce_count), lastBounceAt: r.last_bounce_at ?? null, lastBounce: r.last_bounce ?? null }));
}

/** A subscriber row as the subscription flow would leave it; for tests and the benchmark only. */
export async function insertSubscriberRow(db: Db, s: { email: string; status?: string; frequency?: 'daily' | 'weekly'; weekday?: number; interests?: Partial<Interests> }): Promise<number> {
  const now = new Date().toISOString();
  await db.run(
    `INSERT INTO subscribers (email, status, frequency, weekday, interests, token_version, created_at, updated_at, confirmed_at)
     VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?)`,
    [s.email.toLowerCase(), s.status ?? 'active', s.frequency ?? 'daily', s.weekday ?? 1, JSON.stringify(s.interests ?? {}), now, now, now],
  );
  const r = await db.get<{ id: number }>('SELECT id FROM subscribers WHERE email = ?', [s.email.toLowerCase()]);
  return Number(r!.id);
}
