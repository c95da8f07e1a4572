import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { backends, type FreshDb } from './helpers/databases.js';
import { webAppWith, TEST_BASE_URL } from './helpers/web-app.js';
import { FormClient, injectTransport, mainText } from './helpers/form-client.js';
import { countSubscribers, findSubscriberByEmail } from '../src/store/subscribers.js';
import { revokeSubscriberLinks, saveSubscriber } from '../src/store/subscribers-write.js';
import { defaultPreferences } from '../src/store/subscribers-input.js';
import { signToken } from '../src/email/signed-token.js';
import { subscriberLinks } from '../src/email/subscriber-links.js';

const SECRET = 'links-test-secret-0123456789';
const path = (url: string): string => new URL(url).pathname;

for (const backend of backends()) {
  describe(`signed subscriber links (${backend.name})`, () => {
    let fresh: FreshDb;
    let app: FastifyInstance;
    const browser = (): FormClient => new FormClient(injectTransport(app));

    before(async () => {
      fresh = await backend.create();
      app = await webAppWith(fresh, [], { SMTP_URL: 'smtp://127.0.0.1:9', PAPERBOY_SECRET: SECRET });
    });
    after(async () => {
      await app.close();
      await fresh.drop();
    });

    it('serves the same pages with the token in the query string', async () => {
      const { subscriber } = await saveSubscriber(fresh.db, 'query@example.org', defaultPreferences(), { confirmed: true });
      const links = subscriberLinks(SECRET, TEST_BASE_URL, subscriber);
      const token = (url: string): string => url.split('/').pop()!;
      const b = browser();
      assert.match(mainText(await b.get(`/preferences?token=${token(links.preferences)}`)), /Digest preferences/);
      assert.match(mainText(await b.get(`/unsubscribe?token=${token(links.unsubscribe)}`)), /Stop sending digests/);
      const oneClick = await b.rawPost(`/unsubscribe/one-click?token=${token(links.oneClick)}`, 'List-Unsubscribe=One-Click', 'application/x-www-form-urlencoded');
      assert.equal(oneClick.status, 200);
      assert.equal((await findSubscriberByEmail(fresh.db, 'query@example.org'))?.status, 'unsubscribed');
    });

    it('refuses tampered, wrong-purpose, revoked and expired links', async () => {
      const { subscriber } = await saveSubscriber(fresh.db, 'links@example.org', defaultPreferences(), { confirmed: true });
      const links = subscriberLinks(SECRET, TEST_BASE_URL, subscriber);
      const b = browser();
      const tampered = path(links.unsubscribe).replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
      assert.equal((await b.get(tampered)).status, 400);
      assert.equal((await b.get(path(links.preferences).replace('/preferences/', '/unsubscribe/'))).status, 400, 'a preferences token does not unsubscribe');
      assert.equal((await b.get('/unsubscribe/garbage')).status, 400);
      const expired = signToken(SECRET, { purpose: 'unsubscribe', subscriberId: subscriber.id, version: subscriber.tokenVersion, expires: 1000 });
      assert.equal((await b.get(`/unsubscribe/${expired}`)).status, 410);
      assert.equal((await b.rawPost(path(links.oneClick), 'hello', 'text/plain')).status, 400, 'one-click needs its body');
      await revokeSubscriberLinks(fresh.db, subscriber.id);
      assert.equal((await b.get(path(links.preferences))).status, 400);
      assert.equal((await b.rawPost(path(links.oneClick), 'List-Unsubscribe=One-Click', 'application/x-www-form-urlencoded')).status, 404);
      assert.equal((await findSubscriberByEmail(fresh.db, 'links@example.org'))?.status, 'active');
    });
  });
}

describe('subscription form without SMTP_URL', () => {
  it('renders with a notice, and a post stores nothing', async () => {
    const [sqlite] = backends();
    const fresh = await sqlite!.create();
    const app = await webAppWith(fresh, [], { PAPERBOY_SECRET: SECRET });
    try {
      const b = new FormClient(injectTransport(app));
      const form = await b.get('/subscribe');
      assert.equal(form.status, 200);
      assert.match(mainText(form), /Email digests are not configured on this instance/);
      assert.ok(form.doc.querySelector('.subscribe-form button[type="submit"]')?.hasAttribute('disabled'));
      const r = await b.post('/subscribe', { email: 'nobody@example.org' });
      assert.equal(r.status, 503);
      assert.match(mainText(r), /not configured/);
      assert.deepEqual(await countSubscribers(fresh.db), {});
    } finally {
      await app.close();
      await fresh.drop();
    }
  });
});
