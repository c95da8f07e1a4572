import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { backends, type FreshDb } from './helpers/databases.js';
import { webAppWith, TEST_BASE_URL } from './helpers/web-app.js';
import { startSmtpSink, type SmtpSink } from './helpers/smtp-sink.js';
import { FormClient, injectTransport, mainText } from './helpers/form-client.js';
import { findSubscriberByEmail } from '../src/store/subscribers.js';
import { requestSubscription, saveSubscriber, unsubscribeSubscriber } from '../src/store/subscribers-write.js';
import { defaultPreferences } from '../src/store/subscribers-input.js';
import { subscriberLinks } from '../src/email/subscriber-links.js';

const SECRET = 'guards-test-secret-0123456789';
const path = (url: string): string => new URL(url).pathname;

for (const backend of backends()) {
  describe(`subscription guards: CSRF, rate limit, no enumeration, validation (${backend.name})`, () => {
    let fresh: FreshDb;
    let sink: SmtpSink;
    let app: FastifyInstance;
    let ip = 0;
    /** A new browser from a new address, so the per-IP limit only bites where a test wants it to. */
    const browser = (address = `10.1.0.${++ip}`): FormClient => new FormClient(injectTransport(app, address));

    before(async () => {
      fresh = await backend.create();
      sink = await startSmtpSink();
      app = await webAppWith(fresh, [], { SMTP_URL: sink.url, PAPERBOY_SECRET: SECRET });
    });
    after(async () => {
      await app.close();
      await sink.close();
      await fresh.drop();
    });

    it('the form sets a __Host- CSRF cookie (Secure, HttpOnly, SameSite=Lax) and is never cached', async () => {
      const b = browser();
      const first = await b.get('/subscribe');
      const cookie = first.setCookies.find((c) => c.startsWith('__Host-pb_csrf='));
      assert.ok(cookie, first.setCookies.join(' | '));
      for (const attr of ['Path=/', 'HttpOnly', 'SameSite=Lax', 'Secure']) assert.ok(cookie.includes(attr), `${attr} in ${cookie}`);
      assert.equal(first.headers['cache-control'], 'no-store');
      const second = await b.get('/subscribe');
      assert.notEqual(second.headers['x-page-cache'], 'hit');
      assert.ok(second.headers['content-security-policy']);
    });

    it('rejects form posts without a matching CSRF token with 403, and changes nothing', async () => {
      const noToken = await browser().post('/subscribe', { email: 'mallory@example.org' });
      assert.equal(noToken.status, 403);
      assert.match(mainText(noToken), /could not be accepted/);
      const victim = browser();
      await victim.get('/subscribe');
      const forged = browser();
      const stolenField = victim.last!.doc.querySelector('input[name="_csrf"]')!.getAttribute('value')!;
      await forged.get('/subscribe');
      const mismatch = await forged.post('/subscribe', { email: 'mallory@example.org', _csrf: stolenField }, { withHidden: false });
      assert.equal(mismatch.status, 403, 'a token from another browser does not match this cookie');
      assert.equal(await findSubscriberByEmail(fresh.db, 'mallory@example.org'), null);

      const { subscriber } = await saveSubscriber(fresh.db, 'csrf@example.org', defaultPreferences(), { confirmed: true });
      const links = subscriberLinks(SECRET, TEST_BASE_URL, subscriber);
      assert.equal((await browser().post(path(links.unsubscribe), {})).status, 403);
      assert.equal((await browser().post(path(links.preferences), { frequency: 'weekly', weekday: '2' })).status, 403);
      const after = await findSubscriberByEmail(fresh.db, 'csrf@example.org');
      assert.equal(after?.status, 'active');
      assert.equal(after?.frequency, 'daily');
      const pending = await requestSubscription(fresh.db, 'csrf2@example.org', defaultPreferences());
      assert.equal((await browser().post(path(subscriberLinks(SECRET, TEST_BASE_URL, pending.subscriber).confirm), {})).status, 403);
      assert.equal((await findSubscriberByEmail(fresh.db, 'csrf2@example.org'))?.status, 'pending');
    });

    it('limits the form to 5 posts per client IP in 10 minutes, then answers 429 with a readable page', async () => {
      const b = browser('10.9.9.9');
      await b.get('/subscribe');
      for (let i = 0; i < 5; i++) {
        await b.get('/subscribe');
        assert.equal((await b.post('/subscribe', { email: `rate${i}@example.org` })).status, 200);
      }
      await b.get('/subscribe');
      const limited = await b.post('/subscribe', { email: 'rate5@example.org' });
      assert.equal(limited.status, 429);
      assert.match(mainText(limited), /Too many requests/);
      assert.ok(Number(limited.headers['retry-after']) > 0);
      assert.equal(await findSubscriberByEmail(fresh.db, 'rate5@example.org'), null);
      const other = browser('10.9.9.10');
      await other.get('/subscribe');
      assert.equal((await other.post('/subscribe', { email: 'rate5@example.org' })).status, 200, 'another client is not limited');
    });

    it('sends at most 3 confirmation mails per address per hour, whatever the clients', async () => {
      for (let i = 0; i < 4; i++) {
        const b = browser();
        await b.get('/subscribe');
        assert.equal((await b.post('/subscribe', { email: 'flooded@example.org' })).status, 200);
      }
      const toVictim = (): number => sink.received.filter((m) => m.to.includes('flooded@example.org')).length;
      const deadline = Date.now() + 10_000;
      while (toVictim() < 3 && Date.now() < deadline) await sink.waitFor(sink.received.length + 1, deadline - Date.now()).catch(() => undefined);
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(toVictim(), 3);
    });

    it('answers identically whether the address is new, pending, active or unsubscribed', async () => {
      await requestSubscription(fresh.db, 'enum-pending@example.org', defaultPreferences());
      await saveSubscriber(fresh.db, 'enum-active@example.org', defaultPreferences(), { confirmed: true });
      const gone = await saveSubscriber(fresh.db, 'enum-left@example.org', defaultPreferences(), { confirmed: true });
      await unsubscribeSubscriber(fresh.db, gone.subscriber.id, gone.subscriber.tokenVersion);
      const answers = [];
      for (const email of ['enum-new@example.org', 'enum-pending@example.org', 'ENUM-ACTIVE@example.org', 'enum-left@example.org']) {
        const b = browser();
        await b.get('/subscribe');
        const r = await b.post('/subscribe', { email, frequency: 'weekly', weekday: '2', topics: 'robotics' });
        const { date: _d, etag: _e, 'content-length': _l, ...headers } = r.headers;
        answers.push({ status: r.status, headers, body: r.body });
      }
      for (const a of answers.slice(1)) assert.deepEqual(a, answers[0]);
      assert.equal(answers[0]!.status, 200);
    });

    it('does not wait for SMTP before answering (a stalled mail server changes no response time)', async () => {
      const sockets = new Set<Socket>();
      let answer = false;
      const refuse = (s: Socket): void => { s.end('421 service closing\r\n'); };
      const stalled: Server = createServer((s) => { if (answer) refuse(s); else sockets.add(s); });
      await new Promise<void>((r) => stalled.listen(0, '127.0.0.1', r));
      const slowFresh = await backend.create();
      const slow = await webAppWith(slowFresh, [], { SMTP_URL: `smtp://127.0.0.1:${(stalled.address() as AddressInfo).port}`, PAPERBOY_SECRET: SECRET });
      try {
        const b = new FormClient(injectTransport(slow, '10.2.0.1'));
        await b.get('/subscribe');
        const began = Date.now();
        const r = await b.post('/subscribe', { email: 'slow@example.org' });
        assert.equal(r.status, 200);
        assert.ok(Date.now() - began < 2000, `answered in ${Date.now() - began} ms`);
      } finally {
        // Now the server answers, with a refusal: the queued mail fails at once and closing is quick.
        answer = true;
        for (const s of sockets) refuse(s);
        await slow.close();
        stalled.close();
        await slowFresh.drop();
      }
    });

    it('re-renders the form with each message next to its field, keeping what was typed', async () => {
      const b = browser();
      await b.get('/subscribe');
      const r = await b.post('/subscribe', {
        email: 'someone@localhost', frequency: 'weekly', weekday: '4',
        topics: Array.from({ length: 21 }, (_, i) => `topic ${i}`).join('\n'), papers: '2401.01234 banana',
      });
      assert.equal(r.status, 400);
      assert.equal(r.doc.querySelector('#f-email')?.getAttribute('aria-invalid'), 'true');
      assert.match(r.doc.querySelector('#f-email-error')?.text ?? '', /needs a dot/);
      assert.match(r.doc.querySelector('#f-topics-error')?.text ?? '', /at most 20/);
      assert.match(r.doc.querySelector('#f-papers-error')?.text ?? '', /"banana" is not an arXiv id/);
      assert.equal(r.doc.querySelector('#f-email')?.getAttribute('value'), 'someone@localhost');
      assert.ok(r.doc.querySelector('input[name="frequency"][value="weekly"]')?.hasAttribute('checked'));
      assert.equal(r.doc.querySelector('#f-weekday option[selected]')?.getAttribute('value'), '4');
      for (const email of ['a@b', 'x@example.org\r\nBcc: victim@example.org', `${'a'.repeat(65)}@example.org`, 'two@@example.org', 'no-at.example.org']) {
        const bad = await b.post('/subscribe', { email });
        assert.equal(bad.status, 400, email);
      }
      assert.equal(await findSubscriberByEmail(fresh.db, 'someone@localhost'), null);
    });
  });
}
