import type { Dialect } from '../db.js';

/**
 * Digest subscribers: one row per address (stored lower-cased, so re-subscribing updates it),
 * with their frequency and interests. Nothing is mailed to a row before `status` is 'active'.
 * `weekday` is ISO (1 = Monday .. 7 = Sunday), used when `frequency` is 'weekly'. `pending_changes`
 * holds preferences asked for through the public form for an active address, applied only once
 * the address owner confirms them by mail (JSON {frequency, weekday, interests}).
 */
export function subscribersSchema(d: Dialect): string {
  return `
CREATE TABLE subscribers (
  id ${d.serialPrimaryKey},
  email TEXT NOT NULL UNIQUE,
  status TEXT NOT NULL DEFAULT 'pending',
  frequency TEXT NOT NULL DEFAULT 'daily',
  weekday INTEGER NOT NULL DEFAULT 1,
  interests TEXT NOT NULL DEFAULT '{}',
  pending_changes TEXT,
  token_version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  confirmed_at TEXT,
  unsubscribed_at TEXT,
  bounce_count INTEGER NOT NULL DEFAULT 0,
  last_bounce_at TEXT,
  last_bounce TEXT
);
CREATE INDEX subscribers_status ON subscribers (status, frequency);
`;
}
