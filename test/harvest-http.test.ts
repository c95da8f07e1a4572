import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fetchText, retryAfterMs } from '../src/ingest/http/http-client.js';
import { USER_AGENT } from '../src/ingest/http/user-agent.js';
import { startFixtureServer } from './helpers/harvest-server.js';

function gaps(times: number[]): number[] {
  return times.slice(1).map((t, i) => t - times[i]!);
}

describe('polite HTTP client', () => {
  it('sends one request at a time, starts spaced by the delay, with a descriptive User-Agent', async () => {
    const server = await startFixtureServer(() => ({ body: 'ok', delayMs: 30 }));
    try {
      const delayMs = 120;
      // The first request of a process also opens the connection; spacing is measured after it.
      await fetchText(`${server.base}/warm-up`, { delayMs });
      const results = await Promise.all([1, 2, 3, 4, 5].map((n) => fetchText(`${server.base}/r${n}`, { delayMs })));
      assert.ok(results.every((r) => r.ok && r.body === 'ok'));
      assert.equal(server.maxConcurrent, 1);
      assert.equal(server.seen.length, 6);
      for (const g of gaps(server.seen.slice(1).map((s) => s.start))) assert.ok(g >= delayMs - 10, `gap ${g} ms < ${delayMs} ms`);
      assert.equal(server.seen[0]!.userAgent, USER_AGENT);
      assert.match(USER_AGENT, /^paperboy\/\d+\.\d+\.\d+ \(\+https?:\/\/\S+\)$/);
    } finally {
      await server.close();
    }
  });

  it('retries a 503 after the Retry-After the server asks for', async () => {
    const server = await startFixtureServer((_u, n) => (n === 1 ? { status: 503, body: 'busy', headers: { 'retry-after': '1' } } : { body: 'fine' }));
    try {
      const r = await fetchText(`${server.base}/oai`, { delayMs: 10, backoffMs: 10 });
      assert.ok(r.ok && r.body === 'fine');
      const [g] = gaps(server.seen.map((s) => s.start));
      assert.ok(g! >= 950, `waited only ${g} ms`);
    } finally {
      await server.close();
    }
  });

  it('retries timeouts and network errors with exponential backoff, then gives up naming the URL', async () => {
    const server = await startFixtureServer((_u, n) => (n === 1 ? { hang: true } : n === 2 ? { destroy: true } : { status: 500, body: 'oops' }));
    try {
      const url = `${server.base}/api?start=0`;
      const r = await fetchText(url, { delayMs: 0, timeoutMs: 150, attempts: 4, backoffMs: 40 });
      assert.ok(!r.ok);
      assert.equal(r.problem.source, url);
      assert.equal(r.problem.message, 'request failed after 4 attempt(s): HTTP 500 Internal Server Error');
      assert.equal(server.seen.length, 4);
      const ends = server.seen.map((s) => s.end || s.start);
      const waits = server.seen.slice(1).map((s, i) => s.start - ends[i]!);
      assert.ok(waits[0]! >= 35 && waits[1]! >= 75 && waits[2]! >= 155, `backoff waits ${waits.join(', ')}`);
    } finally {
      await server.close();
    }
  });

  it('reports a timeout and an unreachable host as expected failures', async () => {
    const server = await startFixtureServer(() => ({ hang: true }));
    const url = `${server.base}/slow`;
    try {
      const r = await fetchText(url, { delayMs: 0, timeoutMs: 80, attempts: 2, backoffMs: 10 });
      assert.ok(!r.ok && r.problem.message === 'request failed after 2 attempt(s): timed out after 80 ms');
    } finally {
      await server.close();
    }
    const down = await fetchText(url, { delayMs: 0, attempts: 2, backoffMs: 10 });
    assert.ok(!down.ok && down.problem.source === url && /ECONNREFUSED/.test(down.problem.message), JSON.stringify(down));
  });

  it('returns client errors for the caller to judge and stops waiting when aborted', async () => {
    const server = await startFixtureServer(() => ({ status: 400, body: '<feed/>' }));
    try {
      const r = await fetchText(`${server.base}/bad`, { delayMs: 0 });
      assert.ok(r.ok && r.status === 400 && r.body === '<feed/>');
      const stop = new AbortController();
      const pending = fetchText(`${server.base}/later`, { delayMs: 5000, signal: stop.signal });
      setTimeout(() => stop.abort(new Error('stopped')), 20);
      await assert.rejects(pending, /stopped/);
    } finally {
      await server.close();
    }
    assert.equal(retryAfterMs('120'), 120_000);
    assert.equal(retryAfterMs(new Date(Date.now() + 5000).toUTCString())! > 3000, true);
    assert.equal(retryAfterMs('soon'), null);
  });
});
