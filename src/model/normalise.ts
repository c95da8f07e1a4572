/**
 * Text clean-up shared by every adapter, so that the same paper from two sources compares equal.
 */

const BLANK_LINE = /\n[ \t\r]*\n/;
const SPACE_RUN = /\s{2,}|[\t\n\r\f\v\u00a0\u2000-\u200a\u2028\u2029\u3000]/;

/** Collapses whitespace runs to one space and trims; returns the text itself when already clean. */
function collapseSpaces(text: string): string {
  const t = text.trim();
  return SPACE_RUN.test(t) ? t.replace(/\s+/g, ' ') : t;
}

/** Joins arXiv's hard-wrapped lines and collapses runs of spaces, keeping blank-line paragraph breaks. */
export function normaliseText(text: string | null | undefined): string | null {
  if (text == null) return null;
  if (!BLANK_LINE.test(text)) {
    // One paragraph (nearly every abstract): a single pass is enough.
    const t = collapseSpaces(text);
    return t.length ? t : null;
  }
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n+/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter((p) => p.length > 0);
  return paragraphs.length ? paragraphs.join('\n\n') : null;
}

/** A one-line title: wraps and double spaces removed. */
export function normaliseTitle(text: string | null | undefined): string | null {
  if (text == null) return null;
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length ? t : null;
}

const NEW_STYLE = /^(\d{4}\.\d{4,5})(v\d+)?$/;
const OLD_STYLE = /^([a-z][a-z.-]*(?:\.[A-Z]{2})?\/\d{7})(v\d+)?$/i;

/**
 * The arXiv id without version from anything that carries one: `2510.24801v2`,
 * `arXiv:2510.24801`, `oai:arXiv.org:hep-th/9901001`, `http://arxiv.org/abs/2510.24801v1`.
 * Returns null when the text holds no arXiv id.
 */
export function arxivId(text: string | null | undefined): string | null {
  if (!text) return null;
  let s = text.trim();
  s = s.replace(/^https?:\/\/(export\.|www\.)?arxiv\.org\/(abs|pdf)\//i, '');
  s = s.replace(/^oai:arXiv\.org:/i, '').replace(/^arXiv:/i, '').replace(/\.pdf$/i, '');
  const m = NEW_STYLE.exec(s) ?? OLD_STYLE.exec(s);
  return m ? m[1]! : null;
}

/** The version number in `2510.24801v3` (3), or null. */
export function arxivVersion(text: string | null | undefined): number | null {
  const m = /v(\d+)$/.exec(text?.trim() ?? '');
  return m ? Number(m[1]) : null;
}

/** Canonical links for an arXiv paper: the abstract page and the PDF (linked, never mirrored). */
export function arxivLinks(id: string): { absUrl: string; pdfUrl: string } {
  return { absUrl: `https://arxiv.org/abs/${id}`, pdfUrl: `https://arxiv.org/pdf/${id}` };
}

/** Parses a date in any form sources use into ISO-8601 UTC, or null when it is not a date. */
export function isoDate(text: string | null | undefined): string | null {
  if (!text) return null;
  const t = Date.parse(text);
  if (Number.isNaN(t)) return null;
  return new Date(t).toISOString();
}

/**
 * The month an arXiv id was assigned, `YYYY-MM`: arXiv numbers papers by the month of their first
 * submission (`2602.05744`: February 2026; `hep-th/9901001`: January 1999). Why: some sources (a
 * daily feed's JSON lines) give no date at all, and the month is still a fact worth showing. Null
 * for anything that is not an arXiv id, or whose month is impossible.
 */
export function arxivMonth(id: string): string | null {
  const m = NEW_STYLE.exec(id) ?? OLD_STYLE.exec(id);
  if (!m || m[2]) return null;
  // YYMM opens the number: the whole new-style id ("2602.05744"), the digits after the slash of an old one.
  const yymm = m[1]!.slice(m[1]!.indexOf('/') + 1, m[1]!.indexOf('/') + 5);
  const yy = Number(yymm.slice(0, 2)), mm = Number(yymm.slice(2));
  if (mm < 1 || mm > 12) return null;
  // arXiv began in August 1991: two-digit years from 91 are the 1990s.
  return `${yy >= 91 ? 1900 + yy : 2000 + yy}-${yymm.slice(2)}`;
}
