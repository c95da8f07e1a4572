/** Day arithmetic for harvest options, all in UTC (the days arXiv and Hugging Face list by). */

/** A YYYY-MM-DD text naming a real calendar day, else null. */
export function validDay(text: string | undefined): string | null {
  if (!text || !/^\d{4}-\d{2}-\d{2}$/.test(text)) return null;
  const t = Date.parse(`${text}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === text ? text : null;
}

/** The UTC day `offset` days from `now`. */
export function utcDay(now: Date, offset = 0): string {
  return new Date(now.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
}

/** Monday..Sunday of ISO week `YYYY-Www` (week 1 holds the year's first Thursday). */
export function isoWeekDays(text: string): { from: string; until: string } | null {
  const m = /^(\d{4})-W(\d{2})$/.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  const week = Number(m[2]);
  if (week < 1 || week > 53) return null;
  const jan4 = Date.UTC(year, 0, 4);
  const jan4Weekday = (new Date(jan4).getUTCDay() + 6) % 7;
  const monday = jan4 - jan4Weekday * 86_400_000 + (week - 1) * 7 * 86_400_000;
  const from = new Date(monday).toISOString().slice(0, 10);
  if (week === 53 && isoWeekDays(`${year + 1}-W01`)?.from === from) return null;
  return { from, until: new Date(monday + 6 * 86_400_000).toISOString().slice(0, 10) };
}

/** First..last day of month `YYYY-MM`. */
export function monthDays(text: string): { from: string; until: string } | null {
  const m = /^(\d{4})-(\d{2})$/.exec(text);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) return null;
  const last = new Date(Date.UTC(Number(m[1]), Number(m[2]), 0)).getUTCDate();
  return { from: `${text}-01`, until: `${text}-${String(last).padStart(2, '0')}` };
}
