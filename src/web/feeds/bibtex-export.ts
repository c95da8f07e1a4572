import type { PaperRow } from '../../model/paper-row.js';
import { arxivPages } from '../views/paper-card.js';
import { arxivMonth } from '../../model/normalise.js';

const SPECIAL: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '{': '\\{',
  '}': '\\}',
  '%': '\\%',
  '&': '\\&',
  '#': '\\#',
  $: '\\$',
  _: '\\_',
  '^': '\\^{}',
  '~': '\\textasciitilde{}',
};

/**
 * Makes text safe inside a braced BibTeX field: an unbalanced brace ends the field (or the
 * file), `%` starts a comment, and `&`, `#`, `$`, `_`, `^` are LaTeX syntax. Everything is shown
 * as written; control characters go.
 */
export function escapeBibtex(text: string): string {
  return text
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .replace(/[\\{}%&#$_^~]/g, (c) => SPECIAL[c]!)
    .replace(/\s+/g, ' ')
    .trim();
}

/** For fields styles print verbatim (doi, url, eprint): only what would break the entry is removed. */
export function verbatimBibtex(text: string): string {
  return text.replace(/[{}\\\s\u0000-\u001f\u007f]/g, '');
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const SKIP_WORDS = new Set(['a', 'an', 'the', 'on', 'of', 'for', 'and', 'in', 'to', 'with', 'towards', 'toward']);

function ascii(text: string): string {
  return text.normalize('NFKD').replace(/[^A-Za-z0-9]/g, '').toLowerCase();
}

/**
 * The year and month to cite (YYYY-MM): the publication date's, but the month of the arXiv id when
 * only a daily listing dated the paper (listed in early January, submitted in December) or nothing
 * did; null when neither is known.
 */
function citedMonth(paper: PaperRow): string | null {
  if (paper.publishedAt && paper.publishedFrom !== 'listing') return paper.publishedAt.slice(0, 7);
  return arxivMonth(paper.paperId) ?? paper.publishedAt?.slice(0, 7) ?? null;
}

/**
 * A citation key like `lovelace2025analytical`: first author's last name, year, first real title
 * word; `arxiv` and the id when no author is named (a year and a word alone identify nothing).
 */
export function citationKey(paper: PaperRow): string {
  const last = ascii(paper.authors[0]?.trim().split(/\s+/).pop() ?? '');
  const year = citedMonth(paper)?.slice(0, 4) ?? '';
  const word = paper.title.split(/\s+/).map(ascii).find((w) => w.length > 0 && !SKIP_WORDS.has(w)) ?? '';
  const key = `${last}${year}${word}`;
  return last && key.length >= 4 ? key : `arxiv${ascii(paper.paperId)}`;
}

/** One author for an `and`-separated list; a name containing " and " is braced so it stays one name. */
function authorName(name: string): string {
  const escaped = escapeBibtex(name);
  return /\sand\s/i.test(escaped) ? `{${escaped}}` : escaped;
}

/**
 * A BibTeX entry: `@article` when the paper has a journal reference, `@misc` otherwise, with the
 * arXiv `eprint`/`archivePrefix`/`primaryClass` fields biblatex and natbib styles understand.
 * `key` replaces the citation key (a file of several papers keeps its keys apart).
 */
export function paperBibtex(paper: PaperRow, key = citationKey(paper)): string {
  const { absUrl } = arxivPages(paper);
  const isArxiv = !paper.paperId.includes(':');
  const fields: Array<[string, string]> = [['title', `{${escapeBibtex(paper.title)}}`]];
  if (paper.authors.length) fields.push(['author', `{${paper.authors.map(authorName).join(' and ')}}`]);
  if (paper.journalRef) fields.push(['journal', `{${escapeBibtex(paper.journalRef)}}`]);
  const cited = citedMonth(paper);
  if (cited) {
    fields.push(['year', `{${cited.slice(0, 4)}}`]);
    const month = MONTHS[Number(cited.slice(5, 7)) - 1];
    if (month) fields.push(['month', month]);
  }
  if (isArxiv) {
    fields.push(['eprint', `{${verbatimBibtex(paper.paperId)}}`], ['archivePrefix', '{arXiv}']);
    if (paper.primaryCategory) fields.push(['primaryClass', `{${escapeBibtex(paper.primaryCategory)}}`]);
  }
  if (paper.doi) fields.push(['doi', `{${verbatimBibtex(paper.doi)}}`]);
  if (absUrl && /^https?:\/\//.test(absUrl)) fields.push(['url', `{${verbatimBibtex(absUrl)}}`]);
  const type = paper.journalRef ? 'article' : 'misc';
  const width = Math.max(...fields.map(([k]) => k.length));
  return `@${type}{${key},\n${fields.map(([k, v]) => `  ${k.padEnd(width)} = ${v}`).join(',\n')}\n}\n`;
}
