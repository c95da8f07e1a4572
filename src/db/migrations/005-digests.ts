import type { Dialect } from '../db.js';

/**
 * The digest outbox: one row per (subscriber, period), the unit that is sent exactly once. A row is
 * created before anything is sent; a sender claims it with a lease (lease_owner, lease_until), sends
 * it with the row's fixed message_id, then marks it sent and records its papers in one transaction.
 * `status`: pending (to send, maybe after next_attempt_at), sent, skipped (nothing to send),
 * failed (rejected for good or out of retries), cancelled (the subscriber left before it went out).
 * `paper_ids` (JSON array of public ids) is fixed at the first attempt so a retry sends the same mail.
 * `sending_since` is committed just before a mail is handed to the SMTP server and cleared with the
 * outcome: a pending row that still has it after its sender died is "in doubt" (maybe delivered).
 * `handoffs` counts those hand-overs (more than one: resent after a failure or a crash).
 * digest_sent_papers remembers every paper a subscriber was sent, so no paper comes twice.
 */
export function digestsSchema(d: Dialect): string {
  return `
CREATE TABLE digest_outbox (
  id ${d.serialPrimaryKey},
  subscriber_id ${d.bigint} NOT NULL,
  period TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending',
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  lease_owner TEXT,
  lease_until TEXT,
  message_id TEXT NOT NULL,
  paper_ids TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  sent_at TEXT,
  last_error TEXT,
  sending_since TEXT,
  handoffs INTEGER NOT NULL DEFAULT 0,
  UNIQUE (subscriber_id, period)
);
CREATE INDEX digest_outbox_due ON digest_outbox (status, period, next_attempt_at);

CREATE TABLE digest_sent_papers (
  subscriber_id ${d.bigint} NOT NULL,
  paper_id ${d.bigint} NOT NULL,
  period TEXT NOT NULL,
  PRIMARY KEY (subscriber_id, paper_id)
)${d.clusteredTable};
`;
}
