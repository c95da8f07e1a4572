import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../src/config/config.js';
import { startScheduler, type SchedulerLogger } from '../src/jobs/scheduler.js';
import { scheduleEntry } from '../src/jobs/schedule-entry.js';
import { listHarvestStates } from '../src/store/harvest-state.js';
import { backends, type FreshDb } from './helpers/databases.js';
import { sourceRoutes, startFixtureServer, type FixtureServer } from './helpers/harvest-server.js';

/** A port nothing listens on: bound, then released. */
async function deadPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

function recorder(): SchedulerLogger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (m) => lines.push(`info ${m}`), warn: (m) => lines.push(`warn ${m}`), error: (m) => lines.push(`error ${m}`) };
}

async function until(cond: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('harvest scheduler', () => {
  const backend = backends()[0]!;
  let fresh: FreshDb;
  let server: FixtureServer;
  before(async () => {
    fresh = await backend.create();
    server = await startFixtureServer(sourceRoutes());
  });
  after(async () => {
    await server.close();
    await fresh.drop();
  });

  const ctx = (env: Record<string, string>) => ({
    config: loadConfig({ DATABASE_URL: fresh.url, PAPERBOY_ARXIV_DELAY_MS: '10', PAPERBOY_HF_API_URL: `${server.base}/api/daily_papers`, ...env }),
    db: fresh.db,
    keyword: { indexPending: async () => 0 },
  });

  it('checks schedule entries', () => {
    assert.deepEqual(scheduleEntry('arxiv-rss:cs.AI+cs.CL'), { ok: true, source: 'arxiv-rss', options: { category: ['cs.AI+cs.CL'] } });
    assert.deepEqual(scheduleEntry('arxiv-oai:cs+math'), { ok: true, source: 'arxiv-oai', options: { set: ['cs', 'math'] } });
    assert.ok(scheduleEntry('hf-daily').ok);
    assert.ok(!scheduleEntry('arxiv-rss').ok);
    assert.match((scheduleEntry('arxiv-rss:cs AI!') as { message: string }).message, /not an arXiv category/);
  });

  it('runs an entry with @MINUTES that often, and the rest every PAPERBOY_HARVEST_INTERVAL_MINUTES', async () => {
    assert.deepEqual(scheduleEntry('hf-daily@120'), { ok: true, source: 'hf-daily', options: {}, everyMinutes: 120 });
    assert.deepEqual(scheduleEntry('arxiv-rss:cs.AI+cs.CL@180'), { ok: true, source: 'arxiv-rss', options: { category: ['cs.AI+cs.CL'] }, everyMinutes: 180 });
    assert.match((scheduleEntry('hf-daily@5') as { message: string }).message, /^schedule entry "hf-daily@5": after @ give whole minutes, at least 15 for hf-daily$/);
    assert.match((scheduleEntry('arxiv-rss:cs.CL@30') as { message: string }).message, /at least 60 for arxiv-rss/);
    assert.match((scheduleEntry('hf-daily@soon') as { message: string }).message, /after @ give whole minutes/);
    const log = recorder();
    const c = ctx({ PAPERBOY_SCHEDULE: 'hf-daily@120,arxiv-rss:cs.CL,hf-daily@1', PAPERBOY_HARVEST_INTERVAL_MINUTES: '1440' });
    const scheduler = startScheduler(c, log, { initialDelayMs: 60_000 });
    await scheduler.stop();
    assert.deepEqual(log.lines, [
      'warn schedule entry "hf-daily@1": after @ give whole minutes, at least 15 for hf-daily',
      'info harvest schedule: hf-daily every 120 min, arxiv-rss:cs.CL every 1440 min',
    ]);
  });

  it('survives an unreachable source: one warning per failure, retries, harvests the rest, stops cleanly', async () => {
    const log = recorder();
    const port = await deadPort();
    const c = ctx({ PAPERBOY_SCHEDULE: 'arxiv-rss:cs.AI,hf-daily,bogus', PAPERBOY_ARXIV_RSS_URL: `http://127.0.0.1:${port}/rss` });
    const scheduler = startScheduler(c, log, { initialDelayMs: 10, retryDelaysMs: [40], intervalMs: 60_000, http: { attempts: 1, timeoutMs: 1000 } });
    try {
      await until(() => log.lines.filter((l) => l.startsWith('warn harvest arxiv-rss:cs.AI failed')).length >= 2);
      await until(() => log.lines.some((l) => l.startsWith('info harvest hf-daily: added 0')));
    } finally {
      await scheduler.stop();
    }
    const warning = log.lines.find((l) => l.startsWith('warn harvest arxiv-rss'))!;
    assert.match(warning, new RegExp(`^warn harvest arxiv-rss:cs\\.AI failed: http://127\\.0\\.0\\.1:${port}/rss/cs\\.AI: request failed after 1 attempt\\(s\\): ECONNREFUSED; retrying in 0 s$`));
    assert.ok(log.lines.some((l) => /^warn schedule entry "bogus" is not understood/.test(l)));
    assert.ok(!log.lines.some((l) => l.startsWith('error')));
    const count = log.lines.length;
    await new Promise((r) => setTimeout(r, 120));
    assert.equal(log.lines.length, count, 'nothing runs after stop()');
    const states = await listHarvestStates(fresh.db);
    assert.deepEqual(states.map((s) => s.status).sort(), ['done', 'failed']);
  });

  it('stop() cancels a harvest in flight without waiting for the source', async () => {
    const hanging = await startFixtureServer(() => ({ hang: true }));
    const log = recorder();
    const c = ctx({ PAPERBOY_SCHEDULE: 'arxiv-rss:cs.CL', PAPERBOY_ARXIV_RSS_URL: `${hanging.base}/rss` });
    const scheduler = startScheduler(c, log, { initialDelayMs: 0, http: { timeoutMs: 30_000 } });
    try {
      await until(() => hanging.seen.length === 1);
      const began = Date.now();
      await scheduler.stop();
      assert.ok(Date.now() - began < 1000);
      assert.ok(!log.lines.some((l) => l.startsWith('warn') || l.startsWith('error')), log.lines.join('\n'));
    } finally {
      await hanging.close();
    }
  });
});
