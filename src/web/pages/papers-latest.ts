import type { FastifyReply, FastifyRequest } from 'fastify';
import type { WebDeps } from '../deps.js';
import { html, type Html } from '../views/html.js';
import { layout } from '../views/layout.js';
import { paperList } from '../views/paper-card.js';
import { formatDay } from '../views/format.js';
import { latestListing, latestPapers, type ListingEntry } from '../../store/papers-read.js';

const PAGE_SIZE = 30;

function byDay(entries: readonly ListingEntry[]): Html {
  const days = new Map<string, ListingEntry[]>();
  for (const e of entries) {
    const list = days.get(e.day);
    if (list) list.push(e);
    else days.set(e.day, [e]);
  }
  return html`${[...days].map(([day, list]) => html`<section class="listing" data-day="${day}">
<h2 class="day"><time datetime="${day}">${formatDay(day)}</time></h2>
${paperList(list.map((e) => e.paper))}
</section>`)}`;
}

/** What a new installation shows: the exact commands that put papers into the database. */
export function emptyStore(): Html {
  return html`<h1>No papers yet</h1>
<div class="empty">
<p>The database is empty. Add papers from files you have, or harvest them from the sources:</p>
<p>Import files (Hugging Face daily papers JSON, arXiv JSONL, OAI-PMH or Atom XML; <code>.gz</code> is fine):</p>
<pre><code>npx paperboy import PATH...</code></pre>
<p>Harvest one day of Hugging Face Daily Papers:</p>
<pre><code>npx paperboy harvest hf-daily --date YYYY-MM-DD</code></pre>
<p>Harvest today's new submissions of an arXiv category:</p>
<pre><code>npx paperboy harvest arxiv-rss --category cs.CL</code></pre>
<p>Then reload this page. <code>npx paperboy stats</code> shows what the database holds.</p>
</div>`;
}

/**
 * The home page: the featured papers, newest day first. A store with papers but no featured
 * days (arXiv imports only) shows the newest papers instead, and an empty one explains how to fill it.
 */
export function papersLatest(deps: WebDeps) {
  return async (_req: FastifyRequest, reply: FastifyReply): Promise<string> => {
    reply.type('text/html; charset=utf-8');
    const entries = await latestListing(deps.db, { limit: PAGE_SIZE });
    if (entries.length) {
      return layout({ title: 'Daily Papers · paperboy', description: 'The latest featured research papers.', body: html`<h1>Daily Papers</h1>${byDay(entries)}` }).value;
    }
    const papers = await latestPapers(deps.db, { limit: PAGE_SIZE });
    if (papers.length) {
      return layout({ title: 'Latest papers · paperboy', description: 'The newest research papers.', body: html`<h1>Latest papers</h1>${paperList(papers)}` }).value;
    }
    return layout({ title: 'paperboy', body: emptyStore() }).value;
  };
}
