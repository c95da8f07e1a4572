import type { PaperRow } from '../../model/paper-row.js';
import { arxivPages } from '../views/paper-card.js';
import { paperPath } from '../views/site-paths.js';
import { siteUrl } from './feed-model.js';

/**
 * Backslash-escapes the ASCII punctuation CommonMark gives meaning to, so a title with `*`, `_`,
 * `[x](y)` or `<script>` renders as the characters written, in any Markdown viewer.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
    .replace(/[\\`*_[\]{}()<>#+!|~&$]/g, (c) => `\\${c}`)
    .replace(/^(\s*)(\d+)([.)])/gm, '$1$2\\$3')
    .replace(/^(\s*)([-=])/gm, '$1\\$2');
}

function oneLine(text: string): string {
  return escapeMarkdown(text.replace(/\s+/g, ' ').trim());
}

/** An autolink for an http(s) URL; anything else (javascript:, data:) is dropped. */
function autolink(url: string | null): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    if (u.protocol !== 'https:' && u.protocol !== 'http:') return null;
    return `<${u.toString().replace(/[<>\s]/g, encodeURIComponent)}>`;
  } catch {
    return null;
  }
}

/** A paper as a Markdown note (title, authors, links, abstract) for notes apps and READMEs. */
export function paperMarkdown(paper: PaperRow, baseUrl: string): string {
  const { absUrl, pdfUrl } = arxivPages(paper);
  const out = [`# ${oneLine(paper.title)}`, ''];
  if (paper.authors.length) out.push(`**Authors:** ${oneLine(paper.authors.join(', '))}`, '');
  const facts: string[] = [];
  if (paper.publishedAt) facts.push(`**${paper.publishedFrom === 'listing' ? 'Listed' : 'Published'}:** ${paper.publishedAt.slice(0, 10)}`);
  if (paper.categories.length) facts.push(`**Categories:** ${oneLine(paper.categories.join(', '))}`);
  if (paper.journalRef) facts.push(`**Journal:** ${oneLine(paper.journalRef)}`);
  if (paper.doi) facts.push(`**DOI:** ${oneLine(paper.doi)}`);
  if (paper.comment) facts.push(`**Comment:** ${oneLine(paper.comment)}`);
  if (facts.length) out.push(facts.join('  \n'), '');
  const links = [
    ['arXiv', absUrl],
    ['PDF', pdfUrl],
    ['Code', paper.githubRepo],
    ['Project page', paper.projectPage],
    ['paperboy', siteUrl(baseUrl, paperPath(paper.paperId))],
  ] as const;
  for (const [label, url] of links) {
    const link = autolink(url);
    if (link) out.push(`- ${label}: ${link}`);
  }
  out.push('');
  if (paper.abstract) {
    out.push('## Abstract', '');
    for (const para of paper.abstract.split(/\n\s*\n/)) out.push(escapeMarkdown(para.replace(/\s+/g, ' ').trim()), '');
  }
  return `${out.join('\n').trimEnd()}\n`;
}
