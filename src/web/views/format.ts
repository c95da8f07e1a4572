/**
 * Small text shapers the views share, so every page shows dates, author lists and previews the
 * same way. Pure functions: they return text, and the `html` tag escapes it.
 */

const DAY_FORMAT = new Intl.DateTimeFormat('en-US', { weekday: 'long', month: 'long', day: 'numeric', year: 'numeric', timeZone: 'UTC' });
const DATE_FORMAT = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' });
const COUNT_FORMAT = new Intl.NumberFormat('en-US');
const MONTH_FORMAT = new Intl.DateTimeFormat('en-US', { month: 'short', year: 'numeric', timeZone: 'UTC' });
const LONG_MONTH_FORMAT = new Intl.DateTimeFormat('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** "Feb 2026" (or "February 2026" when `long`) for a month YYYY-MM; the text itself when it is no month. */
export function formatMonth(month: string, long = false): string {
  const t = Date.parse(`${month}-01T00:00:00Z`);
  return Number.isNaN(t) ? month : (long ? LONG_MONTH_FORMAT : MONTH_FORMAT).format(t);
}

/** "25,049": counts of papers and pages, grouped so a large corpus reads at a glance. */
export function formatCount(n: number): string {
  return COUNT_FORMAT.format(n);
}

/** "Monday, March 17, 2025" for a listing day (YYYY-MM-DD); the text itself when it is no date. */
export function formatDay(day: string): string {
  const t = Date.parse(`${day}T00:00:00Z`);
  return Number.isNaN(t) ? day : DAY_FORMAT.format(t);
}

/** "Mar 17, 2025" for an ISO timestamp, or null when there is none. */
export function formatDate(iso: string | null): string | null {
  if (!iso) return null;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : DATE_FORMAT.format(t);
}

/** The first `shown` authors and "+N" for the rest, as cards show them. */
export function authorList(authors: readonly string[], shown = 3): string {
  if (authors.length <= shown + 1) return authors.join(', ');
  return `${authors.slice(0, shown).join(', ')} +${authors.length - shown}`;
}

/** The start of a long text, cut at a word boundary, with an ellipsis when something was cut. */
export function preview(text: string | null, max = 320): string | null {
  if (!text) return null;
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  let cut = flat.slice(0, max);
  // A cut inside a $…$ formula would show half of its TeX: end before the formula instead.
  if ((cut.match(/(?<!\\)\$/g)?.length ?? 0) % 2) cut = cut.slice(0, cut.lastIndexOf('$'));
  // So would a cut inside a \textbf{…} or \href{…}{…} group: end before the word that opens it.
  const open = unclosedBrace(cut);
  if (open >= 0) cut = cut.slice(0, cut.lastIndexOf(' ', open) + 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…`;
}

/** Where the first `{` that the text never closes is (an escaped `\{` is no group), or -1. */
function unclosedBrace(text: string): number {
  const opened: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '{') opened.push(i);
    else if (c === '}') opened.pop();
  }
  return opened.length ? opened[0]! : -1;
}
