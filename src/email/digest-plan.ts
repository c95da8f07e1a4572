import { randomBytes } from 'node:crypto';
import type { Db } from '../db/db.js';
import { planOutbox } from '../store/digest-outbox.js';
import { subscribersDue, type DigestSubscriber } from '../store/digest-subscribers.js';
import { digestMessageId } from './digest-message.js';
import { duePeriods, periodsCovering, type DigestPeriod } from './digest-period.js';

/** A period to send and who gets it: every daily subscriber, or the weekly ones of one weekday. */
export interface PlannedPeriod {
  period: DigestPeriod;
  /** For weekly periods, the ISO weekday (1..7) whose subscribers receive it. */
  weekday: number;
}

/**
 * The periods of a run. `date` (from --date) names the last day covered; without it, what the
 * schedule sends on `today` (daily: the previous weekday, weekly: the 7 days before today).
 */
export function plannedPeriods(date: string | undefined, today: string): PlannedPeriod[] {
  if (date) {
    const c = periodsCovering(date);
    return [{ period: c.daily, weekday: 0 }, { period: c.weekly, weekday: c.weeklyWeekday }];
  }
  const due = duePeriods(today);
  return [...(due.daily ? [{ period: due.daily, weekday: 0 }] : []), { period: due.weekly, weekday: due.weeklyWeekday }];
}

/** The active subscribers a planned period goes to. */
export function recipientsOf(db: Db, p: PlannedPeriod): Promise<DigestSubscriber[]> {
  return subscribersDue(db, p.period.kind, p.weekday);
}

/**
 * Creates the outbox rows of these periods (one per subscriber and period, with its fixed
 * Message-ID) before anything is sent; rows that exist are kept. Returns how many were new.
 */
export async function planDigests(db: Db, baseUrl: string, periods: readonly PlannedPeriod[], now: Date): Promise<number> {
  let created = 0;
  for (const p of periods) {
    const ids = (await recipientsOf(db, p)).map((s) => s.id);
    created += await planOutbox(db, p.period.name, ids, (id) => digestMessageId(baseUrl, p.period.name, id, randomBytes(6).toString('hex')), now);
  }
  return created;
}
