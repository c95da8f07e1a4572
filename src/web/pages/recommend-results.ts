import type { FastifyReply, FastifyRequest } from 'fastify';
import type { WebDeps } from '../deps.js';
import { html, type Html } from '../views/html.js';
import { layout } from '../views/layout.js';
import type { PageFeed } from '../views/feed-links.js';
import { RECOMMEND_FEED_DAYS, RECOMMEND_FEED_PATH } from '../feeds/recommend-feed.js';
import { paperList, plainText } from '../views/paper-card.js';
import { texText } from '../views/tex-text.js';
import { pager, pageParam, rangeLabel } from '../views/pager.js';
import { queryText, type Query } from '../views/query-params.js';
import { addPaperPath, paperPath, withQuery } from '../views/site-paths.js';
import { field } from './subscribe-fields.js';
import { arxivLinks } from '../../model/normalise.js';
import { paperReferences } from '../../model/paper-reference.js';
import { papersByIds } from '../../store/listings.js';
import { RECOMMEND_MAX_IDS, RECOMMEND_MAX_LIMIT } from '../api/recommend.js';
import { listExportLinks } from '../views/list-export-links.js';

const PAGE_SIZE = 20;
/** Room for 200 pasted addresses a side. */
const MAX_FIELD = 20_000;

/** One side of the profile as typed, and the arXiv ids read from it. */
interface ProfileSide {
  text: string;
  ids: string[];
}

/**
 * Reads arXiv ids and paper addresses (arXiv, Hugging Face, alphaXiv) separated by spaces, commas or
 * lines, in order and without repeats; whatever is neither becomes a note naming it, so one stray
 * word never empties the list.
 */
function readSide(query: Query, name: string, notes: string[]): ProfileSide {
  const text = queryText(query, name, MAX_FIELD) ?? '';
  const { ids, rejected } = paperReferences(text);
  for (const token of rejected) notes.push(`Ignored “${token.length > 60 ? `${token.slice(0, 60)}…` : token}”: not an arXiv id or a paper's address.`);
  if (ids.length > RECOMMEND_MAX_IDS) {
    notes.push(`Only the first ${RECOMMEND_MAX_IDS} of the ${ids.length} papers listed are used.`);
    ids.length = RECOMMEND_MAX_IDS;
  }
  return { text, ids };
}

function profileForm(liked: ProfileSide, disliked: ProfileSide): Html {
  return html`<form class="recommend-form" action="/recommend" method="get">
${field('positive', 'Papers you like', (a) => html`<textarea ${a} rows="4" cols="60" placeholder="2401.01234&#10;https://arxiv.org/abs/2312.00752">${liked.text}</textarea>`, undefined,
    'arXiv ids or addresses (arXiv, Hugging Face), separated by spaces, commas or lines: your own papers, a reading list.')}
${field('negative', 'Papers you want fewer like (optional)', (a) => html`<textarea ${a} rows="2" cols="60">${disliked.text}</textarea>`)}
<p><button type="submit">Recommend papers</button></p>
</form>`;
}

function page(body: Html, feed?: PageFeed): string {
  return layout({ title: 'Recommendations · paperboy', feed, body: html`<h1>Recommendations</h1>
<p class="lede">Papers ranked for the papers you list: like them in meaning and in words, unlike the ones you want fewer of.</p>${body}` }).value;
}

const HELP = html`<div class="empty"><p>List papers you like, such as your own or the ones you are reading, and get the papers closest to all of
them. Each paper page's similar papers work from one paper; this works from a whole profile.</p></div>`;

/**
 * `/recommend`: the recommendation ranking of `POST /api/recommend` as a page, a GET form so a
 * profile is a link to bookmark or share and works without JavaScript. Ids that are not here and
 * text that is no id are named in notes while the rest still count; the listed papers are left
 * out of the results.
 */
export function recommendResults(deps: WebDeps) {
  return async (req: FastifyRequest, reply: FastifyReply): Promise<string> => {
    reply.type('text/html; charset=utf-8');
    const query = req.query as Query;
    const notes: string[] = [];
    const liked = readSide(query, 'positive', notes);
    const disliked = readSide(query, 'negative', notes);
    const both = disliked.ids.filter((id) => liked.ids.includes(id));
    if (both.length) notes.push(`Listed on both sides, so counted as liked: ${both.join(', ')}.`);
    const negative = disliked.ids.filter((id) => !liked.ids.includes(id));
    const head = html`${profileForm(liked, disliked)}${notes.map((n) => html`<p class="note">${n}</p>`)}`;
    if (!liked.ids.length) return page(html`${head}${HELP}`);

    const found = await deps.semantic.recommend(liked.ids, negative, RECOMMEND_MAX_LIMIT);
    const missing = found.unknown.length
      ? html`<p class="note">Not among this site's papers, so left out: ${found.unknown.map((id, i) => html`${i ? ', ' : ''}<a href="${arxivLinks(id).absUrl}">${id}</a>${deps.config.arxivLookup ? html` (<a class="add-paper-link" href="${addPaperPath(id)}">add it</a>)` : ''}`)}.</p>`
      : '';
    const current = pageParam(queryText(query, 'page'), Math.max(1, Math.ceil(found.hits.length / PAGE_SIZE)));
    const slice = found.hits.slice((current - 1) * PAGE_SIZE, current * PAGE_SIZE);
    const papers = await papersByIds(deps.db, slice.map((h) => h.paperId));
    const state = { page: current, pageSize: PAGE_SIZE, total: found.hits.length };
    const counted = liked.ids.length - found.unknown.filter((id) => liked.ids.includes(id)).length;
    const summary = papers.length
      ? html`<p class="lede result-count">${rangeLabel(state, papers.length)} papers closest to the ${counted === 1 ? 'paper' : `${counted} papers`} you like</p>`
      : html`<div class="empty"><p>${counted ? 'No papers to recommend yet: recommendations appear once papers have been analysed for meaning.' : 'None of the papers you like is on this site yet.'}</p></div>`;
    const href = (n: number) => withQuery('/recommend', { positive: liked.text, negative: disliked.text || null, page: n > 1 ? n : null });
    const shown = await papersByIds(deps.db, liked.ids.filter((id) => !found.unknown.includes(id)).slice(0, 10));
    const from = shown.length
      ? html`<p class="profile">For ${shown.map((p, i) => html`${i ? '; ' : ''}<a href="${paperPath(p.paperId)}">${texText(p.title, plainText)}</a>`)}${counted > shown.length ? html`; and ${counted - shown.length} more` : ''}.</p>`
      : '';
    // The same profile as a feed of new papers: what a researcher follows in a feed reader.
    const known = (ids: string[]) => ids.filter((id) => !found.unknown.includes(id)).join(',');
    const feed: PageFeed | undefined = counted ? {
      title: `new papers for this profile (last ${RECOMMEND_FEED_DAYS.fallback} days)`, path: RECOMMEND_FEED_PATH,
      query: { positive: known(liked.ids), negative: known(negative) || null },
    } : undefined;
    return page(html`${head}${missing}${from}${summary}${papers.length ? paperList(papers) : ''}${listExportLinks(papers.map((p) => p.paperId))}${pager(state, href)}`, feed);
  };
}
