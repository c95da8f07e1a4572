import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { backends, type FreshDb } from './helpers/databases.js';
import { runCli } from './helpers/cli-process.js';
import { sourceRoutes, startFixtureServer, type FixtureServer } from './helpers/harvest-server.js';
import { planFor, type HarvestOptions } from '../src/ingest/harvest/harvest-params.js';
import { isoWeekDays, monthDays } from '../src/ingest/harvest/day-range.js';

describe('paperboy harvest (command)', () => {
  let fresh: FreshDb;
  let server: FixtureServer;
  let env: Record<string, string>;
  before(async () => {
    fresh = await backends()[0]!.create();
    server = await startFixtureServer(sourceRoutes());
    env = {
      DATABASE_URL: fresh.url,
      PAPERBOY_ARXIV_API_URL: `${server.base}/api/query`,
      PAPERBOY_ARXIV_RSS_URL: `${server.base}/rss`,
      PAPERBOY_HF_API_URL: `${server.base}/api/daily_papers`,
      PAPERBOY_ARXIV_DELAY_MS: '20',
    };
  });
  after(async () => {
    await server.close();
    await fresh.drop();
  });

  it('prints one JSON summary with --json', async () => {
    const res = await runCli(['harvest', 'arxiv-rss', '--category', 'cs.AI+cs.CL', '--json'], env);
    assert.equal(res.code, 0, res.stderr);
    assert.deepEqual(JSON.parse(res.stdout), { added: 4, updated: 0, unchanged: 0, failed: 0, errors: [] });
  });

  it('prints a human summary', async () => {
    const res = await runCli(['harvest', 'hf-daily', '--date', '2025-06-10'], env);
    assert.equal(res.code, 0, res.stderr);
    assert.match(res.stdout, /^1 page\(s\), harvest done\nadded 1, updated 0, unchanged 0, failed 0 \(\d+\.\d s\)\n$/);
  });

  it('exits 1 and lists the error when the source refuses the request', async () => {
    const res = await runCli(['harvest', 'arxiv-api', '--id-list', '2506.x', '--json'], env);
    assert.equal(res.code, 1);
    const out = JSON.parse(res.stdout) as { failed: number; errors: { source: string; message: string }[] };
    assert.equal(out.failed, 1);
    assert.match(out.errors[0]!.message, /incorrect id format for 2506\.x/);
    assert.match(out.errors[0]!.source, /^http:\/\/127\.0\.0\.1:\d+\/api\/query\?/);
  });

  it('rejects wrong options with a message naming the option', async () => {
    const res = await runCli(['harvest', 'arxiv-api', '--query', 'x', '--page-size', '5000'], env);
    assert.equal(res.code, 2);
    assert.match(res.stderr, /^paperboy: --page-size must be a whole number from 1 to 2000 \(got "5000"\)\n$/);
    const cases: [string, HarvestOptions, RegExp][] = [
      ['arxiv-api', {}, /arxiv-api needs --query, --id-list or --category/],
      ['arxiv-api', { query: 'x', max: '0' }, /--max must be a whole number from 1/],
      ['arxiv-api', { category: ['cs CL!'] }, /not an arXiv category/],
      ['arxiv-oai', { from: '2024-13-01' }, /--from must be a day as YYYY-MM-DD/],
      ['arxiv-oai', { from: '2024-02-01', until: '2024-01-01' }, /--from 2024-02-01 is after --until 2024-01-01/],
      ['arxiv-oai', { prefix: 'oai_dc' }, /--prefix must be arXiv or arXivRaw/],
      ['arxiv-rss', {}, /arxiv-rss needs --category/],
      ['hf-daily', { week: '2025-W60' }, /--week must be an ISO week/],
      ['hf-daily', { date: '2025-06-10', month: '2025-06' }, /give only one of --date, --month/],
      ['hf-daily', { until: '2025-06-10' }, /--until needs --from/],
      ['crossref', {}, /unknown source "crossref"/],
    ];
    for (const [source, options, message] of cases) {
      const choice = planFor(source, options);
      assert.ok(!choice.ok && message.test(choice.message), `${source} ${JSON.stringify(options)}`);
    }
  });

  it('turns --date, --week and --month into day ranges', () => {
    const now = new Date('2025-06-10T08:00:00Z');
    const key = (o: HarvestOptions): string => { const c = planFor('hf-daily', o, now); assert.ok(c.ok); return c.plan.key; };
    assert.equal(key({}), 'hf-daily?from=2025-06-04&until=2025-06-10', 'the trending window, counts refreshed');
    assert.equal(key({ date: '2025-06-01' }), 'hf-daily?from=2025-06-01&until=2025-06-01');
    assert.equal(key({ week: '2025-W01' }), 'hf-daily?from=2024-12-30&until=2025-01-05');
    assert.equal(key({ week: '2026-W53' }), 'hf-daily?from=2026-12-28&until=2027-01-03');
    assert.equal(key({ month: '2024-02' }), 'hf-daily?from=2024-02-01&until=2024-02-29');
    assert.equal(key({ from: '2025-06-01' }), 'hf-daily?from=2025-06-01');
    assert.deepEqual([isoWeekDays('2025-W53'), isoWeekDays('2020-W53')], [null, { from: '2020-12-28', until: '2021-01-03' }]);
    assert.deepEqual(monthDays('2025-13'), null);
  });
});
