import { html, type Html } from './html.js';
import { arxivPages } from './paper-card.js';
import type { PaperRow } from '../../model/paper-row.js';

function metaTag(name: string, content: string | null | undefined): Html | '' {
  const text = content?.replace(/\s+/g, ' ').trim();
  return text ? html`<meta name="${name}" content="${text}">\n` : '';
}

/** `2025/03/17`, the form Google Scholar's and Zotero's citation_* readers expect. */
function scholarDate(iso: string | null): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso ?? '');
  return m ? `${m[1]}/${m[2]}/${m[3]}` : null;
}

/**
 * The Highwire `citation_*` meta tags of a paper page, so reference managers (Zotero's
 * embedded-metadata translator, Google Scholar) import title, authors, date and PDF in one
 * click. Every value is escaped into a quoted attribute.
 */
export function citationMeta(paper: PaperRow): Html {
  const { pdfUrl } = arxivPages(paper);
  const isArxiv = !paper.paperId.includes(':');
  return html`${[
    metaTag('citation_title', paper.title),
    paper.authors.map((a) => metaTag('citation_author', a)),
    metaTag('citation_publication_date', scholarDate(paper.publishedAt)),
    metaTag('citation_online_date', scholarDate(paper.publishedAt)),
    isArxiv ? metaTag('citation_arxiv_id', paper.paperId) : '',
    metaTag('citation_pdf_url', pdfUrl),
    metaTag('citation_doi', paper.doi),
    metaTag('citation_journal_title', paper.journalRef),
    metaTag('citation_abstract', paper.abstract),
  ]}`;
}
