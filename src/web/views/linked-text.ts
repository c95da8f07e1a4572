import { html, safeUrl, type Html } from './html.js';

// An address ends at white space or at a character HTML or prose would not leave inside one.
const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>"'`{}|\\^]+/g;
// Punctuation that closes the sentence rather than the address ("see https://x.org/a.").
const TRAILING = /[.,;:!?*'"]+$/;

/** Cuts closing brackets the address did not open: "(code: https://x.org/a)" ends before ")". */
function trimUnbalanced(url: string): string {
  let end = url.length;
  for (const [open, close] of [['(', ')'], ['[', ']']] as const) {
    while (url[end - 1] === close && count(url.slice(0, end), close) > count(url.slice(0, end), open)) end--;
  }
  return url.slice(0, end);
}

function count(s: string, c: string): number {
  let n = 0;
  for (const ch of s) if (ch === c) n++;
  return n;
}

/**
 * Text with the http(s) addresses it contains as links: abstracts announce their code and project
 * pages that way ("Code: https://github.com/..."), and a reader should not have to copy them. Every
 * other character is escaped; links leave the site with rel="nofollow ugc noopener".
 */
export function linkedText(text: string): Html {
  const parts: unknown[] = [];
  let at = 0;
  for (const m of text.matchAll(URL_IN_TEXT)) {
    let url = m[0];
    for (let prev = ''; prev !== url; ) {
      prev = url;
      url = trimUnbalanced(url.replace(TRAILING, ''));
    }
    const href = safeUrl(url);
    if (href === '#') continue; // not a usable address (a bare "https://", a bad host): left as text
    parts.push(text.slice(at, m.index), html`<a href="${href}" rel="nofollow ugc noopener">${url}</a>`);
    at = m.index! + url.length;
  }
  parts.push(text.slice(at));
  return html`${parts}`;
}
