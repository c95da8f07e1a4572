import { basename } from 'node:path';
import { arxivMonth } from '../../model/normalise.js';

/**
 * The day a file is named after (`2025-03-18.jsonl.gz`), or null. Why: a daily feed keeps one file
 * of arXiv listings a day, and its records carry no date; the name says when arXiv listed them.
 */
export function listingDay(path: string): string | null {
  const m = /^(\d{4}-\d{2}-\d{2})(?!\d)/.exec(basename(path));
  if (!m) return null;
  const t = Date.parse(`${m[1]}T00:00:00.000Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().startsWith(m[1]!) ? m[1]! : null;
}

const monthNumber = (yyyyMm: string): number => Number(yyyyMm.slice(0, 4)) * 12 + Number(yyyyMm.slice(5, 7));

/**
 * A listing day as the paper's date, when that listing can be its first announcement: arXiv
 * announces a new paper within days of submission, so the day falls in the month of its id, or in
 * the first week of the next (submitted at the month's end). A later listing is a new version or a
 * cross-list of an older paper, and its day says nothing of when the paper appeared: null, and pages
 * show the id's month. When merged (src/ingest/merge.ts), the first version's date from the arXiv
 * API or OAI-PMH replaces this one, and so does an earlier date (Hugging Face's); two listings keep
 * the earlier day.
 */
export function listedDate(id: string, day: string | null): string | null {
  const month = day ? arxivMonth(id) : null;
  if (!day || !month) return null;
  const lag = monthNumber(day) - monthNumber(month);
  return lag === 0 || (lag === 1 && Number(day.slice(8, 10)) <= 7) ? `${day}T00:00:00.000Z` : null;
}
