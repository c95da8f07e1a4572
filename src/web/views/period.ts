import { isoWeekOf, periodDays, type Period } from '../../store/listings.js';

/**
 * How listing pages name a day, ISO week or month, and how they link to one. Parsing and date
 * math live with the listings in the store; this is only presentation.
 */

const MONTH = new Intl.DateTimeFormat('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' });
const SHORT = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });
const LONG = new Intl.DateTimeFormat('en-US', { weekday: 'long', month: 'long', day: 'numeric', year: 'numeric', timeZone: 'UTC' });

function at(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}

/** The query parameters that select a period (`date=`, `week=` or `month=`). */
export function periodParam(p: Period): Record<string, string> {
  if (p.kind === 'day') return { date: p.day };
  if (p.kind === 'week') return { week: p.week };
  return { month: p.month };
}

/** "Monday, March 17, 2025", "Week 12, 2025 (Mar 17 – Mar 23)", "March 2025". */
export function periodLabel(p: Period): string {
  const { from, to } = periodDays(p);
  if (p.kind === 'day') return LONG.format(at(from));
  if (p.kind === 'month') return MONTH.format(at(from));
  const [year, w] = p.week.split('-W');
  return `Week ${Number(w)}, ${year} (${SHORT.format(at(from))} – ${SHORT.format(at(to))})`;
}

/** A short name for previous/next links: "Mar 16", "Week 11", "February 2025". */
export function periodShortLabel(p: Period): string {
  if (p.kind === 'day') return SHORT.format(at(p.day));
  if (p.kind === 'month') return MONTH.format(at(`${p.month}-01`));
  return `Week ${Number(p.week.split('-W')[1])}`;
}

/** The day, week and month around a period's first day, for the "Day / Week / Month" switch. */
export function periodViews(p: Period): { day: Period; week: Period; month: Period } {
  const { from, to } = periodDays(p);
  const day = p.kind === 'day' ? p.day : to;
  return { day: { kind: 'day', day }, week: { kind: 'week', week: isoWeekOf(from) }, month: { kind: 'month', month: from.slice(0, 7) } };
}
