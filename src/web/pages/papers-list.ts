import type { FastifyReply, FastifyRequest } from 'fastify';
import type { WebDeps } from '../deps.js';
import { html, type Html } from '../views/html.js';
import { DAILY_FEED } from '../views/feed-links.js';
import { layout } from '../views/layout.js';
import { paperList } from '../views/paper-card.js';
import { formatCount } from '../views/format.js';
import { pager, pageParam } from '../views/pager.js';
import { periodLabel, periodParam, periodShortLabel, periodViews } from '../views/period.js';
import { queryChoice, queryText, type Query } from '../views/query-params.js';
import { withQuery } from '../views/site-paths.js';
import { papersLatest } from './papers-latest.js';
import { listExportLinks } from '../views/list-export-links.js';
import { countsNote } from '../views/counts-note.js';
import { lastHarvestDone } from '../../store/harvest-state.js';
import {
  latestListedDay, listPeriod, nearestListedDays, periodDays, periodFromQuery, shiftPeriod,
  type ListingSort, type Period,
} from '../../store/listings.js';

const PAGE_SIZE = 30;
const SORTS: readonly ListingSort[] = ['trending', 'publishedAt'];

function listHref(p: Period, sort: ListingSort, page = 1): string {
  return withQuery('/papers', { ...periodParam(p), sort: sort === 'trending' ? null : sort, page: page > 1 ? page : null });
}

function datePicker(day: string, sort: ListingSort): Html {
  return html`<form class="date-picker" action="/papers" method="get">
<label for="pick-date">Day</label>
<input id="pick-date" type="date" name="date" value="${day}" required>
${sort === 'trending' ? '' : html`<input type="hidden" name="sort" value="${sort}">`}
<button type="submit">Go</button>
</form>`;
}

function toolbar(p: Period, sort: ListingSort): Html {
  const views = periodViews(p);
  const current = (kind: Period['kind']): Html | '' => (p.kind === kind ? html` aria-current="true"` : '');
  return html`<div class="toolbar">
${datePicker(views.day.kind === 'day' ? views.day.day : '', sort)}
<nav class="segmented" aria-label="Period">
<a href="${listHref(views.day, sort)}"${current('day')}>Day</a><a href="${listHref(views.week, sort)}"${current('week')}>Week</a><a href="${listHref(views.month, sort)}"${current('month')}>Month</a>
</nav>
<nav class="segmented" aria-label="Sort">
<a href="${listHref(p, 'trending')}"${sort === 'trending' ? html` aria-current="true"` : ''}>Most upvoted</a><a href="${listHref(p, 'publishedAt')}"${sort === 'publishedAt' ? html` aria-current="true"` : ''}>Newest</a>
</nav>
</div>`;
}

/** Previous/next: for days, the nearest days that have papers; for weeks and months, the calendar. */
async function neighbours(deps: WebDeps, p: Period, latest: string | null): Promise<{ prev: Period | null; next: Period | null }> {
  if (p.kind === 'day') {
    const near = await nearestListedDays(deps.db, p.day);
    return { prev: near.prev ? { kind: 'day', day: near.prev } : null, next: near.next ? { kind: 'day', day: near.next } : null };
  }
  const next = shiftPeriod(p, 1);
  return { prev: shiftPeriod(p, -1), next: latest && periodDays(next).from <= latest ? next : null };
}

function periodNav(prev: Period | null, next: Period | null, sort: ListingSort): Html {
  return html`<nav class="period-nav" aria-label="Previous and next">
${prev ? html`<a rel="prev" href="${listHref(prev, sort)}">← ${periodShortLabel(prev)}</a>` : html`<span>No earlier papers</span>`}
${next ? html`<a rel="next" href="${listHref(next, sort)}">${periodShortLabel(next)} →</a>` : html`<span>No later papers</span>`}
</nav>`;
}

function nothingListed(p: Period, prev: Period | null, next: Period | null, sort: ListingSort): Html {
  const nearest = [prev, next].filter((x): x is Period => x !== null)
    .sort((a, b) => distance(p, a) - distance(p, b))[0];
  return html`<div class="empty">
<p>No papers were featured ${p.kind === 'day' ? 'on this day' : p.kind === 'week' ? 'in this week' : 'in this month'}.</p>
${nearest ? html`<p>The nearest ${p.kind} with papers: <a class="nearest" href="${listHref(nearest, sort)}">${periodLabel(nearest)}</a>.</p>` : ''}
</div>`;
}

function distance(a: Period, b: Period): number {
  return Math.abs(Date.parse(periodDays(a).from) - Date.parse(periodDays(b).from));
}

function badPeriod(message: string): string {
  return layout({
    title: 'Not a date · paperboy', section: 'papers',
    body: html`<h1>That is not a date we can show</h1><div class="empty"><p>${message}.</p>
<p>Use <code>?date=2025-03-17</code>, <code>?week=2025-W12</code> or <code>?month=2025-03</code>, or pick a day:</p>
${datePicker('', 'trending')}</div>`,
  }).value;
}

/**
 * The home page and `/papers?date=|week=|month=`: the featured papers of a period, most
 * upvoted (or newest) first, with previous/next links, a date picker and paging. Without a
 * period it shows the newest day that has papers.
 */
export function papersList(deps: WebDeps) {
  return async (req: FastifyRequest, reply: FastifyReply): Promise<string> => {
    reply.type('text/html; charset=utf-8');
    const q = req.query as Query;
    const sort = queryChoice(q, 'sort', SORTS, 'trending');
    const page = pageParam(queryText(q, 'page'));
    const parsed = periodFromQuery({ date: queryText(q, 'date'), week: queryText(q, 'week'), month: queryText(q, 'month') });
    if (parsed && !parsed.ok) {
      reply.code(400);
      return badPeriod(`${parsed.problem.source}: ${parsed.problem.message}`);
    }
    const latest = await latestListedDay(deps.db);
    if (!parsed && !latest) return papersLatest(deps.db);
    const period: Period = parsed ? parsed.period : { kind: 'day', day: latest! };
    const [list, near, fetched] = await Promise.all([
      listPeriod(deps.db, period, { sort, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
      neighbours(deps, period, latest),
      lastHarvestDone(deps.db, 'hf-daily'),
    ]);
    const label = periodLabel(period);
    const count = `${formatCount(list.total)} featured ${list.total === 1 ? 'paper' : 'papers'}`;
    const body = html`<h1>${label}</h1>
<p class="lede">${count}${list.total ? (sort === 'trending' ? ', most upvoted first' : ', newest first') : ''}</p>
${toolbar(period, sort)}
${periodNav(near.prev, near.next, sort)}
${list.total === 0 ? nothingListed(period, near.prev, near.next, sort) : paperList(list.papers)}
${list.total ? countsNote(fetched) : ''}
${listExportLinks(list.papers.map((p) => p.paperId))}
${pager({ page, pageSize: PAGE_SIZE, total: list.total }, (n) => listHref(period, sort, n))}`;
    return layout({
      title: `${parsed ? label : 'Daily Papers'} · paperboy`, section: 'papers', body,
      description: `${count} for ${label}.`, feed: DAILY_FEED,
    }).value;
  };
}
