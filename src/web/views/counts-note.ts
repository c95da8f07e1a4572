import { html, type Html } from './html.js';
import { formatDate } from './format.js';

/**
 * When the upvotes and comments on a listing were counted: Hugging Face's counts change for days,
 * and paperboy shows them as of its last fetch, so the page says when that was ("as Hugging Face
 * counted them on Dec 6, 2026, 14:05 UTC"), or that they come from imported files.
 */
export function countsNote(lastFetch: string | null): Html {
  if (!lastFetch) return html`<p class="counts-note">Upvotes and comments as the imported Daily Papers files recorded them.</p>`;
  return html`<p class="counts-note">Upvotes and comments as Hugging Face counted them when last fetched,
<time datetime="${lastFetch}">${formatDate(lastFetch)}, ${lastFetch.slice(11, 16)} UTC</time>.</p>`;
}
