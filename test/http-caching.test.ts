import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { backends, type FreshDb } from './helpers/databases.js';
import { paperRecord } from './helpers/paper-records.js';
import { webAppWith } from './helpers/web-app.js';
import { negotiateEncoding } from '../src/web/http/accept-encoding.js';
import { etagMatches } from '../src/web/http/conditional-get.js';
import { siteAssets } from '../src/web/http/site-assets.js';
import { AssetRegistry } from '../src/web/http/asset-registry.js';
import { CONTENT_SECURITY_POLICY } from '../src/web/security-headers.js';

const RECORDS = Array.from({ length: 8 }, (_, i) =>
  paperRecord(`2501.0000${i}`, { sourceName: 'hf-daily', upvotes: i, abstract: `A long abstract ${'about compression '.repeat(30)}`, listing: { day: '2025-03-18', submittedAt: '2025-03-18T08:00:00.000Z' } }));

describe('content negotiation and validators (units)', () => {
  it('picks brotli, then gzip, honouring q=0 and *', () => {
    assert.equal(negotiateEncoding(undefined), 'identity');
    assert.equal(negotiateEncoding('gzip, deflate, br'), 'br');
    assert.equal(negotiateEncoding('gzip'), 'gzip');
    assert.equal(negotiateEncoding('br;q=0, gzip;q=0.5'), 'gzip');
    assert.equal(negotiateEncoding('gzip;q=1, br;q=0.2'), 'gzip');
    assert.equal(negotiateEncoding('*'), 'br');
    assert.equal(negotiateEncoding('*;q=0'), 'identity');
    assert.equal(negotiateEncoding('identity'), 'identity');
    assert.equal(negotiateEncoding('deflate'), 'identity');
  });

  it('matches an ETag list, weak tags and coded variants of the same body', () => {
    assert.ok(etagMatches('"a", "b"', '"b"'));
    assert.ok(etagMatches('W/"b"', '"b"'));
    assert.ok(etagMatches('"b-br"', '"b"'));
    assert.ok(etagMatches('*', '"b"'));
    assert.ok(!etagMatches('"c"', '"b"'));
  });

  it('names assets by content hash and refuses stale names', () => {
    const r = new AssetRegistry();
    const a = r.add({ name: 'app.js', content: 'one', type: 'text/javascript' });
    assert.match(a, /^\/assets\/app\.[0-9a-f]{12}\.js$/);
    const b = r.add({ name: 'app.js', content: 'two', type: 'text/javascript' });
    assert.notEqual(a, b);
    assert.equal(r.find(a), undefined);
    assert.equal(r.href('app.js'), b);
  });
});

