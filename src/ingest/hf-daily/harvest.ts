import type { ParseResult } from '../../model/paper-record.js';
import { harvestFetch, harvestKey, withQuery, type HarvestPlan, type HarvestStep } from '../harvest/harvest-plan.js';
import { entryRecord } from './entry-record.js';

/** Hugging Face daily papers for every day from..until (YYYY-MM-DD, inclusive). */
export interface HfDailyParams {
  from: string;
  /** null: through today, whenever the harvest runs. */
  until: string | null;
}

/** The days already stored in this run. */
export interface HfDailyState {
  daysDone: string[];
}

/** Every day from..until, inclusive. */
export function daysBetween(from: string, until: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${until}T00:00:00Z`); t += 86_400_000) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}

/** One `api/daily_papers?date=` body as parse results; the listing day is the requested day. */
export function parseDailyBody(body: string, url: string, day: string): { results: ParseResult[]; error?: string } {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (err) {
    return { results: [], error: `response is not JSON (${err instanceof Error ? err.message : String(err)})` };
  }
  if (!Array.isArray(value)) return { results: [], error: 'expected a JSON array of daily papers' };
  return { results: value.map((entry, index) => entryRecord(entry, { origin: url, index, line: null, fileDay: day })) };
}

/**
 * One request per day up to today (later days have no listing yet), one at a time (Hugging Face is not arXiv: no three-second rule, but still
 * polite). A day that cannot be fetched is reported and retried by the next run while the other
 * days are kept. A finished range run again fetches every day anew: upvotes and comments change.
 */
export function hfDailyPlan(p: HfDailyParams): HarvestPlan<HfDailyState> {
  return {
    source: 'hf-daily',
    key: harvestKey('hf-daily', { from: p.from, until: p.until }),
    start: (saved) => (saved && saved.status !== 'done' ? saved.state : { daysDone: [] }),
    async *steps(state, env): AsyncIterable<HarvestStep<HfDailyState>> {
      const done = new Set(state.daysDone);
      const today = new Date().toISOString().slice(0, 10);
      const until = p.until && p.until < today ? p.until : today;
      for (const day of daysBetween(p.from, until)) {
        if (done.has(day)) continue;
        const url = withQuery(env.config.hfApiUrl, { date: day });
        const snapshot = (): HfDailyState => ({ daysDone: [...done] });
        const res = await harvestFetch(env, url, false);
        if (!res.ok) { yield { url, results: [], problems: [res.problem], state: snapshot() }; continue; }
        const page = res.status === 200 ? parseDailyBody(res.body, url, day) : { results: [], error: `HTTP ${res.status}` };
        if (page.error) { yield { url, results: [], problems: [{ source: url, message: page.error }], state: snapshot() }; continue; }
        done.add(day);
        yield { url, results: page.results, problems: [], state: snapshot() };
      }
    },
  };
}
