import type { FastifyReply, FastifyRequest } from 'fastify';
import type { WebDeps } from '../deps.js';
import { html, safeUrl, type Html } from '../views/html.js';
import { layout } from '../views/layout.js';
import { formatDate, formatDay, preview } from '../views/format.js';
import { arxivPages, compactCount, LISTED_NOTE, outLink, plainText, submittedMonth, UNCOUNTED_VOTES } from '../views/paper-card.js';
import { authorPath, categoryPath, orgPath, paperPath, withQuery } from '../views/site-paths.js';
import { citationMeta } from '../views/citation-meta.js';
import { linkedText } from '../views/linked-text.js';
import { texText } from '../views/tex-text.js';
import { similarSection, type SimilarItem, type SimilarLoading } from '../views/similar-list.js';
import { notFoundShow, paperNotFoundShow } from './error-show.js';
import { arxivId } from '../../model/normalise.js';
import { getPaper, type PaperDetail } from '../../store/papers-read.js';
import { papersByIds } from '../../store/listings.js';
import { categoryName } from '../../model/arxiv-taxonomy.js';

/** Similar papers listed on a paper page: a screenful, cheap to rank and to read. */
const SIMILAR_ON_PAGE = 6;

function fact(label: string, value: Html | string | null | undefined): Html | '' {
  return value ? html`<dt>${label}</dt><dd>${value}</dd>` : '';
}

function dateText(iso: string | null): Html | '' {
  const d = formatDate(iso);
  return d ? html`<time datetime="${iso}">${d}</time>` : '';
}

function actions(p: PaperDetail): Html {
  const { absUrl, pdfUrl } = arxivPages(p);
  const exportId = encodeURIComponent(p.paperId);
  const code = outLink(p.githubRepo);
  const project = outLink(p.projectPage);
  return html`<ul class="actions">
${absUrl ? html`<li><a class="primary" href="${absUrl}">arXiv page</a></li>` : ''}
${pdfUrl ? html`<li><a href="${pdfUrl}">PDF</a></li>` : ''}
${code ? html`<li><a class="code" href="${code}">Code${p.githubStars != null ? html` ★ ${compactCount(p.githubStars)}<span class="visually-hidden"> stars</span>` : ''}</a></li>` : ''}
${project ? html`<li><a class="project" href="${project}">Project page</a></li>` : ''}
<li><a href="/papers/${exportId}.bib">BibTeX</a></li>
<li><a href="/papers/${exportId}.md">Markdown</a></li>
</ul>`;
}

/** A category chip of the details: the code, arXiv's name for it when known, and whether it is the primary one. */
function categoryChip(category: string, primary: boolean): Html {
  const name = categoryName(category);
  return html`<li><a class="chip category" href="${categoryPath(category)}" title="${name ?? category}">${category}${name ? ` · ${name}` : ''}${primary ? ' (primary)' : ''}</a></li>`;
}

/** The date fact: "Published", "Listed" when only a daily listing dated the paper, or the id's month. */
function published(p: PaperDetail): Html | '' {
  if (!p.publishedAt) return fact('Submitted', submittedMonth(p.paperId, true));
  if (p.publishedFrom === 'listing') return fact('Listed', html`${dateText(p.publishedAt)} <small>(${LISTED_NOTE.charAt(0).toLowerCase()}${LISTED_NOTE.slice(1)})</small>`);
  return fact('Published', dateText(p.publishedAt));
}

function details(p: PaperDetail): Html {
  const versions = p.versions.length
    ? html`<ul class="chips">${p.versions.map((v) => html`<li><span class="chip">v${v.version}${v.date ? html` · ${dateText(v.date)}` : ''}</span></li>`)}</ul>`
    : null;
  return html`<section aria-labelledby="details-h"><h2 id="details-h">Details</h2><dl class="facts">
${published(p)}
${p.updatedAt && p.updatedAt !== p.publishedAt ? fact('Updated', dateText(p.updatedAt)) : ''}
${fact('Versions', versions)}
${fact('Categories', p.categories.length ? html`<ul class="chips">${p.categories.map((c) => categoryChip(c, c === p.primaryCategory))}</ul>` : null)}
${fact('Comment', p.comment ? texText(p.comment, linkedText) : null)}
${fact('Journal ref', p.journalRef)}
${fact('DOI', p.doi ? html`<a class="doi" href="${safeUrl(`https://doi.org/${p.doi}`)}">${p.doi}</a>` : null)}
${fact('Report no', p.reportNo)}
${fact('License', p.license ? (outLink(p.license) ? html`<a href="${outLink(p.license)}">${p.license}</a>` : p.license) : null)}
${fact('Featured', p.listingDays.length ? html`${p.listingDays.map((d, i) => html`${i ? ', ' : ''}<a href="${withQuery('/papers', { date: d })}">${formatDay(d)}</a>`)}` : null)}
${p.votesKnown ? html`${fact('Upvotes', String(p.upvotes))}${fact('Comments', String(p.numComments))}` : fact('Upvotes', UNCOUNTED_VOTES)}
</dl></section>`;
}