const [sqlite] = backends();
describe('HTTP caching, compression and assets', () => {
  let fresh: FreshDb;
  let app: FastifyInstance;
  before(async () => {
    fresh = await sqlite!.create();
    app = await webAppWith(fresh, RECORDS);
  });
  after(async () => {
    await app.close();
    await fresh.drop();
  });

  it('gives pages a strong ETag and no-cache, and answers 304 with no body when it still matches', async () => {
    const first = await app.inject('/');
    assert.equal(first.statusCode, 200);
    assert.equal(first.headers['cache-control'], 'no-cache');
    const etag = first.headers['etag'] as string;
    assert.match(etag, /^"[A-Za-z0-9_-]{27}"$/);
    for (const inm of [etag, `"zzz", ${etag}`, `W/${etag}`, '*']) {
      const again = await app.inject({ url: '/', headers: { 'if-none-match': inm } });
      assert.equal(again.statusCode, 304, inm);
      assert.equal(again.body, '');
      assert.equal(again.headers['etag'], etag);
      assert.equal(again.headers['content-length'], undefined);
      assert.equal(again.headers['content-security-policy'], CONTENT_SECURITY_POLICY);
    }
    assert.equal((await app.inject({ url: '/', headers: { 'if-none-match': '"other"' } })).statusCode, 200);
    assert.equal((await app.inject({ method: 'HEAD', url: '/', headers: { 'if-none-match': etag } })).statusCode, 304);
  });

  it('uses Last-Modified where the route knows it, with If-None-Match taking precedence', async () => {
    const first = await app.inject('/feeds/daily.atom');
    const lastModified = first.headers['last-modified'] as string;
    assert.equal(lastModified, 'Tue, 18 Mar 2025 08:00:00 GMT');
    assert.equal((await app.inject({ url: '/feeds/daily.atom', headers: { 'if-modified-since': lastModified } })).statusCode, 304);
    assert.equal((await app.inject({ url: '/feeds/daily.atom', headers: { 'if-modified-since': 'Wed, 19 Mar 2025 00:00:00 GMT' } })).statusCode, 304);
    assert.equal((await app.inject({ url: '/feeds/daily.atom', headers: { 'if-modified-since': 'Mon, 17 Mar 2025 00:00:00 GMT' } })).statusCode, 200);
    assert.equal((await app.inject({ url: '/feeds/daily.atom', headers: { 'if-modified-since': 'garbage' } })).statusCode, 200);
    const both = await app.inject({ url: '/feeds/daily.atom', headers: { 'if-modified-since': lastModified, 'if-none-match': '"stale"' } });
    assert.equal(both.statusCode, 200);
  });

  it('compresses with brotli or gzip as asked, marks the ETag per coding and varies on Accept-Encoding', async () => {
    const plain = await app.inject('/');
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.match(plain.headers['vary'] as string, /Accept-Encoding/);
    const br = await app.inject({ url: '/', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    assert.equal(br.headers['content-encoding'], 'br');
    assert.equal(brotliDecompressSync(br.rawPayload).toString('utf8'), plain.body);
    assert.ok(br.rawPayload.length < plain.rawPayload.length / 2);
    assert.equal(br.headers['etag'], (plain.headers['etag'] as string).replace(/"$/, '-br"'));
    const gz = await app.inject({ url: '/feeds/daily.rss', headers: { 'accept-encoding': 'br;q=0, gzip' } });
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.match(gunzipSync(gz.rawPayload).toString('utf8'), /^<\?xml/);
    const revalidated = await app.inject({ url: '/', headers: { 'accept-encoding': 'br', 'if-none-match': br.headers['etag'] as string } });
    assert.equal(revalidated.statusCode, 304);
    assert.equal(revalidated.headers['etag'], br.headers['etag']);
    const small = await app.inject({ url: '/healthz', headers: { 'accept-encoding': 'br' } });
    assert.equal(small.headers['content-encoding'], undefined);
  });

  it('serves hashed assets for a year, precompressed, and the page links them', async () => {
    for (const asset of siteAssets.list()) {
      const res = await app.inject({ url: asset.href, headers: { 'accept-encoding': 'br' } });
      assert.equal(res.statusCode, 200, asset.href);
      assert.equal(res.headers['cache-control'], 'public, max-age=31536000, immutable');
      assert.equal(res.headers['content-type'], asset.type);
      assert.equal(res.headers['content-encoding'], 'br');
      assert.deepEqual(brotliDecompressSync(res.rawPayload), asset.identity);
      const plain = await app.inject(asset.href);
      assert.deepEqual(plain.rawPayload, asset.identity);
      assert.equal((await app.inject({ url: asset.href, headers: { 'if-none-match': plain.headers['etag'] as string } })).statusCode, 304);
    }
    assert.equal((await app.inject('/assets/style.000000000000.css')).statusCode, 404);
    const home = (await app.inject('/')).body;
    const href = /<link rel="stylesheet" href="([^"]+)"/.exec(home)?.[1];
    assert.ok(href, 'the page links a stylesheet');
    const css = await app.inject(href);
    assert.equal(css.statusCode, 200);
    assert.match(css.headers['cache-control'] as string, /max-age=31536000, immutable/);
  });

  it('keeps the security headers on every kind of response', async () => {
    const etag = (await app.inject('/')).headers['etag'] as string;
    const requests = [
      { url: '/' }, { url: '/', headers: { 'if-none-match': etag } }, { url: '/', headers: { 'accept-encoding': 'br' } },
      { url: '/no/such/page' }, { url: siteAssets.list()[0]!.href }, { url: '/feeds/daily.rss' }, { url: '/feeds/search.rss' },
      { url: '/papers/2501.00001.bib' }, { url: '/healthz' },
    ];
    for (const r of requests) {
      const res = await app.inject(r);
      assert.equal(res.headers['content-security-policy'], CONTENT_SECURITY_POLICY, r.url);
      assert.equal(res.headers['x-content-type-options'], 'nosniff', r.url);
      assert.equal(res.headers['x-frame-options'], 'DENY', r.url);
    }
  });

  it('leaves errors and non-GET requests without validators', async () => {
    const missing = await app.inject('/no/such/page');
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.headers['etag'], undefined);
    const bad = await app.inject('/feeds/search.rss?q=');
    assert.equal(bad.headers['etag'], undefined);
    assert.equal(bad.headers['cache-control'], 'no-store');
  });
});
