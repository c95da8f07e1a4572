import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { brotliDecompressSync } from 'node:zlib';
import Fastify, { type FastifyInstance } from 'fastify';
import { backends, type FreshDb } from './helpers/databases.js';
import { paperRecord } from './helpers/paper-records.js';
import { webAppWith } from './helpers/web-app.js';
import { upsertRecords } from '../src/store/papers-write.js';
import { bumpDataVersion, readDataVersion } from '../src/store/data-version.js';
import { KeywordIndex } from '../src/search/keyword/keyword-index.js';
import { PageCache, type CachedPage } from '../src/web/http/page-cache.js';
import { pageCaching } from '../src/web/http/page-caching.js';
import { CONTENT_SECURITY_POLICY } from '../src/web/security-headers.js';

const day = (i: number): string => `2025-03-${String(10 + i).padStart(2, '0')}`;
const RECORDS = Array.from({ length: 4 }, (_, i) => paperRecord(`2502.0000${i}`, {
  sourceName: 'hf-daily', title: `Cached title ${i}`, upvotes: i, listing: { day: day(0), submittedAt: `${day(0)}T08:00:00.000Z` },
}));

function page(bytes: number, version = 'v'): CachedPage {
  return { headers: {}, body: Buffer.alloc(bytes), version, storedAt: 0 };
}