/**
 * Hugging Face's machine-written summary and keywords, labelled as such: a reader must not take
 * them for the authors' words (614 of the walk-through's papers have keywords and no summary).
 */
function summary(p: PaperDetail): Html | '' {
  if (!p.aiSummary && !p.aiKeywords?.length) return '';
  return html`<section class="summary-box" aria-labelledby="summary-h"><h2 id="summary-h">${p.aiSummary ? 'AI summary' : 'AI keywords'}</h2>
<p class="hint provenance">Written by a language model for Hugging Face Daily Papers, not by the authors.</p>
${p.aiSummary ? html`<p class="ai-summary">${p.aiSummary}</p>` : ''}
${p.aiKeywords?.length ? html`<ul class="chips keywords" aria-label="Keywords">${p.aiKeywords.map((k) => html`<li><a class="chip" href="${withQuery('/search', { q: `"${k.replace(/"/g, '')}"` })}">${k}</a></li>`)}</ul>` : ''}
</section>`;
}

/**
 * The paper's closest papers with their explanations. A failure here must not cost the reader
 * the paper itself: it is logged and the section says there is nothing to show.
 */
async function similarItems(deps: WebDeps, req: FastifyRequest, paperId: string): Promise<SimilarItem[]> {
  try {
    const ranked = await deps.semantic.similar(paperId, SIMILAR_ON_PAGE);
    if (!ranked?.length) return [];
    const papers = new Map((await papersByIds(deps.db, ranked.map((r) => r.paperId))).map((p) => [p.paperId, p]));
    return ranked.flatMap((r) => {
      const paper = papers.get(r.paperId);
      return paper ? [{ paper, score: r.score, explanation: r.explanation }] : [];
    });
  } catch (err) {
    req.log.warn({ err, paperId }, 'similar papers failed; the paper page is shown without them');
    return [];
  }
}

function page(p: PaperDetail, similar: readonly SimilarItem[] | SimilarLoading): string {
  const org = p.organizationName ?? p.organization;
  const body = html`<article class="paper-page" data-paper-id="${p.paperId}">
<h1>${texText(p.title, plainText)}</h1>
${p.authors.length ? html`<p class="authors-full">${p.authors.map((a, i) => html`${i ? ', ' : ''}<a class="author" href="${authorPath(a)}">${a}</a>`)}</p>` : ''}
${org && p.organization ? html`<p class="meta"><a class="organization" href="${orgPath(p.organization)}">${org}</a></p>` : ''}
${actions(p)}
${summary(p)}
<section aria-labelledby="abstract-h"><h2 id="abstract-h">Abstract</h2>
${p.abstract ? html`<p class="abstract-full">${texText(p.abstract, linkedText)}</p>` : html`<p class="lede">No abstract is available.</p>`}
</section>
${details(p)}
${similarSection(similar, p.paperId)}
</article>`;
  return layout({
    title: `${p.title} · paperboy`,
    description: preview(p.abstract, 200) ?? p.title,
    head: citationMeta(p),
    body,
  }).value;
}

/**
 * `/papers/:id`, where the id may hold a slash (`hep-th/9901001`, as is or percent-encoded). A
 * versioned or prefixed id (`2501.00001v2`, `arXiv:2501.00001`) redirects to the canonical page.
 */
export function paperShow(deps: WebDeps) {
  return async (req: FastifyRequest, reply: FastifyReply): Promise<string> => {
    const id = (req.params as Record<string, string>)['*'] ?? '';
    if (!id || id.length > 200) return notFoundShow(req, reply);
    const paper = await getPaper(deps.db, id);
    if (paper) {
      reply.type('text/html; charset=utf-8');
      // In the first seconds after a restart the page is shown at once, its similar papers once the
      // vectors have loaded; the page cache must not keep it without them.
      const loading = await deps.semantic.loading();
      if (loading) reply.header('cache-control', 'no-store');
      return page(paper, loading ?? await similarItems(deps, req, paper.paperId));
    }
    const canonical = arxivId(id);
    if (canonical && canonical !== id && (await getPaper(deps.db, canonical))) {
      reply.redirect(paperPath(canonical), 301);
      return '';
    }
    return paperNotFoundShow(reply, canonical, deps.config.arxivLookup);
  };
}
