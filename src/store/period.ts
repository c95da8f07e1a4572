import type { Problem } from '../model/paper-record.js';

/** A span of listing days: one day, an ISO week (Monday..Sunday) or a calendar month. */
export type Period =
  | { kind: 'day'; day: string }
  | { kind: 'week'; week: string }
  | { kind: 'month'; month: string };

/** A period's first and last day (YYYY-MM-DD, inclusive), so every query compares plain text. */
export interface DayRange {
  from: string;
  to: string;
}

/** A parsed period or why the text is not one; bad input is a value, never a throw. */
export type PeriodResult = { ok: true; period: Period } | { ok: false; problem: Problem };

const DAY_MS = 86_400_000;

function utc(y: number, m: number, d: number): number {
  return Date.UTC(y, m - 1, d);
}

function dayText(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}

function bad(parameter: string, message: string): PeriodResult {
  return { ok: false, problem: { source: parameter, message } };
}

/** Midnight UTC of the Monday that starts ISO week 1 of `year` (the week holding January 4th). */
function isoWeekOneMonday(year: number): number {
  const jan4 = utc(year, 1, 4);
  const dow = (new Date(jan4).getUTCDay() + 6) % 7; // Monday = 0
  return jan4 - dow * DAY_MS;
}

/** How many ISO weeks a year has (52 or 53). */
function isoWeeksIn(year: number): number {
  return (isoWeekOneMonday(year + 1) - isoWeekOneMonday(year)) / (7 * DAY_MS);
}

/** Checks a YYYY-MM-DD text names a real calendar day (no 2025-02-30). */
export function parseDay(text: string, parameter = 'date'): PeriodResult {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return bad(parameter, 'expected a day as YYYY-MM-DD');
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = utc(y, mo, d);
  if (y < 1000 || dayText(t) !== text) return bad(parameter, `${text} is not a calendar day`);
  return { ok: true, period: { kind: 'day', day: text } };
}

/** Checks a YYYY-Www text names an ISO week that exists (W53 only in long years). */
export function parseWeek(text: string, parameter = 'week'): PeriodResult {
  const m = /^(\d{4})-W(\d{2})$/.exec(text);
  if (!m) return bad(parameter, 'expected an ISO week as YYYY-Www (e.g. 2025-W23)');
  const [y, w] = [Number(m[1]), Number(m[2])];
  if (y < 1000 || w < 1 || w > isoWeeksIn(y)) return bad(parameter, `${text} is not an ISO week of ${y}`);
  return { ok: true, period: { kind: 'week', week: text } };
}

/** Checks a YYYY-MM text names a calendar month. */
export function parseMonth(text: string, parameter = 'month'): PeriodResult {
  const m = /^(\d{4})-(\d{2})$/.exec(text);
  if (!m) return bad(parameter, 'expected a month as YYYY-MM');
  const [y, mo] = [Number(m[1]), Number(m[2])];
  if (y < 1000 || mo < 1 || mo > 12) return bad(parameter, `${text} is not a calendar month`);
  return { ok: true, period: { kind: 'month', month: text } };
}

/**
 * The period named by at most one of `date`, `week`, `month` (as query strings carry them), or
 * null when none is given. Giving two is a problem: the caller cannot mean both.
 */
export function periodFromQuery(q: { date?: string; week?: string; month?: string }): PeriodResult | null {
  const given = (['date', 'week', 'month'] as const).filter((k) => q[k] !== undefined);
  if (given.length > 1) return bad(given[1]!, `give only one of date, week, month (got ${given.join(' and ')})`);
  if (q.date !== undefined) return parseDay(q.date, 'date');
  if (q.week !== undefined) return parseWeek(q.week, 'week');
  if (q.month !== undefined) return parseMonth(q.month, 'month');
  return null;
}

/** Why a Period value built elsewhere is not a real day, week or month, or null when it is one. */
export function periodProblem(p: Period): Problem | null {
  const r = p.kind === 'day' ? parseDay(String(p.day), 'date') : p.kind === 'week' ? parseWeek(String(p.week), 'week') : p.kind === 'month' ? parseMonth(String(p.month), 'month') : bad('period', 'unknown kind of period');
  return r.ok ? null : r.problem;
}

/** The first and last listing day of a period (a valid one: parse it first). */
export function periodDays(p: Period): DayRange {
  if (p.kind === 'day') return { from: p.day, to: p.day };
  if (p.kind === 'month') {
    const [y, m] = p.month.split('-').map(Number) as [number, number];
    return { from: `${p.month}-01`, to: dayText(utc(y, m + 1, 1) - DAY_MS) };
  }
  const [y, w] = [Number(p.week.slice(0, 4)), Number(p.week.slice(6))];
  const monday = isoWeekOneMonday(y) + (w - 1) * 7 * DAY_MS;
  return { from: dayText(monday), to: dayText(monday + 6 * DAY_MS) };
}

/** The ISO week (YYYY-Www) a day belongs to; the week-year differs from the calendar year near New Year. */
export function isoWeekOf(day: string): string {
  const t = Date.parse(`${day}T00:00:00Z`);
  const dow = (new Date(t).getUTCDay() + 6) % 7;
  const thursday = new Date(t + (3 - dow) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - isoWeekOneMonday(year)) / (7 * DAY_MS)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The period `delta` steps before (negative) or after (positive) this one, for previous/next links. */
export function shiftPeriod(p: Period, delta: number): Period {
  const { from } = periodDays(p);
  const t = Date.parse(`${from}T00:00:00Z`);
  if (p.kind === 'day') return { kind: 'day', day: dayText(t + delta * DAY_MS) };
  if (p.kind === 'week') return { kind: 'week', week: isoWeekOf(dayText(t + delta * 7 * DAY_MS)) };
  const d = new Date(t);
  return { kind: 'month', month: dayText(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + delta, 1)).slice(0, 7) };
}

/** The day `n` days before `day` (negative n goes forward). */
export function daysBefore(day: string, n: number): string {
  return dayText(Date.parse(`${day}T00:00:00Z`) - n * DAY_MS);
}
