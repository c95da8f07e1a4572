import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { backends } from './helpers/databases.js';
import { DIGEST_DAY, seedDigestPapers } from './helpers/digest-seed.js';
import { startSmtpSink } from './helpers/digest-smtp-sink.js';
import { runCli } from './helpers/cli-process.js';
import { createMailer, type Mailer } from '../src/email/mailer.js';
import { planDigests } from '../src/email/digest-plan.js';
import { sendDigests } from '../src/email/digest-sender.js';
import { digestPeriod } from '../src/email/digest-period.js';
import { insertSubscriberRow } from '../src/store/digest-subscribers.js';
import { digestStatus } from '../src/store/digest-status.js';
import { unsubscribeSubscriber } from '../src/store/subscribers-write.js';

const BASE = 'https://papers.example.org';

for (const backend of backends()) {
  describe(`digests to subscribers who left after planning (${backend.name})`, () => {
    it('removed, unsubscribed, or unsubscribed while the batch is being sent: no mail, row cancelled', async () => {
      const fresh = await backend.create();
      const keyword = await seedDigestPapers(fresh);
      const sink = await startSmtpSink();
      const real = createMailer(sink.url, { from: 'x@example.org', ratePerSecond: 100, timeoutMs: 3000 });
      try {
        const ids = new Map<string, number>();
        for (const name of ['stays', 'removed', 'unsubscribed', 'late']) ids.set(name, await insertSubscriberRow(fresh.db, { email: `${name}@example.org` }));
        const period = { period: digestPeriod('daily', DIGEST_DAY), weekday: 0 };
        assert.equal(await planDigests(fresh.db, BASE, [period], new Date()), 4);

        const removed = await runCli(['subscribers', 'remove', 'removed@example.org'], { DATABASE_URL: fresh.url });
        assert.equal(removed.code, 0, removed.stderr);
        assert.equal(await unsubscribeSubscriber(fresh.db, ids.get('unsubscribed')!, 1), 'unsubscribed');
        // The first mail of the batch goes out after every mail of the batch was rendered; the
        // subscriber of the second one leaves right then, before it is handed to the server.
        const mailer: Mailer = {
          async send(mail) {
            if (mail.to === 'stays@example.org') await unsubscribeSubscriber(fresh.db, ids.get('late')!, 1);
            return real.send(mail);
          },
          close: () => real.close(),
        };
        const sum = await sendDigests({ db: fresh.db, keyword, mailer, baseUrl: BASE, secret: 'a-test-secret-of-enough-length' }, [period.period.name], { concurrency: 1 });
        assert.deepEqual([sum.sent, sum.cancelled, sum.left], [1, 3, 0]);
        assert.deepEqual(sink.mails.map((m) => m.to), ['stays@example.org']);

        const rows = await fresh.db.all<{ subscriber_id: number; status: string; last_error: string | null }>(
          'SELECT subscriber_id, status, last_error FROM digest_outbox ORDER BY subscriber_id');
        const byId = new Map(rows.map((r) => [Number(r.subscriber_id), r]));
        assert.equal(byId.get(ids.get('stays')!)?.status, 'sent');
        for (const name of ['removed', 'unsubscribed', 'late']) assert.equal(byId.get(ids.get(name)!)?.status, 'cancelled', name);
        assert.match(String(byId.get(ids.get('removed')!)?.last_error), /gone/);
        assert.match(String(byId.get(ids.get('late')!)?.last_error), /left before sending/);
        const st = await digestStatus(fresh.db);
        assert.deepEqual([st.totals.sent, st.totals.cancelled, st.totals.inDoubt], [1, 3, 0]);
      } finally {
        real.close();
        await keyword.close();
        await sink.close();
        await fresh.drop();
      }
    });
  });
}
