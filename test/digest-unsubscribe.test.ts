import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { backends } from './helpers/databases.js';
import { DIGEST_DAY, digestRecords } from './helpers/digest-seed.js';
import { startSmtpSink } from './helpers/digest-smtp-sink.js';
import { TEST_BASE_URL, webAppWith } from './helpers/web-app.js';
import { KeywordIndex } from '../src/search/keyword/keyword-index.js';
import { createMailer } from '../src/email/mailer.js';
import { planDigests } from '../src/email/digest-plan.js';
import { sendDigests } from '../src/email/digest-sender.js';
import { digestPeriod } from '../src/email/digest-period.js';
import { linkSecret } from '../src/store/app-secret.js';
import { insertSubscriberRow } from '../src/store/digest-subscribers.js';

for (const backend of backends()) {
  describe(`digest unsubscribe links (${backend.name})`, () => {
    it('the List-Unsubscribe URL of a received digest unsubscribes in one POST, and no digest follows', async () => {
      const fresh = await backend.create();
      const sink = await startSmtpSink();
      const app = await webAppWith(fresh, digestRecords());
      const keyword = new KeywordIndex(fresh.db);
      const mailer = createMailer(sink.url, { from: 'x@example.org', ratePerSecond: 100, timeoutMs: 3000 });
      try {
        await insertSubscriberRow(fresh.db, { email: 'leaving@example.org' });
        const deps = { db: fresh.db, keyword, mailer, baseUrl: TEST_BASE_URL, secret: await linkSecret(fresh.db, undefined) };
        const send = async (day: string) => {
          const period = { period: digestPeriod('daily', day), weekday: 0 };
          await planDigests(fresh.db, TEST_BASE_URL, [period], new Date());
          return sendDigests(deps, [period.period.name]);
        };
        assert.equal((await send(DIGEST_DAY)).sent, 1);
        const line = sink.mails[0]!.parsed.headerLines.find((h) => h.key === 'list-unsubscribe')!.line;
        const url = new URL(/<([^>]+)>/.exec(line.replace(/\r?\n\s*/g, ''))![1]!);
        assert.equal(url.origin, TEST_BASE_URL);
        const res = await app.inject({ method: 'POST', url: url.pathname, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'List-Unsubscribe=One-Click' });
        assert.equal(res.statusCode, 200, res.body);
        const row = await fresh.db.get<{ status: string }>("SELECT status FROM subscribers WHERE email = 'leaving@example.org'");
        assert.equal(row?.status, 'unsubscribed');
        const next = await send('2025-03-14');
        assert.equal(next.sent, 0);
        assert.equal(sink.mails.length, 1);
      } finally {
        mailer.close();
        await keyword.close();
        await app.close();
        await sink.close();
        await fresh.drop();
      }
    });
  });
}
