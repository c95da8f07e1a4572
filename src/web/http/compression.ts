import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { isCompressible, negotiateEncoding, type Encoding } from './accept-encoding.js';
import { addVary } from './vary.js';

const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Bodies smaller than this gain too little from compression to pay for it. */
export const MIN_COMPRESS_BYTES = 1024;
const CACHE_ENTRIES = 256;
const CACHE_MAX_BODY = 512 * 1024;

/** Compressed bodies by ETag and coding: the same page is asked for again and again between changes. */
const cache = new Map<string, Buffer>();

async function encode(body: Buffer, encoding: Exclude<Encoding, 'identity'>, etag: string | undefined): Promise<Buffer> {
  const key = etag ? `${encoding} ${etag}` : undefined;
  const hit = key ? cache.get(key) : undefined;
  if (hit) return hit;
  // Quality 5 brotli is about as fast as gzip -6 and still smaller; level 11 is for static assets only.
  const out = encoding === 'br'
    ? await brotliAsync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } })
    : await gzipAsync(body, { level: 6 });
  if (key && body.length <= CACHE_MAX_BODY) {
    if (cache.size >= CACHE_ENTRIES) cache.delete(cache.keys().next().value!);
    cache.set(key, out);
  }
  return out;
}

/** `"abc"` becomes `"abc-br"`: each coding of a body is a different representation (RFC 9110 §8.8.3). */
export function etagForEncoding(etag: string, encoding: Encoding): string {
  if (encoding === 'identity' || !etag.endsWith('"')) return etag;
  return `${etag.slice(0, -1)}-${encoding === 'br' ? 'br' : 'gz'}"`;
}

function header(reply: FastifyReply, name: string): string | undefined {
  const v = reply.getHeader(name);
  return v == null ? undefined : String(v);
}

/**
 * Compresses text responses with brotli or gzip as the client asks. Runs after the ETag hook, so
 * the ETag is computed on the plain body and then marked with the coding; responses that carry
 * their own Content-Encoding (precompressed assets) and streams pass through untouched.
 */
export function compression(app: FastifyInstance): void {
  app.addHook('onSend', async (req, reply, payload) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return payload;
    if (!isCompressible(header(reply, 'content-type'))) return payload;
    if (header(reply, 'content-encoding')) return payload;
    addVary(reply, 'Accept-Encoding');
    const encoding = negotiateEncoding(req.headers['accept-encoding']);
    if (encoding === 'identity') return payload;
    const etag = header(reply, 'etag');
    if (reply.statusCode === 304) {
      if (etag) reply.header('etag', etagForEncoding(etag, encoding));
      return payload;
    }
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
    const body = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
    if (body.length < MIN_COMPRESS_BYTES) return payload;
    const out = await encode(body, encoding, reply.statusCode === 200 ? etag : undefined);
    reply.header('content-encoding', encoding);
    reply.removeHeader('content-length');
    if (etag) reply.header('etag', etagForEncoding(etag, encoding));
    return out;
  });
}
