import { html, type Html } from './html.js';
import { authorList } from './format.js';
import { paperPath, withQuery } from './site-paths.js';
import { texText } from './tex-text.js';
import { plainText, publishedOrMonth } from './paper-card.js';
import type { MatchExplanation } from '../../search/semantic/semantic-search.js';
import type { PaperRow } from '../../model/paper-row.js';
import { listExportPath } from './list-export-links.js';

/** One similar paper as the list shows it: the stored paper, its score and why it matched. */
export interface SimilarItem {
  paper: PaperRow;
  score: number;
  explanation?: MatchExplanation;
}

/** How far the vectors have loaded, when a page is shown before similar papers can be ranked. */
export interface SimilarLoading {
  done: number;
  total: number;
}

/** Terms and topics shown per match: enough to explain it, few enough to scan. */
const SHOWN_TERMS = 6;
const SHOWN_TOPICS = 2;

/**
 * Why a paper matched, in words: the index terms and topics it shares with the paper on the
 * page. Both come from paper text, so they go through the escaping tag like every other field.
 */
export function matchExplanation(e: MatchExplanation | undefined): Html | '' {
  const terms = e?.terms.slice(0, SHOWN_TERMS) ?? [];
  const topics = e?.topics.slice(0, SHOWN_TOPICS) ?? [];
  if (!terms.length && !topics.length) return '';
  return html`<p class="why"><span class="why-label">Why:</span>
${terms.length ? html`<span class="why-terms">shared terms ${terms.map((t) => html`<span class="term">${t}</span> `)}</span>` : ''}
${topics.length ? html`<span class="why-topics">${topics.length === 1 ? 'topic' : 'topics'} ${topics.map((t) => html`<span class="topic">${t}</span> `)}</span>` : ''}
</p>`;
}

function similarEntry(item: SimilarItem): Html {
  const p = item.paper;
  return html`<li class="similar-paper" data-paper-id="${p.paperId}" data-score="${item.score.toFixed(4)}">
<a class="similar-title" href="${paperPath(p.paperId)}">${texText(p.title, plainText)}</a>
<p class="meta">${[
    p.authors.length ? html`<span class="authors">${authorList(p.authors, 2)}</span>` : '',
    publishedOrMonth(p),
  ]}</p>
${matchExplanation(item.explanation)}
</li>`;
}

/**
 * The "Similar papers" section of a paper page: the closest papers by meaning, best first, each
 * with its explanation. With none (no model yet, or a paper with no text) the section says so
 * instead of disappearing, so readers learn the feature exists; while the vectors load after a
 * restart it says how far that has got.
 */
export function similarSection(similar: readonly SimilarItem[] | SimilarLoading, paperId: string): Html {
  const api = `/api/papers/${paperId.split('/').map(encodeURIComponent).join('/')}/similar`;
  const items = 'done' in similar ? [] : similar;
  return html`<section class="similar" aria-labelledby="similar-h"><h2 id="similar-h">Similar papers</h2>
${'done' in similar
    ? html`<p class="lede" role="status">Similar papers appear in a few seconds: the site has just started and is loading its semantic model (${similar.done.toLocaleString('en-US')} of ${similar.total.toLocaleString('en-US')} papers read). Reload the page to see them.</p>`
    : items.length
      ? html`<ol class="similar-list">${items.map(similarEntry)}</ol>`
      : html`<p class="lede">No similar papers yet: they appear once papers have been analysed for meaning.</p>`}
<p class="similar-more"><a href="${withQuery('/recommend', { positive: paperId })}">Recommendations from this paper and others</a> · <a href="${api}">As JSON</a>${items.length ? html` · <a href="${listExportPath('bib', items.map((i) => i.paper.paperId))}" type="application/x-bibtex">As BibTeX</a>` : ''}</p>
</section>`;
}
