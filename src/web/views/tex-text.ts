import { html, trusted, type Html } from './html.js';
import { mathMarkup } from './tex-math.js';
import { texPlain } from './tex-plain.js';

/** How the plain stretches between formulas are shown: escaped, highlighted or with links. */
export type PlainText = (text: string) => Html;

// Text-mode commands authors leave in arXiv abstracts, and the element each becomes.
const TEXT_COMMANDS: Readonly<Record<string, string>> = { textbf: 'strong', textit: 'em', emph: 'em', texttt: 'code', textsc: 'span class="sc"' };
const COMMAND = /\\(textbf|textit|emph|texttt|textsc)\{/g;

/** Index of the `}` closing the group opened just before `from`, or -1 when it never closes. */
function closingBrace(text: string, from: number): number {
  let depth = 1;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i;
  }
  return -1;
}

/**
 * Where the next formula is: `$$…$$`, `\[…\]`, `\(…\)` or `$…$`. A single `$` opens only before a
 * non-space and closes only after a non-space and not before a digit (Pandoc's rule), so prices
 * ("$5 and $10") stay text; `\$` is a dollar sign.
 */
function nextMath(text: string, from: number): { start: number; end: number; tex: string; display: boolean } | null {
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') {
      const pair = text[i + 1] === '(' ? '\\)' : text[i + 1] === '[' ? '\\]' : null;
      if (pair) {
        const close = text.indexOf(pair, i + 2);
        if (close > i + 2) return { start: i, end: close + 2, tex: text.slice(i + 2, close), display: pair === '\\]' };
      }
      i++;
      continue;
    }
    if (c !== '$') continue;
    if (text[i + 1] === '$') {
      const close = text.indexOf('$$', i + 2);
      if (close > i + 2) return { start: i, end: close + 2, tex: text.slice(i + 2, close), display: true };
      i++;
      continue;
    }
    if (!text[i + 1] || /\s/.test(text[i + 1]!)) continue;
    for (let j = i + 1; j < text.length; j++) {
      if (text[j] === '\\') { j++; continue; }
      if (text[j] !== '$') continue;
      if (/\s/.test(text[j - 1]!) || /\d/.test(text[j + 1] ?? '')) break;
      return { start: i, end: j + 1, tex: text.slice(i + 1, j), display: false };
    }
  }
  return null;
}

/** The next \textbf{…}-style command whose group closes: where it starts, its element and its contents. */
function nextCommand(text: string, from: number): { start: number; end: number; tag: string; inner: string } | null {
  COMMAND.lastIndex = from;
  for (let m = COMMAND.exec(text); m; m = COMMAND.exec(text)) {
    const open = m.index + m[0].length;
    const close = closingBrace(text, open);
    if (close >= 0) return { start: m.index, end: close + 1, tag: TEXT_COMMANDS[m[1]!]!, inner: text.slice(open, close) };
  }
  return null;
}

/**
 * Text as arXiv abstracts and titles write it, readable: formulas become MathML (typeset by the
 * browser, TeX kept as their annotation) and \textbf, \textit, \emph, \texttt and \textsc become
 * bold, italic, code and small capitals, whichever starts first (a command inside a formula is the
 * formula's). The text between them loses its text-mode markup (`\%`, ``` ``quotes'' ```, `~`, see
 * texPlain) and goes through `plain`, escaped; a formula KaTeX cannot read is shown as written.
 */
export function texText(text: string, plain: PlainText): Html {
  const parts: Html[] = [];
  let at = 0;
  for (;;) {
    const math = nextMath(text, at);
    const cmd = nextCommand(text, at);
    if (!math && !cmd) break;
    if (cmd && (!math || cmd.start < math.start)) {
      // Element names come from TEXT_COMMANDS, a constant of this file, never from the text.
      parts.push(plain(texPlain(text.slice(at, cmd.start))), html`${trusted(`<${cmd.tag}>`)}${texText(cmd.inner, plain)}${trusted(`</${cmd.tag.split(' ')[0]}>`)}`);
      at = cmd.end;
      continue;
    }
    const m = math!;
    parts.push(plain(texPlain(text.slice(at, m.start))), mathMarkup(m.tex, m.display) ?? plain(text.slice(m.start, m.end)));
    at = m.end;
  }
  parts.push(plain(texPlain(text.slice(at))));
  return html`${parts}`;
}
