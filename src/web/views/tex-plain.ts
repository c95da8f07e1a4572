// LaTeX's text-mode spellings that arXiv abstracts keep (3,772 of 80,317 papers on a real instance
// write "56.0\%"), and the characters a reader expects in their place.
const ESCAPED = /\\([%&_#{}$])/g;
// \url{…} is just its address; \href{address}{text} is the text followed by its address, so the
// address stays visible (and a link on paper pages). A group that never closes is left as written.
const URL_COMMAND = /\\url\{([^{}\s]+)\}/g;
const HREF_COMMAND = /\\href\{([^{}\s]+)\}\{([^{}]*)\}/g;
// `` opens a double quote and '' closes it (after a word or punctuation: the empty string '' after a
// space stays).
const OPEN_QUOTE = /``/g;
const CLOSE_QUOTE = /(?<=\S)''/g;
// A tie joins two words without a break ("Fig.~3", "code~\url{…}"); a tilde after a slash is part of
// an address ("https://x.org/~user") and stays.
const TIE = /(?<=[\p{L}\p{N}.,:;)\]])~(?=[\p{L}\p{N}\\([])/gu;
const TIE_BEFORE_ADDRESS = /(?<=[\p{L}\p{N}.,:;)\]])~$/u;
// Dashes: "1--10" is a range (en dash), "---" between words an em dash. "--flag" stays.
const RANGE_DASH = /(?<=\d)--(?=\d)/g;
const EM_DASH = /(?<=[\p{L}\p{N} ])---(?=[\p{L}\p{N} ])/gu;
// Addresses in the text keep their characters as written (a tilde or dashes in a path).
const ADDRESS = /https?:\/\/\S+/g;

/** Typographic replacements applied to the text between addresses only. */
function typeset(text: string): string {
  return text
    .replace(TIE, '\u00a0')
    .replace(RANGE_DASH, '\u2013')
    .replace(EM_DASH, '\u2014')
    .replace(OPEN_QUOTE, '\u201c')
    .replace(CLOSE_QUOTE, '\u201d');
}

/**
 * The plain stretch of an abstract or title (between formulas and \textbf-style groups) with
 * LaTeX's text-mode markup turned into the characters it stands for: `\%` is "%", `` ``a'' `` is
 * “a”, `~` a no-break space, `--` between digits an en dash, `\url{x}` is x. Anything else, and
 * any malformed group, is left exactly as written; escaping for HTML happens after this.
 */
export function texPlain(text: string): string {
  if (!/[\\`'~-]/.test(text)) return text;
  const unescaped = text
    .replace(URL_COMMAND, (_all, url: string) => url.replace(ESCAPED, '$1'))
    .replace(HREF_COMMAND, (_all, url: string, label: string) => {
      const address = url.replace(ESCAPED, '$1');
      const words = label.trim();
      return words === '' || words.replace(ESCAPED, '$1') === address ? address : `${words} (${address})`;
    })
    .replace(ESCAPED, '$1');
  let out = '';
  let at = 0;
  for (const m of unescaped.matchAll(ADDRESS)) {
    out += typeset(unescaped.slice(at, m.index)).replace(TIE_BEFORE_ADDRESS, '\u00a0') + m[0];
    at = m.index! + m[0].length;
  }
  return out + typeset(unescaped.slice(at));
}
