import { html, safeUrl, type Html } from './html.js';
import { authorList, formatDate, preview } from './format.js';
import type { PaperSummary } from '../../store/papers-read.js';

/**
 * One paper in a list: upvotes, title, authors, organization, date, categories, the start of
 * the abstract, and links out. Every field is source data and goes through the escaping tag.
 */
export function paperCard(paper: PaperSummary): Html {
  const date = formatDate(paper.publishedAt);
  return html`<li class="paper" id="paper-${paper.paperId}">
<div class="votes" title="upvotes">${paper.upvotes}<small>upvotes</small></div>
<h3><a href="${safeUrl(paper.absUrl)}">${paper.title}</a></h3>
<div class="meta">${[
    paper.authors.length ? html`<span class="authors">${authorList(paper.authors)}</span>` : '',
    paper.organizationName ? html`<span class="organization">${paper.organizationName}</span>` : '',
    date ? html`<time datetime="${paper.publishedAt}">${date}</time>` : '',
  ]}</div>
${paper.abstract ? html`<p class="abstract">${preview(paper.abstract)}</p>` : ''}
<div class="links">
${paper.categories.map((c) => html`<span class="chip category${c === paper.primaryCategory ? ' primary' : ''}">${c}</span>`)}
<a href="${safeUrl(paper.absUrl)}">arXiv</a>
<a href="${safeUrl(paper.pdfUrl)}">PDF</a>
${paper.githubRepo ? html`<a href="${safeUrl(paper.githubRepo)}">code</a>` : ''}
</div>
</li>`;
}

/** A list of cards. */
export function paperList(papers: readonly PaperSummary[]): Html {
  return html`<ul class="papers">${papers.map(paperCard)}</ul>`;
}
