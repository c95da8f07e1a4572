import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { backends, type FreshDb } from './helpers/databases.js';
import { DIGEST_DAY, seedDigestPapers } from './helpers/digest-seed.js';
import { startSmtpSink, type SmtpSink } from './helpers/digest-smtp-sink.js';
import type { KeywordIndex } from '../src/search/keyword/keyword-index.js';
import { createMailer } from '../src/email/mailer.js';
import { planDigests, type PlannedPeriod } from '../src/email/digest-plan.js';
import { sendDigests, type SenderOptions } from '../src/email/digest-sender.js';
import { digestPeriod } from '../src/email/digest-period.js';
import { verifyToken } from '../src/email/signed-token.js';
import { insertSubscriberRow } from '../src/store/digest-subscribers.js';
import { digestStatus } from '../src/store/digest-status.js';

const BASE = 'https://papers.example.org';
const SECRET = 'a-test-secret-of-enough-length';
const daily = (day: string): PlannedPeriod => ({ period: digestPeriod('daily', day), weekday: 0 });

async function run(fresh: FreshDb, keyword: KeywordIndex, smtpUrl: string, periods: PlannedPeriod[], opts: SenderOptions = {}) {
  const now = (opts.now ?? (() => new Date()))();
  await planDigests(fresh.db, BASE, periods, now);
  const mailer = createMailer(smtpUrl, { from: 'paperboy <digest@example.org>', ratePerSecond: 1000, timeoutMs: 3000 });
  try {
    return await sendDigests({ db: fresh.db, keyword, mailer, baseUrl: BASE, secret: SECRET }, periods.map((p) => p.period.name), { leaseMs: 5000, ...opts });
  } finally {
    mailer.close();
  }
}