describe('page cache (units)', () => {
  it('drops least recently used pages once over its byte limit', () => {
    const cache = new PageCache({ maxBytes: 8 * 2000, maxAgeMs: 60_000, now: () => 0 });
    cache.sync('v');
    for (const k of ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']) cache.set(k, page(1400));
    assert.ok(cache.get('a'), 'a is used again, so b is now the oldest');
    cache.set('i', page(1400));
    assert.ok(cache.bytes <= 8 * 2000);
    assert.equal(cache.get('b'), undefined);
    assert.ok(cache.get('a'));
    assert.ok(cache.get('i'));
  });

  it('forgets everything when the version moves, and keeps no render of an older version', () => {
    const cache = new PageCache({ maxBytes: 1 << 20, maxAgeMs: 60_000, now: () => 0 });
    cache.sync('1');
    cache.set('a', page(10, '1'));
    cache.sync('2');
    assert.equal(cache.get('a'), undefined);
    cache.set('a', page(10, '1'));
    assert.equal(cache.count, 0);
  });

  it('expires entries older than the maximum age', () => {
    let t = 0;
    const cache = new PageCache({ maxBytes: 1 << 20, maxAgeMs: 1000, now: () => t });
    cache.sync('v');
    cache.set('a', page(10));
    t = 1001;
    assert.equal(cache.get('a'), undefined);
  });
});

for (const backend of backends()) {
  describe(`page cache in the site (${backend.name})`, () => {
    let fresh: FreshDb;
    let app: FastifyInstance;
    before(async () => {
      fresh = await backend.create();
      app = await webAppWith(fresh, RECORDS);
    });
    after(async () => {
      await app.close();
      await fresh.drop();
    });

    it('serves a repeat from memory with every header, and still answers If-None-Match with 304', async () => {
      const first = await app.inject({ url: '/?cache=headers', headers: { 'accept-encoding': 'br' } });
      const again = await app.inject({ url: '/?cache=headers', headers: { 'accept-encoding': 'br' } });
      assert.equal(first.headers['x-page-cache'], 'miss');
      assert.equal(again.headers['x-page-cache'], 'hit');
      assert.equal(again.statusCode, 200);
      assert.equal(again.headers['content-encoding'], 'br');
      assert.equal(brotliDecompressSync(again.rawPayload).toString('utf8'), brotliDecompressSync(first.rawPayload).toString('utf8'));
      for (const h of ['etag', 'cache-control', 'content-type', 'vary', 'x-content-type-options', 'x-frame-options', 'referrer-policy']) {
        assert.equal(again.headers[h], first.headers[h], h);
      }
      assert.equal(again.headers['content-security-policy'], CONTENT_SECURITY_POLICY);
      const revalidated = await app.inject({ url: '/?cache=headers', headers: { 'accept-encoding': 'br', 'if-none-match': String(first.headers.etag) } });
      assert.equal(revalidated.statusCode, 304);
      assert.equal(revalidated.headers['x-page-cache'], 'hit');
      assert.equal(revalidated.body, '');
      assert.equal(revalidated.headers['content-security-policy'], CONTENT_SECURITY_POLICY);
    });

    it('keeps each coding apart', async () => {
      const plain = await app.inject('/?cache=codings');
      const br = await app.inject({ url: '/?cache=codings', headers: { 'accept-encoding': 'br' } });
      const plainAgain = await app.inject('/?cache=codings');
      assert.equal(br.headers['x-page-cache'], 'miss');
      assert.equal(plainAgain.headers['x-page-cache'], 'hit');
      assert.equal(plainAgain.headers['content-encoding'], undefined);
      assert.equal(plainAgain.body, plain.body);
    });

    it('shows an import on the very next request', async () => {
      const before = await app.inject('/papers/2502.00001');
      assert.match(before.body, /Cached title 1/);
      assert.equal((await app.inject('/papers/2502.00001')).headers['x-page-cache'], 'hit');
      const version = await readDataVersion(fresh.db);
      await upsertRecords(fresh.db, [paperRecord('2502.00001', {
        sourceName: 'hf-daily', title: 'Renamed after import', upvotes: 1, versions: [{ version: 2, date: '2025-03-19T10:00:00.000Z' }], listing: { day: day(0), submittedAt: `${day(0)}T08:00:00.000Z` },
      })]);
      assert.notEqual(await readDataVersion(fresh.db), version);
      const after = await app.inject('/papers/2502.00001');
      assert.equal(after.headers['x-page-cache'], 'miss');
      assert.match(after.body, /Renamed after import/);
      assert.doesNotMatch(after.body, /Cached title 1/);
    });

    it('does not move the version for an import that changes nothing', async () => {
      const version = await readDataVersion(fresh.db);
      await upsertRecords(fresh.db, [RECORDS[0]!]);
      assert.equal(await readDataVersion(fresh.db), version);
    });

    it('shows new search results once the keyword index is written', async () => {
      const miss = await app.inject('/search?q=zebrafish');
      assert.match(miss.body, /No papers match/);
      await upsertRecords(fresh.db, [paperRecord('2502.00009', { title: 'Zebrafish fins', listing: { day: day(1) } })]);
      await new KeywordIndex(fresh.db).indexPending();
      const found = await app.inject('/search?q=zebrafish');
      assert.match(found.body.replace(/<[^>]+>/g, ''), /Zebrafish fins/);
    });

    it('never keeps errors or pages marked private', async () => {
      await app.inject('/papers/9999.99999');
      const notFound = await app.inject('/papers/9999.99999');
      assert.equal(notFound.statusCode, 404);
      assert.notEqual(notFound.headers['x-page-cache'], 'hit');
      const health = await app.inject('/healthz');
      assert.equal((await app.inject('/healthz')).headers['x-page-cache'], 'miss');
      assert.equal(health.statusCode, 200);
    });
  });

  describe(`page cache single-flight (${backend.name})`, () => {
    let fresh: FreshDb;
    let app: FastifyInstance;
    let renders = 0;
    before(async () => {
      fresh = await backend.create();
      app = Fastify();
      pageCaching(app, { maxBytes: 1 << 20, maxAgeMs: 60_000, versionTtlMs: 0, readVersion: () => readDataVersion(fresh.db) });
      app.get('/slow', async (_req, reply) => {
        renders++;
        await new Promise((r) => setTimeout(r, 50));
        reply.type('text/plain');
        return `render ${renders}`;
      });
      app.get('/private', async (_req, reply) => {
        renders++;
        reply.header('cache-control', 'private');
        return `render ${renders}`;
      });
      await app.ready();
    });
    after(async () => {
      await app.close();
      await fresh.drop();
    });

    it('renders once for many concurrent misses, and again after a version bump', async () => {
      renders = 0;
      const replies = await Promise.all(Array.from({ length: 10 }, () => app.inject('/slow')));
      assert.equal(renders, 1);
      assert.ok(replies.every((r) => r.statusCode === 200 && r.body === 'render 1'));
      const hit = await app.inject('/slow');
      assert.equal(hit.headers['x-page-cache'], 'hit');
      assert.equal(hit.body, 'render 1');
      assert.equal(renders, 1, 'a hit does not run the route');
      await fresh.db.transaction((tx) => bumpDataVersion(tx));
      assert.equal((await app.inject('/slow')).body, 'render 2');
    });

    it('renders private pages every time, even when asked for at once', async () => {
      renders = 0;
      await Promise.all(Array.from({ length: 3 }, () => app.inject('/private')));
      await app.inject('/private');
      assert.equal(renders, 4);
    });
  });
}
