/**
 * The site's own URLs, built in one place so every page links the same way. Ids and names are
 * percent-encoded per path segment; old-style arXiv ids (`hep-th/9901001`) keep their slash,
 * which the paper route accepts both as is and encoded.
 */

function segment(text: string): string {
  return encodeURIComponent(text);
}

/** `/papers/2501.00001`, `/papers/hep-th/9901001`. */
export function paperPath(paperId: string): string {
  return `/papers/${paperId.split('/').map(segment).join('/')}`;
}

/** The page of everything one author wrote. */
export function authorPath(name: string): string {
  return `/authors/${segment(name)}`;
}

/** The page of an organization (by its slug). */
export function orgPath(name: string): string {
  return `/orgs/${segment(name)}`;
}

/** Every paper of every account with this full name: the search page's organization filter without words. */
export function orgNamePath(fullname: string): string {
  return withQuery('/search', { org: fullname });
}

/** The form that adds a paper the site lacks, by its arXiv id (pages/paper-add.ts). */
export function addPaperPath(arxivId: string): string {
  return withQuery('/papers/add', { id: arxivId });
}

/** The page of an arXiv category. */
export function categoryPath(category: string): string {
  return `/categories/${segment(category)}`;
}

/** A path with a query string; empty, null and undefined values are left out. */
export function withQuery(path: string, params: Record<string, string | number | null | undefined | false>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === null || v === undefined || v === false || v === '') continue;
    q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}
