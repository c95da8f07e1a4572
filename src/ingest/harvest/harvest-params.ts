import type { HarvestPlan } from './harvest-plan.js';
import { arxivApiPlan } from './arxiv-api-plan.js';
import { arxivOaiPlan } from './arxiv-oai-plan.js';
import { arxivRssPlan } from './arxiv-rss-plan.js';
import { hfDailyPlan } from '../hf-daily/harvest.js';
import { isoWeekDays, monthDays, utcDay, validDay } from './day-range.js';

/** The sources `paperboy harvest` knows. */
export const HARVEST_SOURCES = ['arxiv-api', 'arxiv-oai', 'arxiv-rss', 'hf-daily'] as const;
export type HarvestSource = (typeof HARVEST_SOURCES)[number];

/** Options as a user gives them (command line or schedule entry), before checking. */
export interface HarvestOptions {
  query?: string;
  idList?: string;
  category?: string[];
  set?: string[];
  from?: string;
  until?: string;
  prefix?: string;
  pageSize?: string | number;
  max?: string | number;
  date?: string;
  week?: string;
  month?: string;
}

/** A plan ready to run, or what is wrong with the options (naming the option). */
export type PlanChoice = { ok: true; plan: HarvestPlan<unknown> } | { ok: false; message: string };

const CATEGORY = /^[a-z-]+(\.[A-Za-z-]+)?$/;

function bad(message: string): PlanChoice {
  return { ok: false, message };
}

function int(v: string | number | undefined, name: string, min: number, max: number): number | undefined | string {
  if (v === undefined) return undefined;
  const n = Number(v);
  return Number.isInteger(n) && n >= min && n <= max ? n : `${name} must be a whole number from ${min} to ${max} (got ${JSON.stringify(String(v))})`;
}

function dayRange(o: HarvestOptions): { from?: string; until?: string } | string {
  for (const [name, v] of [['--from', o.from], ['--until', o.until]] as const) {
    if (v !== undefined && !validDay(v)) return `${name} must be a day as YYYY-MM-DD (got ${JSON.stringify(v)})`;
  }
  if (o.from && o.until && o.from > o.until) return `--from ${o.from} is after --until ${o.until}`;
  return { from: o.from, until: o.until };
}

function categories(list: string[] | undefined): string[] | string {
  const cats = (list ?? []).flatMap((c) => c.split(/[+,\s]+/)).filter(Boolean);
  const wrong = cats.find((c) => !CATEGORY.test(c));
  return wrong ? `--category ${JSON.stringify(wrong)} is not an arXiv category (like cs.CL or hep-th)` : cats;
}

/**
 * Days a Hugging Face harvest without dates fetches, today included: upvotes and comments keep
 * arriving for days after a paper is listed, and trending ranks the last 7 days by them, so every
 * scheduled run fetches the whole week again (7 requests) instead of freezing each paper's counts
 * at what they were on its first or second day.
 */
export const HF_REFRESH_DAYS = 7;

function hfRange(o: HarvestOptions, now: Date): { from: string; until: string | null } | string {
  const given = [o.date && '--date', o.week && '--week', o.month && '--month', (o.from || o.until) && '--from/--until'].filter(Boolean);
  if (given.length > 1) return `give only one of ${given.join(', ')}`;
  if (o.date) return validDay(o.date) ? { from: o.date, until: o.date } : `--date must be YYYY-MM-DD (got ${JSON.stringify(o.date)})`;
  if (o.week) return isoWeekDays(o.week) ?? `--week must be an ISO week like 2025-W23 (got ${JSON.stringify(o.week)})`;
  if (o.month) return monthDays(o.month) ?? `--month must be YYYY-MM (got ${JSON.stringify(o.month)})`;
  const r = dayRange(o);
  if (typeof r === 'string') return r;
  if (!r.from && r.until) return '--until needs --from';
  if (!r.from) return { from: utcDay(now, 1 - HF_REFRESH_DAYS), until: utcDay(now) };
  return { from: r.from, until: r.until ?? null };
}

/** Checks a source's options and builds its plan; `now` decides defaults like "today". */
export function planFor(source: string, o: HarvestOptions, now = new Date()): PlanChoice {
  if (source === 'hf-daily') {
    const r = hfRange(o, now);
    return typeof r === 'string' ? bad(r) : { ok: true, plan: hfDailyPlan(r) as HarvestPlan<unknown> };
  }
  const cats = categories(o.category);
  if (typeof cats === 'string') return bad(cats);
  if (source === 'arxiv-rss') {
    if (!cats.length) return bad('arxiv-rss needs --category (e.g. cs.AI+cs.CL)');
    return { ok: true, plan: arxivRssPlan({ categories: cats }) as HarvestPlan<unknown> };
  }
  const range = dayRange(o);
  if (typeof range === 'string') return bad(range);
  if (source === 'arxiv-oai') {
    const prefix = o.prefix ?? 'arXivRaw';
    if (prefix !== 'arXiv' && prefix !== 'arXivRaw') return bad(`--prefix must be arXiv or arXivRaw (got ${JSON.stringify(prefix)})`);
    return { ok: true, plan: arxivOaiPlan({ sets: (o.set ?? []).filter(Boolean), ...range, prefix }) as HarvestPlan<unknown> };
  }
  if (source === 'arxiv-api') {
    const pageSize = int(o.pageSize, '--page-size', 1, 2000);
    const max = int(o.max, '--max', 1, Number.MAX_SAFE_INTEGER);
    if (typeof pageSize === 'string') return bad(pageSize);
    if (typeof max === 'string') return bad(max);
    const idList = o.idList?.split(/[\s,]+/).filter(Boolean);
    if (!o.query && !idList?.length && !cats.length) return bad('arxiv-api needs --query, --id-list or --category');
    return { ok: true, plan: arxivApiPlan({ query: o.query, idList, categories: cats, ...range, pageSize: pageSize ?? 100, max }) as HarvestPlan<unknown> };
  }
  return bad(`unknown source ${JSON.stringify(source)}; expected one of ${HARVEST_SOURCES.join(', ')}`);
}
