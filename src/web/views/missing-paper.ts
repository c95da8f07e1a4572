import { html, type Html } from './html.js';
import { arxivLinks } from '../../model/normalise.js';
import { addPaperPath } from './site-paths.js';

/**
 * What to say about an arXiv paper this site does not hold: that it is not here, where it is, and
 * (when the site adds papers on request, PAPERBOY_ARXIV_LOOKUP) how to add it.
 */
export function missingPaper(id: string, addable: boolean): Html {
  return html`<div class="empty" data-reference="${id}"><p><strong>arXiv:${id}</strong> is not among this site's papers.</p>
<p><a href="${arxivLinks(id).absUrl}">Open it on arXiv</a>. Papers arrive here as arXiv and Hugging Face Daily Papers list them.</p>
${addable ? html`<p><a class="add-paper-link" href="${addPaperPath(id)}">Add it to this site from arXiv</a>, to see it here with similar papers.</p>` : ''}</div>`;
}
