import { html, type Html } from './html.js';
import { arxivLinks } from '../../model/normalise.js';

/** What to say about an arXiv paper this site does not hold: that it is not here, and where it is. */
export function missingPaper(id: string): Html {
  return html`<div class="empty" data-reference="${id}"><p><strong>arXiv:${id}</strong> is not among this site's papers.</p>
<p><a href="${arxivLinks(id).absUrl}">Open it on arXiv</a>. Papers arrive here as arXiv and Hugging Face Daily Papers list them.</p></div>`;
}
