import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { backends, type FreshDb } from './helpers/databases.js';
import { seedDigestPapers } from './helpers/digest-seed.js';
import { startSmtpSink, type SmtpSink } from './helpers/digest-smtp-sink.js';
import type { KeywordIndex } from '../src/search/keyword/keyword-index.js';
import { insertSubscriberRow } from '../src/store/digest-subscribers.js';
import { startDigestSchedule } from '../src/jobs/digest-schedule.js';
import { digestStatus } from '../src/store/digest-status.js';

const quiet = { info() {}, warn() {}, error() {} };

describe('digests on schedule in serve', () => {
  let fresh: FreshDb;
  let keyword: KeywordIndex;
  let sink: SmtpSink;
  before(async () => {
    fresh = await backends()[0]!.create();
    keyword = await seedDigestPapers(fresh);
    sink = await startSmtpSink();
    await insertSubscriberRow(fresh.db, { email: 'daily@example.org' });
    await insertSubscriberRow(fresh.db, { email: 'wednesday@example.org', frequency: 'weekly', weekday: 3 });
    await insertSubscriberRow(fresh.db, { email: 'thursday@example.org', frequency: 'weekly', weekday: 4 });
    await insertSubscriberRow(fresh.db, { email: 'pending@example.org', status: 'pending' });
  });
  after(async () => { await sink.close(); await keyword.close(); await fresh.drop(); });

  it('waits for the digest hour, then sends the daily digest of the previous weekday and the weekly ones due today', async () => {
    let clock = Date.parse('2025-03-19T06:59:00Z'); // a Wednesday
    const ctx = {
      db: fresh.db, keyword,
      config: { baseUrl: 'https://papers.example.org', secret: 'schedule-test-secret-long', smtpUrl: sink.url, mailFrom: 'x@example.org', mailRatePerSecond: 100 },
    };
    const job = startDigestSchedule(ctx, quiet, { hourUtc: 7, checkEveryMs: 20, retryEveryMs: 0, now: () => new Date(clock) });
    try {
      await new Promise((r) => setTimeout(r, 150));
      assert.equal(sink.mails.length, 0, 'nothing before the hour');
      clock = Date.parse('2025-03-19T07:00:30Z');
      await sink.waitFor(2, 10_000);
      await new Promise((r) => setTimeout(r, 200));
      assert.deepEqual(sink.mails.map((m) => m.to).sort(), ['daily@example.org', 'wednesday@example.org']);
      const st = await digestStatus(fresh.db);
      assert.deepEqual(st.periods.map((p) => [p.period, p.sent]).sort(), [['daily:2025-03-18', 1], ['weekly:2025-03-18', 1]]);
    } finally {
      await job.stop();
    }
    assert.equal(sink.mails.length, 2, 'once per day');
  });
});
