import { html, type Html } from './html.js';
import { parseQuery } from '../../search/keyword/query-parse.js';
import { termOf, words } from '../../search/keyword/tokenize.js';

const WORD = /[\p{L}\p{N}]+/gu;

/**
 * A function that shows text with the words a query matched wrapped in <mark>. Words are
 * compared the way the index compares them (lower-cased, accents removed, stemmed), so
 * "transformers" marks "Transformer". The text is split into words and gaps and each piece is
 * escaped on its own: no query or text can inject markup.
 */
export function highlighter(query: string): (text: string) => Html {
  const wanted = new Set(parseQuery(query).scoring.keys());
  if (!wanted.size) return (text) => html`${text}`;
  const matches = (token: string): boolean => words(token).some((w) => {
    const t = termOf(w);
    return t !== null && wanted.has(t);
  });
  return (text) => {
    const parts: Html[] = [];
    let last = 0;
    for (const m of text.matchAll(WORD)) {
      if (!matches(m[0])) continue;
      parts.push(html`${text.slice(last, m.index)}<mark>${m[0]}</mark>`);
      last = m.index! + m[0].length;
    }
    parts.push(html`${text.slice(last)}`);
    return html`${parts}`;
  };
}
