import type { Dialect } from '../db.js';

/** The digest outbox: one row per (subscriber, period), the unit that is sent exactly once. */
export function digestsSchema(_d: Dialect): string {
  return `
CREATE TABLE digest_placeholder (id INTEGER PRIMARY KEY);
`;
}
