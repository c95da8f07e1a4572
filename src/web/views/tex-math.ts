import katex from 'katex';
import { Html } from './html.js';
import { unicodeMathVariants } from './math-variants.js';

/**
 * KaTeX settings for text from the outside world. MathML output only: browsers lay it out natively,
 * with no stylesheet or fonts to serve and no inline styles (which the site's Content-Security-Policy
 * refuses). `trust: false` keeps \href, \url and \html* commands inert; the limits stop a macro bomb
 * or a page-sized \rule.
 */
const OPTIONS = Object.freeze({
  output: 'mathml' as const,
  throwOnError: true,
  trust: false,
  strict: 'ignore' as const,
  maxExpand: 500,
  maxSize: 10,
});

/** Memo of recent formulas: the same abstract is rendered on its card, its page and in similar lists. */
const memo = new Map<string, Html | null>();
const MEMO_LIMIT = 5_000;

/**
 * A TeX formula as MathML (its TeX source kept as the annotation, for copying and screen readers),
 * or null when KaTeX cannot read it, so the caller shows the source as written instead.
 */
export function mathMarkup(tex: string, display: boolean): Html | null {
  const key = `${display ? 'D' : 'I'}${tex}`;
  const hit = memo.get(key);
  if (hit !== undefined) return hit;
  let out: Html | null;
  try {
    // KaTeX escapes every character of the source it emits; its output is markup we may embed.
    out = new Html(unicodeMathVariants(katex.renderToString(tex, { ...OPTIONS, displayMode: display })));
  } catch {
    out = null;
  }
  if (memo.size >= MEMO_LIMIT) memo.delete(memo.keys().next().value!);
  memo.set(key, out);
  return out;
}
