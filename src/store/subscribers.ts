import type { Db } from '../db/db.js';
import { normaliseEmail } from '../email/email-address.js';
import { parseFrequency, storedInterests, type Frequency, type Interests, type Preferences } from './subscribers-input.js';

/**
 * Reading digest subscribers. Writes are in subscribers-write.ts; validation of what a subscriber
 * chooses is in subscribers-input.ts. Only 'active' rows may ever receive a digest.
 */

/** 'pending' until the address owner confirms; 'unsubscribed' keeps the row so a re-subscribe updates it. */
export type SubscriberStatus = 'pending' | 'active' | 'unsubscribed' | 'bouncing';

/** One subscriber as the rest of paperboy sees it. */
export interface Subscriber extends Preferences {
  id: number;
  email: string;
  status: SubscriberStatus;
  /** Preferences asked for on the public form for an active address, waiting for the owner's confirmation. */
  pendingChanges: Preferences | null;
  /** Part of every signed link; bumping it revokes the links already sent. */
  tokenVersion: number;
  createdAt: string;
  updatedAt: string;
  confirmedAt: string | null;
  unsubscribedAt: string | null;
  bounceCount: number;
  lastBounceAt: string | null;
  lastBounce: string | null;
}

/** The stored row, as both drivers return it (PostgreSQL returns BIGINT ids as strings). */
export interface SubscriberRow {
  id: number | string;
  email: string;
  status: string;
  frequency: string;
  weekday: number | string;
  interests: string;
  pending_changes: string | null;
  token_version: number | string;
  created_at: string;
  updated_at: string;
  confirmed_at: string | null;
  unsubscribed_at: string | null;
  bounce_count: number | string;
  last_bounce_at: string | null;
  last_bounce: string | null;
}

/** The column list every subscriber read uses. */
export const SUBSCRIBER_COLUMNS = `id, email, status, frequency, weekday, interests, pending_changes, token_version, created_at,
  updated_at, confirmed_at, unsubscribed_at, bounce_count, last_bounce_at, last_bounce`;

function weekdayOf(value: unknown): number {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 && n <= 7 ? n : 1;
}

/** Reads the JSON of a pending change; unreadable JSON counts as no change. */
function storedPreferences(json: string | null): Preferences | null {
  if (!json) return null;
  try {
    const v = JSON.parse(json) as { frequency?: string; weekday?: number; interests?: unknown };
    return { frequency: parseFrequency(v.frequency) ?? 'daily', weekday: weekdayOf(v.weekday), interests: storedInterests(JSON.stringify(v.interests ?? {})) };
  } catch {
    return null;
  }
}

/** Turns a stored row into a Subscriber (numbers as numbers, JSON parsed and validated). */
export function subscriberFromRow(r: SubscriberRow): Subscriber {
  return {
    id: Number(r.id),
    email: r.email,
    status: r.status as SubscriberStatus,
    frequency: (parseFrequency(r.frequency) ?? 'daily') as Frequency,
    weekday: weekdayOf(r.weekday),
    interests: storedInterests(r.interests) as Interests,
    pendingChanges: storedPreferences(r.pending_changes),
    tokenVersion: Number(r.token_version),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    confirmedAt: r.confirmed_at,
    unsubscribedAt: r.unsubscribed_at,
    bounceCount: Number(r.bounce_count),
    lastBounceAt: r.last_bounce_at,
    lastBounce: r.last_bounce,
  };
}

/** The subscriber with this id, or null. */
export async function findSubscriberById(db: Db, id: number): Promise<Subscriber | null> {
  const row = await db.get<SubscriberRow>(`SELECT ${SUBSCRIBER_COLUMNS} FROM subscribers WHERE id = ?`, [id]);
  return row ? subscriberFromRow(row) : null;
}

/** The subscriber with this address (matched after normalising), or null. */
export async function findSubscriberByEmail(db: Db, email: string): Promise<Subscriber | null> {
  const checked = normaliseEmail(email);
  const address = checked.ok ? checked.address : email.trim().toLowerCase();
  const row = await db.get<SubscriberRow>(`SELECT ${SUBSCRIBER_COLUMNS} FROM subscribers WHERE email = ?`, [address]);
  return row ? subscriberFromRow(row) : null;
}

/** Filters for listing subscribers (the CLI, the digest run). */
export interface SubscriberFilter {
  status?: SubscriberStatus;
  frequency?: Frequency;
  /** Only ids greater than this, for paging through large lists in id order. */
  afterId?: number;
  limit?: number;
}

/** Subscribers in id order (oldest first), filtered; pages with `afterId` and `limit`. */
export async function listSubscribers(db: Db, filter: SubscriberFilter = {}): Promise<Subscriber[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.status) { where.push('status = ?'); params.push(filter.status); }
  if (filter.frequency) { where.push('frequency = ?'); params.push(filter.frequency); }
  if (filter.afterId !== undefined) { where.push('id > ?'); params.push(filter.afterId); }
  const limit = filter.limit !== undefined ? ` LIMIT ${Math.max(0, Math.floor(filter.limit))}` : '';
  const rows = await db.all<SubscriberRow>(
    `SELECT ${SUBSCRIBER_COLUMNS} FROM subscribers${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY id${limit}`, params,
  );
  return rows.map(subscriberFromRow);
}

/** How many subscribers are in each status (for `subscribers list` and stats). */
export async function countSubscribers(db: Db): Promise<Record<string, number>> {
  const rows = await db.all<{ status: string; n: number | string }>('SELECT status, COUNT(*) AS n FROM subscribers GROUP BY status ORDER BY status');
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}
