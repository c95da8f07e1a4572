import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ASSET_PREFIX, type AssetRegistry } from './asset-registry.js';
import { negotiateEncoding } from './accept-encoding.js';
import { etagForEncoding } from './compression.js';
import { addVary } from './vary.js';

/** A year: the longest lifetime caches honour; the URL changes whenever the content does. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Serves every registered asset under /assets/ with its precompressed bytes and a one-year
 * immutable lifetime. A stale hash is a 404 rather than the new content, so a year-long cache
 * entry can never hold bytes that do not match its URL.
 */
export function staticAssets(app: FastifyInstance, registry: AssetRegistry): void {
  app.get(`${ASSET_PREFIX}:file`, async (req: FastifyRequest, reply: FastifyReply) => {
    const asset = registry.find(req.url.split('?')[0]!);
    if (!asset) return reply.callNotFound();
    const encoding = negotiateEncoding(req.headers['accept-encoding']);
    reply.type(asset.type).header('cache-control', IMMUTABLE);
    addVary(reply, 'Accept-Encoding');
    reply.header('etag', etagForEncoding(asset.etag, encoding));
    if (encoding === 'identity') return asset.identity;
    reply.header('content-encoding', encoding);
    return encoding === 'br' ? asset.br : asset.gzip;
  });
}