for (const backend of backends()) {
  describe(`digest sending (${backend.name})`, () => {
    let fresh: FreshDb;
    let keyword: KeywordIndex;
    let sink: SmtpSink;
    before(async () => {
      fresh = await backend.create();
      keyword = await seedDigestPapers(fresh);
      sink = await startSmtpSink();
    });
    after(async () => { await sink.close(); await keyword.close(); await fresh.drop(); });

    it('mails each subscriber one digest with escaped content, both parts and one-click unsubscribe headers', async () => {
      const ids = [];
      for (const e of ['ann@example.org', 'bob@example.org', 'cy@example.org']) ids.push(await insertSubscriberRow(fresh.db, { email: e, interests: { categories: ['cs.CL'] } }));
      const sum = await run(fresh, keyword, sink.url, [daily(DIGEST_DAY)]);
      assert.equal(sum.sent, 3);
      assert.equal(sink.mails.length, 3);
      const mail = sink.mails.find((m) => m.to === 'ann@example.org')!.parsed;
      assert.match(mail.subject ?? '', /^5 papers for March 18, 2025: Scaling test-time compute/);
      const html = String(mail.html);
      assert.ok(!html.includes('<script>') && !html.includes('<img') && !html.includes('<b>Mallory'), 'paper text is escaped');
      assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
      assert.ok(!html.includes('javascript:'), 'only http(s) links');
      assert.ok(html.includes('name="color-scheme" content="light dark"') && html.includes('prefers-color-scheme: dark'));
      assert.ok(html.includes(`${BASE}/papers/2503.10001`) && html.includes('https://github.com/openlab/verifiers') && html.includes('https://arxiv.org/pdf/2503.10001'));
      assert.match(html, /Mira Okafor, Jonas Lindqvist, Priya Raman, Tomás Herrera \+3/);
      assert.match(mail.text ?? '', /TOP PAPERS[\s\S]*Scaling test-time compute[\s\S]*FOR YOU[\s\S]*Tokenizers without vocabularies/);
      // Hugging Face's machine-written summary stands in for the abstract, and says what it is.
      assert.ok(html.includes('<em>AI summary:</em> A diffusion model folds proteins'));
      assert.match(mail.text ?? '', /AI summary: A diffusion model folds proteins/);
      assert.ok(!html.includes('AI summary:</em> Spending more computation'), 'an abstract is not labelled');
      const rawLine = mail.headerLines.find((h) => h.key === 'list-unsubscribe')?.line ?? '';
      const listUnsub = rawLine.replace(/^List-Unsubscribe:\s*/i, '').replace(/\r?\n\s*/g, '');
      const m = /^<(https:\/\/papers\.example\.org\/unsubscribe\/one-click\/([^>]+))>$/.exec(listUnsub);
      assert.ok(m, listUnsub);
      const check = verifyToken(SECRET, decodeURIComponent(m[2]!), 'unsubscribe');
      assert.ok(check.ok && check.claims.subscriberId === ids[0]);
      assert.equal(mail.headerLines.find((h) => h.key === 'list-unsubscribe-post')?.line, 'List-Unsubscribe-Post: List-Unsubscribe=One-Click');
      assert.ok(html.includes(`${BASE}/preferences/preferences.${ids[0]}.`) && (mail.text ?? '').includes(`${BASE}/unsubscribe/unsubscribe.${ids[0]}.`));
      const row = await fresh.db.get<{ message_id: string; status: string }>('SELECT message_id, status FROM digest_outbox WHERE subscriber_id = ?', [ids[0]]);
      assert.equal(row?.status, 'sent');
      assert.equal(mail.messageId, row?.message_id);
      const sentPapers = await fresh.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM digest_sent_papers WHERE subscriber_id = ?', [ids[0]]);
      assert.equal(Number(sentPapers?.n), 5);

      const again = await run(fresh, keyword, sink.url, [daily(DIGEST_DAY)]);
      assert.equal(again.sent, 0, 'a rerun sends nothing');
      assert.equal(sink.mails.length, 3);
      const week = await run(fresh, keyword, sink.url, [{ period: digestPeriod('weekly', DIGEST_DAY), weekday: 3 }]);
      assert.equal(week.sent + week.skipped, 0, 'weekly digests only go to weekly subscribers');
    });

    it('marks an empty period skipped without mail, and papers already sent are not sent again', async () => {
      const before = sink.mails.length;
      const sum = await run(fresh, keyword, sink.url, [daily('2025-01-01')]);
      assert.deepEqual([sum.sent, sum.skipped], [0, 3]);
      const again = await run(fresh, keyword, sink.url, [{ period: digestPeriod('weekly', '2025-03-19'), weekday: 0 }, daily('2025-03-19')]);
      assert.equal(again.sent, 0);
      assert.equal(sink.mails.length, before);
      const st = await digestStatus(fresh.db);
      assert.equal(st.periods.find((p) => p.period === 'daily:2025-01-01')?.skipped, 3);
    });

    it('retries temporary failures later, and stops mailing an address after 3 hard bounces', async () => {
      await fresh.db.run("UPDATE subscribers SET status = 'unsubscribed' WHERE email IN ('ann@example.org', 'bob@example.org', 'cy@example.org')");
      await insertSubscriberRow(fresh.db, { email: 'gone@example.org' });
      await insertSubscriberRow(fresh.db, { email: 'later@example.org' });
      sink.behaviour.reject.add('gone@example.org');
      let clock = Date.parse('2030-01-01T07:00:00Z');
      const now = () => new Date(clock);
      sink.behaviour.tempFail = true;
      const first = await run(fresh, keyword, sink.url, [daily('2025-03-14')], { now, outageAfter: 10 });
      assert.deepEqual([first.sent, first.retrying], [0, 2]);
      sink.behaviour.tempFail = false;
      const early = await run(fresh, keyword, sink.url, [daily('2025-03-14')], { now });
      assert.equal(early.sent, 0, 'not before the retry time');
      clock += 2 * 60_000;
      const second = await run(fresh, keyword, sink.url, [daily('2025-03-14')], { now });
      assert.deepEqual([second.sent, second.failed], [1, 1]);
      for (const day of ['2025-03-17', DIGEST_DAY]) await run(fresh, keyword, sink.url, [daily(day)], { now });
      const st = await digestStatus(fresh.db);
      assert.deepEqual(st.bouncing.map((b) => [b.email, b.bounceCount]), [['gone@example.org', 3]]);
      assert.match(st.recentFailures[0]!.error, /no such user/);
      await run(fresh, keyword, sink.url, [daily('2025-03-11')], { now });
      const planned = await fresh.db.get<{ n: number }>("SELECT COUNT(*) AS n FROM digest_outbox o JOIN subscribers s ON s.id = o.subscriber_id WHERE s.email = 'gone@example.org' AND o.period = 'daily:2025-03-11'");
      assert.equal(Number(planned?.n), 0, 'a bouncing address is not planned again');
      assert.equal(sink.mails.filter((m) => m.to === 'gone@example.org').length, 0);
    });

    it('survives an SMTP outage: the run stops, everything waits and goes out once when the server is back', async () => {
      await fresh.db.run("UPDATE subscribers SET status = 'unsubscribed'");
      for (let i = 0; i < 8; i++) await insertSubscriberRow(fresh.db, { email: `out${i}@example.org` });
      const port = sink.port;
      await sink.close();
      let clock = Date.parse('2030-02-01T07:00:00Z');
      const now = () => new Date(clock);
      const down = await run(fresh, keyword, `smtp://127.0.0.1:${port}`, [daily(DIGEST_DAY), daily('2025-03-17')], { now, batch: 20 });
      assert.ok(down.outage, 'the run reports the outage');
      assert.equal(down.sent, 0);
      const st = await digestStatus(fresh.db);
      assert.ok(st.totals.pending >= 8);
      sink = await startSmtpSink(port);
      clock += 60 * 60_000;
      const up = await run(fresh, keyword, sink.url, [daily(DIGEST_DAY), daily('2025-03-17')], { now });
      assert.equal(up.outage, null);
      assert.equal(up.left, 0);
      const counts = sink.countByRecipient();
      for (let i = 0; i < 8; i++) assert.equal(counts.get(`out${i}@example.org`), 2, `out${i}: one digest per period`);
    });
  });
}

