import { planFor, type HarvestOptions } from '../ingest/harvest/harvest-params.js';

/**
 * Turns one PAPERBOY_SCHEDULE entry into harvest options, checked once at start-up:
 *   hf-daily                  the last 7 days of Hugging Face daily papers (counts refreshed)
 *   arxiv-rss:cs.AI+cs.CL     today's announcements of these categories
 *   arxiv-oai:cs+math         OAI listing of these sets (the first run is a full harvest, later runs
 *                             list what changed since the previous one began)
 * The scheduler rebuilds the plan from the options at every run, so that "today" moves with the clock.
 */
export function scheduleEntry(entry: string): { ok: true; source: string; options: HarvestOptions } | { ok: false; message: string } {
  const colon = entry.indexOf(':');
  const source = (colon < 0 ? entry : entry.slice(0, colon)).trim();
  const arg = colon < 0 ? '' : entry.slice(colon + 1).trim();
  let options: HarvestOptions;
  if (source === 'hf-daily' && !arg) options = {};
  else if (source === 'arxiv-rss' && arg) options = { category: [arg] };
  else if (source === 'arxiv-oai' && arg) options = { set: arg.split('+').filter(Boolean) };
  else return { ok: false, message: `schedule entry ${JSON.stringify(entry)} is not understood (use hf-daily, arxiv-rss:CATS or arxiv-oai:SETS)` };
  const check = planFor(source, options);
  return check.ok ? { ok: true, source, options } : { ok: false, message: `schedule entry ${JSON.stringify(entry)}: ${check.message}` };
}

