import type { Problem } from '../model/paper-record.js';

/**
 * The span one digest covers. `daily:D` is day D; `weekly:D` is the 7 days ending D. The name is
 * the outbox key, so the same period planned twice (two processes, a rerun) is the same row.
 */
export interface DigestPeriod {
  kind: 'daily' | 'weekly';
  /** The last day covered, YYYY-MM-DD. */
  day: string;
  /** The first day covered (D for daily, D-6 for weekly). */
  from: string;
  /** `daily:2025-03-18` or `weekly:2025-03-18`. */
  name: string;
}

const DAY_MS = 86_400_000;

/** YYYY-MM-DD `n` days after `day` (negative: before). */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** ISO weekday of a day: 1 = Monday .. 7 = Sunday (the subscribers table's convention). */
export function isoWeekday(day: string): number {
  const d = new Date(`${day}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

/** Builds the period of a kind ending on `day` (a checked YYYY-MM-DD). */
export function digestPeriod(kind: 'daily' | 'weekly', day: string): DigestPeriod {
  return { kind, day, from: kind === 'daily' ? day : addDays(day, -6), name: `${kind}:${day}` };
}

/** Reads `daily:D` / `weekly:D` back (outbox rows, status output); null for anything else. */
export function parseDigestPeriod(name: string): DigestPeriod | null {
  const m = /^(daily|weekly):(\d{4}-\d{2}-\d{2})$/.exec(name);
  if (!m || checkDay(m[2]!) !== null) return null;
  return digestPeriod(m[1] as 'daily' | 'weekly', m[2]!);
}

/** Why a `--date` value is not a calendar day, or null when it is one. */
export function checkDay(text: string, source = '--date'): Problem | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return { source, message: 'expected a day as YYYY-MM-DD' };
  const t = Date.parse(`${text}T00:00:00Z`);
  if (Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== text) return { source, message: `${text} is not a calendar day` };
  return null;
}

/** The weekday (Monday..Friday) before `day`: what a daily digest sent on `day` covers. */
export function previousWeekday(day: string): string {
  let d = addDays(day, -1);
  while (isoWeekday(d) > 5) d = addDays(d, -1);
  return d;
}

/**
 * What is due on send day T (the schedule and `digest send` without --date agree on it). Daily
 * digests go out Monday to Friday and cover the previous weekday (Monday's covers Friday), so each
 * weekday's papers are mailed once and weekend runs send nothing. Weekly digests go out on the
 * subscriber's weekday and cover the 7 days before it. Returns the periods and, for weekly, the
 * ISO weekday whose subscribers receive it.
 */
export function duePeriods(sendDay: string): { daily: DigestPeriod | null; weekly: DigestPeriod; weeklyWeekday: number } {
  const weekday = isoWeekday(sendDay);
  return {
    daily: weekday <= 5 ? digestPeriod('daily', previousWeekday(sendDay)) : null,
    weekly: digestPeriod('weekly', addDays(sendDay, -1)),
    weeklyWeekday: weekday,
  };
}

/**
 * The periods an explicit `--date D` (the last day covered) names: daily D for every daily
 * subscriber, weekly D for the weekly subscribers whose digest goes out the day after D.
 */
export function periodsCovering(day: string): { daily: DigestPeriod; weekly: DigestPeriod; weeklyWeekday: number } {
  return { daily: digestPeriod('daily', day), weekly: digestPeriod('weekly', day), weeklyWeekday: isoWeekday(addDays(day, 1)) };
}
