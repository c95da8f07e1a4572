import { html, safeUrl, type Html } from './html.js';
import { authorList, formatDate, formatDay, formatMonth, preview } from './format.js';
import { categoryPath, orgPath, paperPath } from './site-paths.js';
import { texText } from './tex-text.js';
import { arxivLinks, arxivMonth } from '../../model/normalise.js';
import type { PaperRow } from '../../model/paper-row.js';
import { categoryName } from '../../model/arxiv-taxonomy.js';

/** What a card needs: a stored paper plus, when listed, the day and the organization's display name. */
export type CardPaper = PaperRow & {
  organizationName?: string | null;
  organizationFullname?: string | null;
  /** The listing day (YYYY-MM-DD) when the paper comes from a daily listing. */
  day?: string | null;
};

/** How a card shows text: plain (escaped) by default; search results pass a highlighter. */
export interface CardOptions {
  mark?: (text: string) => Html;
}

/** A stored link when it is a safe http(s) URL, else null (a `javascript:` URL is dropped, not neutered). */
export function outLink(url: string | null | undefined): string | null {
  const safe = safeUrl(url);
  return safe === '#' ? null : safe;
}

/** The arXiv abstract and PDF pages: as stored when safe, else derived from an arXiv id (not for `collection:id`). */
export function arxivPages(paper: PaperRow): { absUrl: string | null; pdfUrl: string | null } {
  const derived = paper.paperId.includes(':') ? null : arxivLinks(paper.paperId);
  return { absUrl: outLink(paper.absUrl) ?? derived?.absUrl ?? null, pdfUrl: outLink(paper.pdfUrl) ?? derived?.pdfUrl ?? null };
}

/** Text escaped and nothing more: the default for titles and abstracts outside search results. */
export function plainText(text: string): Html {
  return html`${text}`;
}

function countLabel(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "1.2k" for large star counts, as code hosts show them. */
export function compactCount(n: number): string {
  if (n < 1000) return String(n);
  return `${(n / 1000).toFixed(n < 10000 ? 1 : 0).replace(/\.0$/, '')}k`;
}

/** Why: a paper known only from arXiv has no upvotes counted, and "0 upvotes" would say nobody liked it. */
export const UNCOUNTED_VOTES = 'Not on Hugging Face Daily Papers: no upvotes or comments counted';

function votes(paper: CardPaper): Html {
  if (!paper.votesKnown) return html`<p class="votes uncounted" title="${UNCOUNTED_VOTES}">–<small>upvotes</small><span class="visually-hidden">: ${UNCOUNTED_VOTES.toLowerCase()}</span></p>`;
  return html`<p class="votes">${paper.upvotes}<small>${paper.upvotes === 1 ? 'upvote' : 'upvotes'}</small></p>`;
}

function dateOf(paper: CardPaper): Html | '' {
  if (paper.day) return html`<time datetime="${paper.day}">${formatDate(`${paper.day}T00:00:00Z`) ?? formatDay(paper.day)}</time>`;
  return publishedOrMonth(paper);
}

/** Why: a listing's day is the paper's announcement, not a date any source gave for its submission. */
export const LISTED_NOTE = 'Listed on arXiv that day; no source gave its submission date';

/**
 * A paper's publication date, or the month of its arXiv id when no source dated it: how every list
 * of papers (cards, similar papers) dates one that was not listed on a day.
 */
export function publishedOrMonth(paper: Pick<PaperRow, 'paperId' | 'publishedAt' | 'publishedFrom'>): Html | '' {
  const date = formatDate(paper.publishedAt);
  if (date && paper.publishedFrom === 'listing') return html`<time datetime="${paper.publishedAt}" title="${LISTED_NOTE}">${date}</time>`;
  if (date) return html`<time datetime="${paper.publishedAt}">${date}</time>`;
  return submittedMonth(paper.paperId, false);
}

/**
 * The month of the paper's arXiv id, for a paper no source gave a date: "Feb 2026", with a title
 * saying where it comes from, so it is not mistaken for a date some source stated.
 */
export function submittedMonth(paperId: string, long: boolean): Html | '' {
  const month = arxivMonth(paperId);
  if (!month) return '';
  const note = `the month of its arXiv id; no source gave the day`;
  return long
    ? html`<time datetime="${month}">${formatMonth(month, true)}</time> <small>(${note})</small>`
    : html`<time datetime="${month}" title="Submitted in ${formatMonth(month, true)}: ${note}">${formatMonth(month)}</time>`;
}

/**
 * One paper in a list: upvotes (or a dash when none were counted), title (to the paper page), authors, organization, date,
 * comments, categories, the start of the abstract, and links out. Every field is source data
 * and goes through the escaping tag.
 */
export function paperCard(paper: CardPaper, opts: CardOptions = {}): Html {
  const mark = opts.mark ?? plainText;
  const org = paper.organizationFullname || paper.organizationName || paper.organization;
  const abstract = preview(paper.abstract);
  const links = arxivPages(paper);
  const code = outLink(paper.githubRepo);
  const project = outLink(paper.projectPage);
  return html`<li class="paper" data-paper-id="${paper.paperId}">
${votes(paper)}
<h2><a href="${paperPath(paper.paperId)}">${texText(paper.title, mark)}</a></h2>
<p class="meta">${[
    paper.authors.length ? html`<span class="authors">${authorList(paper.authors)}</span>` : '',
    org && paper.organization ? html`<a class="organization" href="${orgPath(paper.organization)}">${org}</a>` : '',
    dateOf(paper),
    paper.votesKnown ? html`<span class="comments">${countLabel(paper.numComments, 'comment', 'comments')}</span>` : '',
  ]}</p>
${abstract ? html`<p class="abstract">${texText(abstract, mark)}</p>` : ''}
${paper.categories.length ? html`<ul class="chips" aria-label="Categories">${paper.categories.map((c) => html`<li><a class="chip category" href="${categoryPath(c)}" title="${categoryName(c) ?? c}">${c}</a></li>`)}</ul>` : ''}
<p class="links">
${links.absUrl ? html`<a href="${links.absUrl}">arXiv</a>` : ''}
${links.pdfUrl ? html`<a href="${links.pdfUrl}">PDF</a>` : ''}
${code ? html`<a class="code" href="${code}">Code${paper.githubStars != null ? html` <span class="stars">★ ${compactCount(paper.githubStars)}<span class="visually-hidden"> stars</span></span>` : ''}</a>` : ''}
${project ? html`<a class="project" href="${project}">Project page</a>` : ''}
</p>
</li>`;
}

/** A list of cards. */
export function paperList(papers: readonly CardPaper[], opts: CardOptions = {}): Html {
  return html`<ul class="papers">${papers.map((p) => paperCard(p, opts))}</ul>`;
}
