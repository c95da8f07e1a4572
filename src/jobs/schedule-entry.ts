import { planFor, type HarvestOptions } from '../ingest/harvest/harvest-params.js';

/** Shortest interval an entry may ask for: Hugging Face at 15 minutes, arXiv (which announces once a day) at an hour. */
export const MIN_ENTRY_MINUTES = { hf: 15, arxiv: 60 } as const;

/** One checked schedule entry: what to harvest, and every how many minutes when the entry says (`@N`). */
export type ScheduleEntry = { ok: true; source: string; options: HarvestOptions; everyMinutes?: number } | { ok: false; message: string };

/**
 * Turns one PAPERBOY_SCHEDULE entry into harvest options, checked once at start-up:
 *   hf-daily                  the last 7 days of Hugging Face daily papers (counts refreshed)
 *   arxiv-rss:cs.AI+cs.CL     today's announcements of these categories
 *   arxiv-oai:cs+math         OAI listing of these sets (the first run is a full harvest, later runs
 *                             list what changed since the previous one began)
 * and, after any of them, `@MINUTES` to run it that often instead of every
 * PAPERBOY_HARVEST_INTERVAL_MINUTES (`hf-daily@120`: Daily Papers fill up during the day).
 * The scheduler rebuilds the plan from the options at every run, so that "today" moves with the clock.
 */
export function scheduleEntry(text: string): ScheduleEntry {
  const at = text.lastIndexOf('@');
  const entry = at < 0 ? text : text.slice(0, at);
  const colon = entry.indexOf(':');
  const source = (colon < 0 ? entry : entry.slice(0, colon)).trim();
  const arg = colon < 0 ? '' : entry.slice(colon + 1).trim();
  let everyMinutes: number | undefined;
  if (at >= 0) {
    const least = source === 'hf-daily' ? MIN_ENTRY_MINUTES.hf : MIN_ENTRY_MINUTES.arxiv;
    const n = Number(text.slice(at + 1).trim());
    if (!Number.isInteger(n) || n < least) return { ok: false, message: `schedule entry ${JSON.stringify(text)}: after @ give whole minutes, at least ${least} for ${source || 'this source'}` };
    everyMinutes = n;
  }
  let options: HarvestOptions;
  if (source === 'hf-daily' && !arg) options = {};
  else if (source === 'arxiv-rss' && arg) options = { category: [arg] };
  else if (source === 'arxiv-oai' && arg) options = { set: arg.split('+').filter(Boolean) };
  else return { ok: false, message: `schedule entry ${JSON.stringify(text)} is not understood (use hf-daily, arxiv-rss:CATS or arxiv-oai:SETS, optionally followed by @MINUTES)` };
  const check = planFor(source, options);
  if (!check.ok) return { ok: false, message: `schedule entry ${JSON.stringify(text)}: ${check.message}` };
  return everyMinutes === undefined ? { ok: true, source, options } : { ok: true, source, options, everyMinutes };
}

