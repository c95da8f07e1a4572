import type { DigestPaperView, DigestView } from './digest-view.js';

function wrap(text: string, width = 76, indent = '   '): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + word.length + 1 > width) { lines.push(line); line = word; } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.map((l) => indent + l).join('\n');
}

function paper(p: DigestPaperView, n: number): string {
  const out = [`${n}. ${p.title}`, wrap(p.authors)];
  if (p.organization) out.push(wrap(p.organization));
  if (p.reasons.length) out.push(wrap(`Because you follow: ${p.reasons.join(', ')}`));
  if (p.abstract) out.push('', wrap(p.aiSummary ? `AI summary: ${p.abstract}` : p.abstract));
  out.push('', `   Paper: ${p.links.page}`);
  if (p.links.code) out.push(`   Code:  ${p.links.code}`);
  if (p.links.pdf) out.push(`   PDF:   ${p.links.pdf}`);
  return out.join('\n');
}

/**
 * The plain-text part: what text-only clients and screen readers get, with the same papers and
 * links as the HTML part. Nothing here is interpreted, so paper text goes in as it is.
 */
export function digestText(v: DigestView): string {
  const parts = [`${v.heading}: ${v.periodText}`, ''];
  let n = 1;
  if (v.top.length) {
    parts.push('TOP PAPERS', '');
    for (const p of v.top) parts.push(paper(p, n++), '');
  }
  if (v.forYou.length) {
    parts.push('FOR YOU', '');
    for (const p of v.forYou) parts.push(paper(p, n++), '');
  }
  parts.push('--', `More papers: ${v.siteUrl}`, `Change what you get: ${v.links.preferences}`, `Unsubscribe: ${v.links.unsubscribe}`, '');
  return parts.join('\n');
}