describe('mailer', () => {
  it('keeps to the sending-rate limit', async () => {
    const sink = await startSmtpSink();
    const mailer = createMailer(sink.url, { from: 'x@example.org', ratePerSecond: 4, connections: 2, timeoutMs: 3000 });
    const t0 = Date.now();
    const results = await Promise.all(Array.from({ length: 9 }, (_, i) => mailer.send({ to: `r${i}@example.org`, subject: 's', text: 't' })));
    const elapsed = Date.now() - t0;
    mailer.close();
    await sink.close();
    assert.ok(results.every((r) => r.ok));
    assert.ok(elapsed >= 1500, `9 mails at 4/s took ${elapsed} ms`);
  });

  it('classifies refused connections as temporary and 5xx as permanent', async () => {
    const sink = await startSmtpSink();
    sink.behaviour.reject.add('nobody@example.org');
    const mailer = createMailer(sink.url, { from: 'x@example.org', ratePerSecond: 100, timeoutMs: 3000 });
    const bad = await mailer.send({ to: 'nobody@example.org', subject: 's', text: 't' });
    assert.ok(!bad.ok && bad.kind === 'permanent' && bad.code === 550);
    mailer.close();
    await sink.close();
    const refused = createMailer(sink.url, { from: 'x@example.org', ratePerSecond: 100, timeoutMs: 3000 });
    const r = await refused.send({ to: 'a@example.org', subject: 's', text: 't' });
    refused.close();
    assert.ok(!r.ok && r.kind === 'temporary', JSON.stringify(r));
  });
});
