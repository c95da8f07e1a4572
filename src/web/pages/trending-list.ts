import type { FastifyReply, FastifyRequest } from 'fastify';
import type { WebDeps } from '../deps.js';
import { html } from '../views/html.js';
import { DAILY_FEED } from '../views/feed-links.js';
import { layout } from '../views/layout.js';
import { paperList } from '../views/paper-card.js';
import { pager, pageParam } from '../views/pager.js';
import { queryText, type Query } from '../views/query-params.js';
import { categoryPath, withQuery } from '../views/site-paths.js';
import { arxivCategoryOrNull } from '../../model/arxiv-category.js';
import { categoryName } from '../../model/arxiv-taxonomy.js';
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
async function quietWeek(deps: WebDeps, category: string | null) {
  const intro = `Nothing${category ? ` in ${category}` : ''} was listed or published in the last ${WINDOW_DAYS} days.`;
  if (category) return html`<div class="empty"><p>${intro} <a href="${categoryPath(category)}">See the newest ${category} papers</a> or <a href="/trending">what is trending in every category</a>.</p></div>`;
  const day = await latestListedDay(deps.db);
  if (!day) return html`<div class="empty"><p>${intro} <a href="/">See the latest featured papers</a>.</p></div>`;
  const week = isoWeekOf(day);
  return html`<div class="empty"><p>${intro} The latest listed week is ${periodLabel({ kind: 'week', week })}: <a href="${withQuery('/papers', { week })}">see its most upvoted papers</a>.</p></div>`;
}

/** A GET form to narrow trending to one arXiv category (and a way back to all of them). */
function categoryForm(value: string) {
  return html`<form class="trending-filter" action="/trending" method="get">
<label for="trending-category">Category</label> <input id="trending-category" name="category" size="12" placeholder="e.g. cs.CL" value="${value}">
<button type="submit">Show</button>${value ? html` <a href="/trending">all categories</a>` : ''}
</form>`;
}

/**
 * `/trending`: papers listed or published in the last seven days, ordered by upvotes decayed
 * with age, with the formula written out so the order is never a mystery; `?category=cs.CL` keeps
 * the papers of one arXiv category (any of a paper's categories). `now` is a parameter so tests
 * can pin the clock.
 */
export function trendingList(deps: WebDeps, now: () => Date = () => new Date()) {
  return async (req: FastifyRequest, reply: FastifyReply): Promise<string> => {
    reply.type('text/html; charset=utf-8');
    const q = req.query as Query;
    const page = pageParam(queryText(q, 'page'));
    const asked = queryText(q, 'category')?.trim() || null;
    const category = arxivCategoryOrNull(asked);
    if (asked && !category) {
      reply.code(400);
      return layout({ title: 'Trending · paperboy', section: 'trending', body: html`<h1>Trending</h1>${categoryForm(asked)}
<div class="empty" role="alert"><p><strong>category: “${asked}” is not an arXiv category</strong> (such as cs.CL or hep-th). See <a href="/categories">all categories</a>.</p></div>` }).value;
    }
    const [list, fetched] = await Promise.all([
      trendingPapers(deps.db, { now: now(), days: WINDOW_DAYS, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE, ...(category ? { category } : {}) }),
      lastHarvestDone(deps.db, 'hf-daily'),
    ]);
    const where = category ? ` in ${category}` : '';
    const name = category ? categoryName(category) : null;
    const body = html`<h1>Trending${where}</h1>
${name ? html`<p class="category-name">${name}</p>` : ''}${categoryForm(category ?? '')}
<p class="lede">${list.total === 0 ? `No papers${where} from the last ${WINDOW_DAYS} days.` : `${formatCount(list.total)} ${list.total === 1 ? 'paper' : 'papers'}${where} from the last ${WINDOW_DAYS} days, hottest first.`}</p>
<details class="how">
<summary>How papers are ranked</summary>
<p><span class="formula">score = upvotes / (age in hours + 2)<sup>1.5</sup></span></p>
<p>The age counts from the paper's latest listing in the window (or its publication when it was never listed).
The two extra hours keep a brand-new paper from jumping to the top with a single vote; the power 1.5 makes
a two-day-old paper need about 2.7 times the votes of a one-day-old one to stay ahead. Papers without
upvotes follow, newest first.</p>
</details>
${list.total === 0 ? await quietWeek(deps, category) : paperList(list.papers)}
${list.total ? countsNote(fetched) : ''}
${listExportLinks(list.papers.map((p) => p.paperId))}
${pager({ page, pageSize: PAGE_SIZE, total: list.total }, (n) => withQuery('/trending', { category, page: n > 1 ? n : null }))}`;
    return layout({ title: `Trending${where} · paperboy`, description: `Papers trending${where} over the last week.`, section: 'trending', body, feed: DAILY_FEED }).value;
  };
}
