import { arxivId } from './normalise.js';

/** Hosts whose paper pages are addressed by the arXiv id: arXiv itself and the sites that mirror its ids. */
const PAPER_PAGE = /^(?:https?:\/\/)?(?:www\.|export\.)?(?:arxiv\.org\/(?:abs|pdf|html)|(?:huggingface|hf)\.co\/papers|alphaxiv\.org\/(?:abs|overview))\/(.+)$/i;

/**
 * The arXiv id a search box's whole text names, or null: `2508.14879`, `2508.14879v2`,
 * `arXiv:2508.14879`, `hep-th/9901001`, or the address of its page on arXiv (abstract, PDF or HTML),
 * Hugging Face or alphaXiv. Researchers paste these to open a paper, never to search for the digits.
 */
export function paperReference(text: string): string | null {
  const s = text.trim().replace(/^<(.*)>$/, '$1');
  if (!s || /\s/.test(s)) return null;
  const page = PAPER_PAGE.exec(s);
  if (!page) return arxivId(s);
  // Query strings, fragments and a trailing slash are not part of the id.
  return arxivId(page[1]!.replace(/[?#].*$/, '').replace(/\/$/, ''));
}

/**
 * Every paper a pasted list names (ids or addresses separated by spaces, commas, semicolons or
 * lines), in order and without repeats, and the pieces that name none, so a caller can say which.
 */
export function paperReferences(text: string): { ids: string[]; rejected: string[] } {
  const ids: string[] = [];
  const rejected: string[] = [];
  for (const token of text.split(/[\s,;]+/).filter(Boolean)) {
    const id = paperReference(token);
    if (!id) rejected.push(token);
    else if (!ids.includes(id)) ids.push(id);
  }
  return { ids, rejected };
}
