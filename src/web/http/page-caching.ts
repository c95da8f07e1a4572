import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { negotiateEncoding } from './accept-encoding.js';
import { clientIsFresh } from './conditional-get.js';
import { PageCache, type CachedPage, type PageCacheLimits } from './page-cache.js';

/** How the cache learns the data version, and how long one read may be reused. */
export interface PageCachingOptions extends PageCacheLimits {
  readVersion: () => Promise<string>;
  /** 0: one read per request. Otherwise a page may lag a write by at most this many milliseconds. */
  versionTtlMs: number;
}

/** Longer URLs are rendered every time: nobody links them, and they would only crowd the cache. */
const MAX_URL = 2048;

interface Lead {
  key: string;
  version: string;
  settle: (page: CachedPage | null) => void;
}

/** A version read shared for `ttlMs`, measured from when the read started (the conservative end). */
function versionReader(read: () => Promise<string>, ttlMs: number, now: () => number): () => Promise<string> {
  if (ttlMs <= 0) return read;
  let last: { at: number; value: Promise<string> } | null = null;
  return () => {
    const t = now();
    if (last && t - last.at <= ttlMs) return last.value;
    const value = read();
    last = { at: t, value };
    value.catch(() => { last = null; });
    return value;
  };
}

/**
 * Only plain GETs: no credentials and nothing the response could depend on besides the URL and
 * the coding (the site sets no cookies; a route that starts to must mark its replies private).
 */
function cacheableRequest(req: FastifyRequest): boolean {
  return req.method === 'GET' && req.url.length <= MAX_URL && !req.headers.authorization && !req.url.startsWith('/assets/');
}

/** Whether a finished reply may be served to anyone else who asks for the same URL. */
function storable(reply: FastifyReply, payload: unknown): payload is string | Buffer {
  if (reply.statusCode !== 200) return false;
  if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return false;
  if (reply.hasHeader('set-cookie')) return false;
  if (/private|no-store/i.test(String(reply.getHeader('cache-control') ?? ''))) return false;
  const vary = String(reply.getHeader('vary') ?? '').split(',').map((v) => v.trim().toLowerCase()).filter(Boolean);
  return vary.every((v) => v === 'accept-encoding');
}

function snapshot(reply: FastifyReply, body: string | Buffer, version: string, storedAt: number): CachedPage {
  const headers = { ...reply.getHeaders() };
  delete headers['content-length'];
  return { headers, body: Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8'), version, storedAt };
}

/**
 * Writes a kept page straight to the socket: its headers already hold everything the onSend hooks
 * added (security headers, ETag, coding), so only the 304 decision is made again, by the same rule.
 */
function sendHit(req: FastifyRequest, reply: FastifyReply, page: CachedPage): void {
  reply.hijack();
  if (clientIsFresh(req, page.headers['etag'], page.headers['last-modified'])) {
    reply.raw.writeHead(304, { ...page.headers, 'x-page-cache': 'hit' });
    reply.raw.end();
    return;
  }
  reply.raw.writeHead(200, { ...page.headers, 'content-length': page.body.length, 'x-page-cache': 'hit' });
  reply.raw.end(page.body);
}

/**
 * Serves repeated GETs from memory while the data version stays the same. Register after every
 * other onSend hook (security headers, ETag, compression): a page is kept exactly as it was sent,
 * headers included, and a hit is written from that copy without running the route or the hooks
 * again (If-None-Match and If-Modified-Since still get a 304). Replies are marked
 * `x-page-cache: miss|hit`, so which path served them is visible.
 */
export function pageCaching(app: FastifyInstance, options: PageCachingOptions): PageCache {
  const cache = new PageCache(options);
  const now = options.now ?? Date.now;
  const readVersion = versionReader(options.readVersion, options.versionTtlMs, now);
  const leads = new WeakMap<FastifyRequest, Lead>();
  const abandon = (req: FastifyRequest): void => {
    leads.get(req)?.settle(null);
    leads.delete(req);
  };

  app.addHook('onRequest', async (req, reply) => {
    if (options.maxBytes <= 0 || !cacheableRequest(req)) return;
    let version: string;
    try {
      version = await readVersion();
    } catch (err) {
      req.log.warn({ err }, 'page cache: cannot read the data version; rendering instead');
      return;
    }
    cache.sync(version);
    const key = `${negotiateEncoding(req.headers['accept-encoding'])} ${req.url}`;
    let page = cache.get(key);
    if (!page) {
      // Checked and claimed without an await in between, so exactly one request leads.
      const running = cache.pending(version, key);
      if (!running) {
        leads.set(req, { key, version, settle: cache.lead(version, key) });
        return;
      }
      page = (await running) ?? undefined;
      if (!page) return;
    }
    sendHit(req, reply, page);
  });

  app.addHook('onSend', async (req, reply, payload) => {
    const lead = leads.get(req);
    if (!lead) return payload;
    leads.delete(req);
    const page = storable(reply, payload) ? snapshot(reply, payload, lead.version, now()) : null;
    if (page) cache.set(lead.key, page);
    lead.settle(page);
    reply.header('x-page-cache', 'miss');
    return payload;
  });
  app.addHook('onResponse', async (req) => abandon(req));
  app.addHook('onRequestAbort', async (req) => abandon(req));
  return cache;
}
