import type { Db } from '../../db/db.js';
import { html, type Html } from '../views/html.js';
import { layout } from '../views/layout.js';
import { paperList } from '../views/paper-card.js';
import { latestPapers } from '../../store/papers-read.js';

const PAGE_SIZE = 30;

/** What a new installation shows: the exact commands that put papers into the database. */
export function emptyStore(): Html {
  return html`<h1>No papers yet</h1>
<div class="empty">
<p>The database is empty. Add papers from files you have, or harvest them from the sources:</p>
<p>Import files (Hugging Face daily papers JSON, arXiv JSONL, OAI-PMH or Atom XML; <code>.gz</code> is fine):</p>
<pre tabindex="0"><code>npx paperboy import PATH...</code></pre>
<p>Harvest one day of Hugging Face Daily Papers:</p>
<pre tabindex="0"><code>npx paperboy harvest hf-daily --date YYYY-MM-DD</code></pre>
<p>Harvest today's new submissions of an arXiv category:</p>
<pre tabindex="0"><code>npx paperboy harvest arxiv-rss --category cs.CL</code></pre>
<p>Then reload this page. <code>npx paperboy stats</code> shows what the database holds.</p>
</div>`;
}

/**
 * The home page when nothing was ever featured: the newest papers by date (a store filled from
 * arXiv only), or, for an empty store, how to fill it.
 */
export async function papersLatest(db: Db): Promise<string> {
  const papers = await latestPapers(db, { limit: PAGE_SIZE });
  if (papers.length) {
    return layout({
      title: 'Latest papers · paperboy', description: 'The newest research papers.', section: 'papers',
      body: html`<h1>Latest papers</h1><p class="lede">Nothing has been featured yet, so these are the newest papers by date.</p>${paperList(papers)}`,
    }).value;
  }
  return layout({ title: 'paperboy', section: 'papers', body: emptyStore() }).value;
}
