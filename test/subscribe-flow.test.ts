import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { backends, type FreshDb } from './helpers/databases.js';
import { webAppWith, TEST_BASE_URL } from './helpers/web-app.js';
import { startSmtpSink, type SmtpSink } from './helpers/smtp-sink.js';
import { FormClient, httpTransport, mainText } from './helpers/form-client.js';
import { findSubscriberByEmail } from '../src/store/subscribers.js';
import { saveSubscriber } from '../src/store/subscribers-write.js';
import { defaultPreferences } from '../src/store/subscribers-input.js';
import { signToken } from '../src/email/signed-token.js';
import { subscriberLinks } from '../src/email/subscriber-links.js';

const SECRET = 'flow-test-secret-0123456789';

/** The confirmation link in a mail's text part, as a path on the test server. */
function confirmPath(text: string | undefined): string {
  const m = /https:\/\/papers\.example\.org(\/subscribe\/confirm\/[A-Za-z0-9._-]+)/.exec(text ?? '');
  assert.ok(m, `no confirmation link in: ${text}`);
  return m[1]!;
}

for (const backend of backends()) {
  describe(`subscription flow over HTTP with a real SMTP server (${backend.name})`, () => {
    let fresh: FreshDb;
    let sink: SmtpSink;
    let app: FastifyInstance;
    let base: string;
    const client = (): FormClient => new FormClient(httpTransport(base));

    before(async () => {
      fresh = await backend.create();
      sink = await startSmtpSink();
      app = await webAppWith(fresh, [], { SMTP_URL: sink.url, PAPERBOY_SECRET: SECRET });
      await app.listen({ port: 0, host: '127.0.0.1' });
      base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    });
    after(async () => {
      await app.close();
      await sink.close();
      await fresh.drop();
    });

    it('subscribe, opt-in mail, follow the link, press the button: active; confirming again is harmless', async () => {
      const browser = client();
      const form = await browser.get('/subscribe');
      assert.equal(form.status, 200);
      assert.equal(form.headers['cache-control'], 'no-store');
      assert.ok(form.doc.querySelector('input[name="_csrf"]'));
      const sent = await browser.post('/subscribe', {
        email: '  Alice@Example.ORG ', frequency: 'weekly', weekday: '5', categories: 'cs.CL, cs.LG',
        topics: 'diffusion models\r\nspeech recognition for low-resource languages', authors: 'Jane Doe', papers: 'arXiv:2401.01234v2',
      });
      assert.equal(sent.status, 200);
      assert.match(mainText(sent), /Check your inbox/);
      const pending = await findSubscriberByEmail(fresh.db, 'alice@example.org');
      assert.equal(pending?.status, 'pending');
      assert.equal(pending?.frequency, 'weekly');
      assert.equal(pending?.weekday, 5);
      assert.deepEqual(pending?.interests, {
        categories: ['cs.CL', 'cs.LG'], topics: ['diffusion models', 'speech recognition for low-resource languages'],
        authors: ['Jane Doe'], organizations: [], papers: ['2401.01234'],
      });

      const [mail] = await sink.waitFor(1);
      assert.deepEqual(mail!.to, ['alice@example.org']);
      assert.match(mail!.mail.subject ?? '', /Confirm your paperboy digest subscription/);
      assert.match(mail!.mail.text ?? '', /Weekly, on Friday/);
      const path = confirmPath(mail!.mail.text);
      assert.ok((mail!.mail.html || '').includes(`${TEST_BASE_URL}${path}`), 'the HTML part carries the same link');

      // The mail is opened in another browser; opening the link alone confirms nothing.
      const reader = client();
      const page = await reader.get(path);
      assert.equal(page.status, 200);
      assert.match(mainText(page), /Confirm your subscription/);
      assert.equal((await findSubscriberByEmail(fresh.db, 'alice@example.org'))?.status, 'pending');
      const done = await reader.post(path, {});
      assert.equal(done.status, 200);
      assert.match(mainText(done), /You are subscribed/);
      const active = await findSubscriberByEmail(fresh.db, 'alice@example.org');
      assert.equal(active?.status, 'active');
      assert.ok(active?.confirmedAt);

      await reader.get(path);
      const again = await reader.post(path, {});
      assert.equal(again.status, 200);
      assert.match(mainText(again), /Already confirmed/);
      assert.equal((await findSubscriberByEmail(fresh.db, 'alice@example.org'))?.confirmedAt, active?.confirmedAt);
      assert.equal(sink.received.length, 1, 'nothing but the opt-in mail was sent');
    });

    it('re-subscribing an active address changes its preferences only after the owner confirms', async () => {
      await saveSubscriber(fresh.db, 'bob@example.org', defaultPreferences(), { confirmed: true });
      const before = sink.received.length;
      const browser = client();
      await browser.get('/subscribe');
      const sent = await browser.post('/subscribe', { email: 'bob@example.org', frequency: 'daily', weekday: '1', topics: 'graph neural networks' });
      assert.equal(sent.status, 200);
      assert.match(mainText(sent), /Check your inbox/);
      const waiting = await findSubscriberByEmail(fresh.db, 'bob@example.org');
      assert.deepEqual(waiting?.interests.topics, [], 'not applied yet');
      assert.deepEqual(waiting?.pendingChanges?.interests.topics, ['graph neural networks']);
      const mails = await sink.waitFor(before + 1);
      const mail = mails[before]!.mail;
      assert.match(mail.subject ?? '', /Confirm the change/);
      const path = confirmPath(mail.text);
      const reader = client();
      await reader.get(path);
      const done = await reader.post(path, {});
      assert.match(mainText(done), /Your preferences are updated/);
      const after = await findSubscriberByEmail(fresh.db, 'bob@example.org');
      assert.equal(after?.status, 'active');
      assert.deepEqual(after?.interests.topics, ['graph neural networks']);
      assert.equal(after?.pendingChanges, null);
    });

    it('an expired confirmation link says so and mails a fresh one on request', async () => {
      const start = sink.received.length;
      const browser = client();
      await browser.get('/subscribe');
      await browser.post('/subscribe', { email: 'carol@example.org', frequency: 'daily', weekday: '1' });
      await sink.waitFor(start + 1);
      const carol = (await findSubscriberByEmail(fresh.db, 'carol@example.org'))!;
      const old = signToken(SECRET, { purpose: 'confirm', subscriberId: carol.id, version: carol.tokenVersion, expires: Math.floor(Date.now() / 1000) - 60 });
      const reader = client();
      const expired = await reader.get(`/subscribe/confirm/${old}`);
      assert.equal(expired.status, 410);
      assert.match(mainText(expired), /expired/);
      const resent = await reader.post('/subscribe/resend', {});
      assert.equal(resent.status, 200);
      assert.match(mainText(resent), /Check your inbox/);
      const mails = await sink.waitFor(start + 2);
      assert.deepEqual(mails[start + 1]!.to, ['carol@example.org']);
      const path = confirmPath(mails[start + 1]!.mail.text);
      await reader.get(path);
      assert.match(mainText(await reader.post(path, {})), /You are subscribed/);
      assert.equal((await findSubscriberByEmail(fresh.db, 'carol@example.org'))?.status, 'active');
    });

    it('unsubscribe page: opening it changes nothing, the button unsubscribes', async () => {
      const { subscriber } = await saveSubscriber(fresh.db, 'dan@example.org', defaultPreferences(), { confirmed: true });
      const links = subscriberLinks(SECRET, TEST_BASE_URL, subscriber);
      const path = new URL(links.unsubscribe).pathname;
      const browser = client();
      const page = await browser.get(path);
      assert.equal(page.status, 200);
      assert.match(mainText(page), /Stop sending digests to dan@example\.org/);
      assert.equal((await findSubscriberByEmail(fresh.db, 'dan@example.org'))?.status, 'active');
      const done = await browser.post(path, {});
      assert.equal(done.status, 200);
      assert.match(mainText(done), /You are unsubscribed/);
      const after = await findSubscriberByEmail(fresh.db, 'dan@example.org');
      assert.equal(after?.status, 'unsubscribed');
      assert.ok(after?.unsubscribedAt);
      assert.match(mainText(await browser.get(path)), /Already unsubscribed/);
    });

    it('RFC 8058 one-click: a POST without cookie or CSRF token unsubscribes (url-encoded and multipart)', async () => {
      for (const [email, body, type] of [
        ['erin@example.org', 'List-Unsubscribe=One-Click', 'application/x-www-form-urlencoded'],
        ['frank@example.org', '--b\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--b--\r\n', 'multipart/form-data; boundary=b'],
      ] as const) {
        const { subscriber } = await saveSubscriber(fresh.db, email, defaultPreferences(), { confirmed: true });
        const links = subscriberLinks(SECRET, TEST_BASE_URL, subscriber);
        const res = await client().rawPost(new URL(links.oneClick).pathname, body, type);
        assert.equal(res.status, 200, res.body);
        assert.equal((await findSubscriberByEmail(fresh.db, email))?.status, 'unsubscribed', email);
      }
    });

    it('preferences page: prefilled form, saves valid changes, shows errors next to fields', async () => {
      const prefs = { ...defaultPreferences(), interests: { ...defaultPreferences().interests, authors: ['Ada Lovelace'] } };
      const { subscriber } = await saveSubscriber(fresh.db, 'gina@example.org', prefs, { confirmed: true });
      const path = new URL(subscriberLinks(SECRET, TEST_BASE_URL, subscriber).preferences).pathname;
      const browser = client();
      const page = await browser.get(path);
      assert.equal(page.status, 200);
      assert.equal(page.doc.querySelector('#f-authors')?.text, 'Ada Lovelace');
      assert.ok(page.doc.querySelector('input[name="frequency"][value="daily"]')?.hasAttribute('checked'));

      const bad = await browser.post(path, { frequency: 'weekly', weekday: '3', categories: 'not a category!' });
      assert.equal(bad.status, 400);
      assert.equal(bad.doc.querySelector('#f-categories')?.getAttribute('aria-invalid'), 'true');
      assert.match(bad.doc.querySelector('#f-categories-error')?.text ?? '', /categories look like/);
      assert.equal(bad.doc.querySelector('#f-categories')?.getAttribute('value'), 'not a category!');
      assert.equal((await findSubscriberByEmail(fresh.db, 'gina@example.org'))?.frequency, 'daily', 'nothing saved');

      const ok = await browser.post(path, { frequency: 'weekly', weekday: '3', categories: 'cs.IR', organizations: 'Example Lab' });
      assert.equal(ok.status, 200);
      assert.match(mainText(ok), /Saved/);
      const saved = await findSubscriberByEmail(fresh.db, 'gina@example.org');
      assert.equal(saved?.frequency, 'weekly');
      assert.equal(saved?.weekday, 3);
      assert.deepEqual(saved?.interests, { categories: ['cs.IR'], topics: [], authors: [], organizations: ['Example Lab'], papers: [] });
    });
  });
}
