import type { FastifyReply, FastifyRequest } from 'fastify';
import type { WebDeps } from '../deps.js';
import { html } from '../views/html.js';
import { DAILY_FEED } from '../views/feed-links.js';
import { layout } from '../views/layout.js';
import { paperList } from '../views/paper-card.js';
import { pager, pageParam } from '../views/pager.js';
import { queryText, type Query } from '../views/query-params.js';
import { withQuery } from '../views/site-paths.js';
import { isoWeekOf, latestListedDay, trendingPapers } from '../../store/listings.js';
import { periodLabel } from '../views/period.js';
import { formatCount } from '../views/format.js';
import { listExportLinks } from '../views/list-export-links.js';
import { countsNote } from '../views/counts-note.js';
import { lastHarvestDone } from '../../store/harvest-state.js';

const PAGE_SIZE = 30;
const WINDOW_DAYS = 7;

/**
 * What an empty window says: when harvesting has stopped, or an instance holds an archive, the last
 * week with listings is the trending list a reader came for, most upvoted first.
 */
async function quietWeek(deps: WebDeps) {
  const day = await latestListedDay(deps.db);
  const intro = `Nothing was listed or published in the last ${WINDOW_DAYS} days.`;
  if (!day) return html`<div class="empty"><p>${intro} <a href="/">See the latest featured papers</a>.</p></div>`;
  const week = isoWeekOf(day);
  return html`<div class="empty"><p>${intro} The latest listed week is ${periodLabel({ kind: 'week', week })}: <a href="${withQuery('/papers', { week })}">see its most upvoted papers</a>.</p></div>`;
}

/**
 * `/trending`: papers listed or published in the last seven days, ordered by upvotes decayed
 * with age, with the formula written out so the order is never a mystery. `now` is a parameter
 * so tests can pin the clock.
 */
export function trendingList(deps: WebDeps, now: () => Date = () => new Date()) {
  return async (req: FastifyRequest, reply: FastifyReply): Promise<string> => {
    reply.type('text/html; charset=utf-8');
    const page = pageParam(queryText(req.query as Query, 'page'));
    const [list, fetched] = await Promise.all([
      trendingPapers(deps.db, { now: now(), days: WINDOW_DAYS, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
      lastHarvestDone(deps.db, 'hf-daily'),
    ]);
    const body = html`<h1>Trending</h1>
<p class="lede">${list.total === 0 ? `No papers from the last ${WINDOW_DAYS} days.` : `${formatCount(list.total)} ${list.total === 1 ? 'paper' : 'papers'} from the last ${WINDOW_DAYS} days, hottest first.`}</p>
<details class="how">
<summary>How papers are ranked</summary>
<p><span class="formula">score = upvotes / (age in hours + 2)<sup>1.5</sup></span></p>
<p>The age counts from the paper's latest listing in the window (or its publication when it was never listed).
The two extra hours keep a brand-new paper from jumping to the top with a single vote; the power 1.5 makes
a two-day-old paper need about 2.7 times the votes of a one-day-old one to stay ahead. Papers without
upvotes follow, newest first.</p>
</details>
${list.total === 0 ? await quietWeek(deps) : paperList(list.papers)}
${list.total ? countsNote(fetched) : ''}
${listExportLinks(list.papers.map((p) => p.paperId), 'the papers of this page')}
${pager({ page, pageSize: PAGE_SIZE, total: list.total }, (n) => withQuery('/trending', { page: n > 1 ? n : null }))}`;
    return layout({ title: 'Trending · paperboy', description: 'Papers trending over the last week.', section: 'trending', body, feed: DAILY_FEED }).value;
  };
}
