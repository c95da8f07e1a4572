import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { backends, type FreshDb } from './helpers/databases.js';
import { countSubscribers, findSubscriberByEmail, findSubscriberById, listSubscribers } from '../src/store/subscribers.js';
import {
  confirmSubscription, purgeUnconfirmed, removeSubscriber, requestSubscription, saveSubscriber, unsubscribeSubscriber, updateSubscriberPreferences,
} from '../src/store/subscribers-write.js';
import { defaultPreferences, type Preferences } from '../src/store/subscribers-input.js';

const weeklyRobotics: Preferences = {
  frequency: 'weekly', weekday: 6,
  interests: { categories: ['cs.RO'], topics: ['legged robots'], authors: [], organizations: ['ETH Zurich'], papers: ['2401.01234'] },
};
const longAgo = '2000-01-01T00:00:00.000Z';

for (const backend of backends()) {
  describe(`subscribers store (${backend.name})`, () => {
    let fresh: FreshDb;
    before(async () => { fresh = await backend.create(); });
    after(async () => { await fresh.drop(); });

    it('a public request creates one pending row per address and updates it on the next request', async () => {
      const first = await requestSubscription(fresh.db, 'ann@example.org', defaultPreferences());
      assert.equal(first.change, 'new');
      assert.equal(first.subscriber.status, 'pending');
      assert.equal(typeof first.subscriber.id, 'number');
      const second = await requestSubscription(fresh.db, 'ann@example.org', weeklyRobotics);
      assert.equal(second.change, 'pending');
      assert.equal(second.subscriber.id, first.subscriber.id);
      assert.equal(second.subscriber.frequency, 'weekly');
      assert.deepEqual(second.subscriber.interests, weeklyRobotics.interests);
      assert.equal((await listSubscribers(fresh.db)).filter((s) => s.email === 'ann@example.org').length, 1);
    });

    it('forgets only never-confirmed sign-ups not requested again since the cut-off', async () => {
      const day = 86_400_000, now = Date.now();
      const at = (daysAgo: number): Date => new Date(now - daysAgo * day);
      await requestSubscription(fresh.db, 'old@example.org', defaultPreferences(), at(40));
      await requestSubscription(fresh.db, 'renewed@example.org', defaultPreferences(), at(40));
      await requestSubscription(fresh.db, 'renewed@example.org', defaultPreferences(), at(2));
      const { subscriber: once } = await requestSubscription(fresh.db, 'once@example.org', defaultPreferences(), at(60));
      await confirmSubscription(fresh.db, once.id, once.tokenVersion, at(60).toISOString(), at(60));
      await unsubscribeSubscriber(fresh.db, once.id, once.tokenVersion, at(50));
      await requestSubscription(fresh.db, 'once@example.org', defaultPreferences(), at(45));
      await saveSubscriber(fresh.db, 'active@example.org', defaultPreferences(), { confirmed: true }, at(90));
      assert.equal(await purgeUnconfirmed(fresh.db, at(30)), 1);
      assert.equal(await findSubscriberByEmail(fresh.db, 'old@example.org'), null);
      assert.equal((await findSubscriberByEmail(fresh.db, 'renewed@example.org'))?.status, 'pending');
      assert.notEqual(await findSubscriberByEmail(fresh.db, 'once@example.org'), null, 'a confirmed-once address is kept');
      assert.equal((await findSubscriberByEmail(fresh.db, 'active@example.org'))?.status, 'active');
      assert.equal(await purgeUnconfirmed(fresh.db, at(30)), 0);
    });

    it('confirming activates; confirming again changes nothing; a stale token version is refused', async () => {
      const { subscriber } = await requestSubscription(fresh.db, 'ben@example.org', weeklyRobotics);
      assert.equal((await confirmSubscription(fresh.db, subscriber.id, subscriber.tokenVersion + 1, longAgo)).outcome, 'gone');
      const done = await confirmSubscription(fresh.db, subscriber.id, subscriber.tokenVersion, longAgo);
      assert.equal(done.outcome, 'confirmed');
      assert.equal(done.subscriber?.status, 'active');
      const again = await confirmSubscription(fresh.db, subscriber.id, subscriber.tokenVersion, longAgo);
      assert.equal(again.outcome, 'already');
      assert.equal(again.subscriber?.confirmedAt, done.subscriber?.confirmedAt);
      assert.equal((await confirmSubscription(fresh.db, 999_999, 1, longAgo)).outcome, 'gone');
    });

    it('a request for an active address waits as a pending change until confirmed', async () => {
      const { subscriber } = await saveSubscriber(fresh.db, 'cat@example.org', defaultPreferences(), { confirmed: true });
      const req = await requestSubscription(fresh.db, 'cat@example.org', weeklyRobotics);
      assert.equal(req.change, 'pending-change');
      assert.equal(req.subscriber.status, 'active');
      assert.equal(req.subscriber.frequency, 'daily');
      assert.deepEqual(req.subscriber.pendingChanges, weeklyRobotics);
      const done = await confirmSubscription(fresh.db, subscriber.id, subscriber.tokenVersion, longAgo);
      assert.equal(done.outcome, 'changed');
      assert.equal(done.subscriber?.frequency, 'weekly');
      assert.equal(done.subscriber?.weekday, 6);
      assert.equal(done.subscriber?.pendingChanges, null);
      assert.equal(done.subscriber?.confirmedAt, subscriber.confirmedAt, 'still confirmed since the first time');
    });

    it('unsubscribing is idempotent; an older confirmation link does not undo it; a new request does', async () => {
      const { subscriber } = await saveSubscriber(fresh.db, 'dee@example.org', defaultPreferences(), { confirmed: true });
      assert.equal(await unsubscribeSubscriber(fresh.db, subscriber.id, subscriber.tokenVersion), 'unsubscribed');
      assert.equal(await unsubscribeSubscriber(fresh.db, subscriber.id, subscriber.tokenVersion), 'already');
      assert.equal(await unsubscribeSubscriber(fresh.db, subscriber.id, subscriber.tokenVersion + 1), 'gone');
      assert.equal((await confirmSubscription(fresh.db, subscriber.id, subscriber.tokenVersion, longAgo)).outcome, 'stale');
      const again = await requestSubscription(fresh.db, 'dee@example.org', weeklyRobotics);
      assert.equal(again.change, 'resubscribe');
      assert.equal(again.subscriber.status, 'pending');
      const done = await confirmSubscription(fresh.db, subscriber.id, subscriber.tokenVersion, new Date().toISOString());
      assert.equal(done.outcome, 'confirmed');
      assert.equal(done.subscriber?.unsubscribedAt, null);
    });

    it('preferences update by id and token version; admin saves apply at once', async () => {
      const { subscriber, created } = await saveSubscriber(fresh.db, 'eve@example.org', defaultPreferences(), { confirmed: false });
      assert.equal(created, true);
      assert.equal(subscriber.status, 'pending');
      assert.equal(await updateSubscriberPreferences(fresh.db, subscriber.id, subscriber.tokenVersion + 1, weeklyRobotics), null);
      const saved = await updateSubscriberPreferences(fresh.db, subscriber.id, subscriber.tokenVersion, weeklyRobotics);
      assert.deepEqual(saved?.interests, weeklyRobotics.interests);
      const admin = await saveSubscriber(fresh.db, 'eve@example.org', defaultPreferences(), { confirmed: true });
      assert.equal(admin.created, false);
      assert.equal(admin.subscriber.status, 'active');
      assert.equal(admin.subscriber.frequency, 'daily');
      assert.ok(admin.subscriber.confirmedAt);
    });

    it('finds, lists, counts and removes', async () => {
      const eve = await findSubscriberByEmail(fresh.db, '  EVE@Example.org ');
      assert.equal(eve?.email, 'eve@example.org');
      assert.equal((await findSubscriberById(fresh.db, eve!.id))?.email, 'eve@example.org');
      const active = await listSubscribers(fresh.db, { status: 'active' });
      assert.ok(active.every((s) => s.status === 'active'));
      assert.ok(active.some((s) => s.email === 'eve@example.org'));
      const page = await listSubscribers(fresh.db, { limit: 2 });
      const next = await listSubscribers(fresh.db, { afterId: page[1]!.id, limit: 2 });
      assert.ok(next[0]!.id > page[1]!.id);
      const counts = await countSubscribers(fresh.db);
      assert.equal(Object.values(counts).reduce((a, b) => a + b, 0), (await listSubscribers(fresh.db)).length);
      assert.equal(await removeSubscriber(fresh.db, 'eve@example.org'), true);
      assert.equal(await removeSubscriber(fresh.db, 'eve@example.org'), false);
      assert.equal(await findSubscriberByEmail(fresh.db, 'eve@example.org'), null);
    });

    it('two simultaneous requests for one new address leave one row', async () => {
      const results = await Promise.all([
        requestSubscription(fresh.db, 'race@example.org', defaultPreferences()),
        requestSubscription(fresh.db, 'race@example.org', weeklyRobotics),
      ]);
      assert.equal(results[0].subscriber.id, results[1].subscriber.id);
      assert.equal((await listSubscribers(fresh.db)).filter((s) => s.email === 'race@example.org').length, 1);
    });
  });
}
