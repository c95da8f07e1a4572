import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** A strong validator: the same bytes always give the same tag, any change gives another. */
export function strongEtag(body: string | Buffer): string {
  return `"${createHash('sha1').update(body).digest('base64url')}"`;
}

/** Strips a coding suffix (`-br`, `-gz`) and the weak marker so every variant matches its body. */
function opaque(tag: string): string {
  const t = tag.trim().replace(/^W\//, '');
  return t.replace(/-(br|gz)"$/, '"');
}

/** Whether an If-None-Match header names the current representation (RFC 9110 §13.1.2, weak comparison). */
export function etagMatches(ifNoneMatch: string, etag: string): boolean {
  if (ifNoneMatch.trim() === '*') return true;
  const current = opaque(etag);
  return ifNoneMatch.split(',').some((t) => opaque(t) === current);
}

/** Sets Last-Modified from an ISO timestamp or Date (ignored when unparseable), for routes that know it. */
export function setLastModified(reply: FastifyReply, when: string | Date | null | undefined): void {
  if (!when) return;
  const t = typeof when === 'string' ? Date.parse(when) : when.getTime();
  if (Number.isNaN(t)) return;
  reply.header('last-modified', new Date(Math.min(t, Date.now())).toUTCString());
}

function notModifiedSince(since: string | undefined, modified: unknown): boolean {
  if (!since || modified == null) return false;
  const s = Date.parse(since);
  const m = Date.parse(String(modified));
  return !Number.isNaN(s) && !Number.isNaN(m) && Math.floor(m / 1000) <= Math.floor(s / 1000);
}

/**
 * Whether the client's copy is current, given the response's ETag and Last-Modified: the one rule
 * for 304s, shared by rendered replies and the page cache. If-None-Match wins over If-Modified-Since.
 */
export function clientIsFresh(req: FastifyRequest, etag: unknown, lastModified: unknown): boolean {
  const ifNoneMatch = req.headers['if-none-match'];
  if (ifNoneMatch) return etag != null && etagMatches(ifNoneMatch, String(etag));
  return notModifiedSince(req.headers['if-modified-since'], lastModified);
}

/**
 * Makes repeat visits cheap: every successful GET gets a strong ETag of its body (unless the route
 * set one) and `Cache-Control: no-cache` unless the route chose its own, so browsers and proxies
 * revalidate and get a bodiless 304 when nothing changed. If-None-Match wins over If-Modified-Since.
 */
export function conditionalGet(app: FastifyInstance): void {
  app.addHook('onSend', async (req, reply, payload) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return payload;
    if (reply.statusCode !== 200) return payload;
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-cache');
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
    if (!reply.hasHeader('etag')) reply.header('etag', strongEtag(payload));
    if (!clientIsFresh(req, reply.getHeader('etag'), reply.getHeader('last-modified'))) return payload;
    reply.code(304);
    reply.removeHeader('content-length');
    // Fastify's HEAD handler measures the payload it is given (and fails on null); it sends no body anyway.
    return req.method === 'HEAD' ? payload : null;
  });
}
