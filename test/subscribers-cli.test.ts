import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { backends, type FreshDb } from './helpers/databases.js';
import { runCli } from './helpers/cli-process.js';
import { startSmtpSink, type SmtpSink } from './helpers/smtp-sink.js';
import { findSubscriberByEmail, listSubscribers } from '../src/store/subscribers.js';

const CSV = fileURLToPath(new URL('../../test/fixtures/subscribers/subscribers.csv', import.meta.url));
const SECRET = 'cli-test-secret-0123456789';

for (const backend of backends()) {
  describe(`paperboy subscribers (${backend.name})`, () => {
    let fresh: FreshDb;
    let sink: SmtpSink;
    let env: Record<string, string>;
    before(async () => {
      fresh = await backend.create();
      sink = await startSmtpSink();
      env = { DATABASE_URL: fresh.url, PAPERBOY_SECRET: SECRET, PAPERBOY_BASE_URL: 'https://papers.example.org' };
    });
    after(async () => {
      await sink.close();
      await fresh.drop();
    });

    it('add --confirmed works without SMTP; add without it needs SMTP_URL and then mails the opt-in', async () => {
      const added = await runCli(['subscribers', 'add', 'Root@Example.org', '--frequency', 'weekly', '--weekday', 'wed',
        '--category', 'cs.CL', '--category', 'cs.IR', '--topic', 'question answering', '--author', 'Jane Doe', '--org', 'Example Lab',
        '--paper', '2401.01234v2', '--confirmed'], env);
      assert.equal(added.code, 0, added.stderr);
      assert.match(added.stdout, /added root@example\.org \(active\)/);
      const root = await findSubscriberByEmail(fresh.db, 'root@example.org');
      assert.equal(root?.status, 'active');
      assert.equal(root?.weekday, 3);
      assert.deepEqual(root?.interests, { categories: ['cs.CL', 'cs.IR'], topics: ['question answering'], authors: ['Jane Doe'], organizations: ['Example Lab'], papers: ['2401.01234'] });

      const noSmtp = await runCli(['subscribers', 'add', 'pending@example.org'], env);
      assert.equal(noSmtp.code, 2);
      assert.match(noSmtp.stderr, /SMTP_URL is not set/);
      assert.equal(await findSubscriberByEmail(fresh.db, 'pending@example.org'), null);

      const mailed = await runCli(['subscribers', 'add', 'pending@example.org', '--topic', 'robotics'], { ...env, SMTP_URL: sink.url });
      assert.equal(mailed.code, 0, mailed.stderr);
      assert.match(mailed.stdout, /added pending@example\.org \(pending; confirmation mail sent\)/);
      const [mail] = await sink.waitFor(1);
      assert.deepEqual(mail!.to, ['pending@example.org']);
      assert.match(mail!.mail.text ?? '', /https:\/\/papers\.example\.org\/subscribe\/confirm\//);

      const updated = await runCli(['subscribers', 'add', 'root@example.org', '--frequency', 'daily'], { ...env, SMTP_URL: sink.url });
      assert.match(updated.stdout, /updated root@example\.org \(active\)/);
      assert.equal(sink.received.length, 1, 'an active address gets no opt-in mail');

      const bad = await runCli(['subscribers', 'add', 'bad@localhost', '--confirmed'], env);
      assert.equal(bad.code, 2);
      assert.match(bad.stderr, /needs a dot/);
    });

    it('import: bad rows reported as file:line, the rest stored; opt-in mails unless --confirmed', async () => {
      const before = sink.received.length;
      const r = await runCli(['subscribers', 'import', CSV], { ...env, SMTP_URL: sink.url });
      assert.equal(r.code, 1, 'some rows failed');
      assert.match(r.stdout, /added 3, updated 0, rejected 3, confirmation mails sent 3/);
      for (const line of [4, 5, 6]) assert.match(r.stdout, new RegExp(`subscribers\\.csv:${line}: `));
      const ada = await findSubscriberByEmail(fresh.db, 'ada@example.org');
      assert.equal(ada?.status, 'pending');
      assert.equal(ada?.frequency, 'weekly');
      assert.equal(ada?.weekday, 5);
      assert.deepEqual(ada?.interests.topics, ['retrieval augmented generation', 'speech, audio']);
      assert.deepEqual((await findSubscriberByEmail(fresh.db, 'grace@example.org'))?.interests.authors, ['Hopper, G.']);
      await sink.waitFor(before + 3);

      const again = await runCli(['subscribers', 'import', CSV, '--confirmed'], env);
      assert.match(again.stdout, /added 0, updated 3, rejected 3/);
      assert.equal((await findSubscriberByEmail(fresh.db, 'ada@example.org'))?.status, 'active');
    });

    it('list (table and --json) and remove', async () => {
      const table = await runCli(['subscribers', 'list'], env);
      assert.equal(table.code, 0, table.stderr);
      assert.match(table.stdout, /^EMAIL\s+STATUS\s+FREQUENCY\s+INTERESTS\s+SINCE/);
      assert.match(table.stdout, /root@example\.org\s+active\s+daily\s+2 categories, 1 topic, 1 author, 1 org, 1 paper/);
      const json = await runCli(['subscribers', 'list', '--json', '--status', 'active'], env);
      const rows = json.stdout.trim().split('\n').map((l) => JSON.parse(l) as { email: string; status: string });
      assert.deepEqual(rows.map((r) => r.email).sort(), (await listSubscribers(fresh.db, { status: 'active' })).map((s) => s.email).sort());
      assert.ok(rows.every((r) => r.status === 'active'));

      const removed = await runCli(['subscribers', 'remove', 'ROOT@example.org'], env);
      assert.equal(removed.code, 0, removed.stderr);
      assert.equal(await findSubscriberByEmail(fresh.db, 'root@example.org'), null);
      const missing = await runCli(['subscribers', 'remove', 'root@example.org'], env);
      assert.match(missing.stdout, /no subscriber root@example\.org/, missing.stderr);
      assert.equal(missing.code, 1);
    });
  });
}
