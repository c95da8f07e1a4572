import { html, type Html } from './html.js';
import { layout, type Section } from './layout.js';
import type { PageFeed } from './feed-links.js';
import { paperList, type CardPaper } from './paper-card.js';
import { pager, rangeLabel } from './pager.js';
import { formatCount } from './format.js';
import { listExportLinks } from './list-export-links.js';

/** What an author, organization or category page shows: a heading and one page of its papers. */
export interface CollectionProps {
  /** Page title and <h1>. */
  heading: string;
  /** What kind of collection, for the text ("author", "organization", "category"). */
  kind: string;
  papers: readonly CardPaper[];
  total: number;
  page: number;
  pageSize: number;
  href: (page: number) => string;
  /** Extra lines under the heading (an organization's slug, an explanation). */
  extra?: Html;
  section?: Section;
  /** The feed of the same papers (src/web/feeds), linked from the page. */
  feed?: PageFeed;
}

/** The shared frame of the author, organization and category pages: counts, cards, paging. */
export function collectionPage(props: CollectionProps): string {
  const state = { page: props.page, pageSize: props.pageSize, total: props.total };
  const count = `${formatCount(props.total)} ${props.total === 1 ? 'paper' : 'papers'}`;
  const body = html`<h1>${props.heading}</h1>
${props.extra ?? ''}
<p class="lede paper-count">${count}${props.total > props.papers.length ? html`, showing ${rangeLabel(state, props.papers.length)}` : ''}, newest first</p>
${props.total === 0 ? html`<div class="empty"><p>No papers for this ${props.kind} yet.</p></div>` : paperList(props.papers)}
${listExportLinks(props.papers.map((p) => p.paperId))}
${pager(state, props.href)}`;
  return layout({ title: `${props.heading} · paperboy`, description: `${count} for ${props.heading}.`, section: props.section, body, feed: props.feed }).value;
}
