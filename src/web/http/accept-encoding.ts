/** The content codings the server produces, best first. */
export type Encoding = 'br' | 'gzip' | 'identity';

function qualities(header: string): Map<string, number> {
  const q = new Map<string, number>();
  for (const part of header.split(',')) {
    const [token, ...params] = part.trim().split(';');
    const name = token?.trim().toLowerCase();
    if (!name) continue;
    let weight = 1;
    for (const p of params) {
      const m = /^\s*q\s*=\s*([0-9.]+)\s*$/i.exec(p);
      if (m) weight = Number(m[1]);
    }
    q.set(name, Number.isFinite(weight) ? weight : 0);
  }
  return q;
}

/**
 * Picks the response coding from an Accept-Encoding header (RFC 9110 §12.5.3): brotli when the
 * client takes it, else gzip, else none. `q=0` refuses a coding; `*` stands for any not named.
 */
export function negotiateEncoding(header: string | undefined): Encoding {
  if (!header) return 'identity';
  const q = qualities(header);
  const star = q.get('*');
  const weight = (name: string): number => q.get(name) ?? (name === 'gzip' ? q.get('x-gzip') : undefined) ?? star ?? 0;
  const br = weight('br');
  const gzip = weight('gzip');
  if (br > 0 && br >= gzip) return 'br';
  if (gzip > 0) return 'gzip';
  return 'identity';
}

const COMPRESSIBLE = /^(text\/|application\/(json|xml|javascript|rss\+xml|atom\+xml|problem\+json|x-bibtex)|image\/svg\+xml)/i;

/** Whether a Content-Type is text worth compressing (images and archives already are compressed). */
export function isCompressible(contentType: string | undefined): boolean {
  return !!contentType && COMPRESSIBLE.test(contentType);
}
