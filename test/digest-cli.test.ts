import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { backends, type Backend } from './helpers/databases.js';
import { DIGEST_DAY } from './helpers/digest-seed.js';
import { runCli } from './helpers/cli-process.js';
import { deliveries, digestWorld, type DigestWorld } from './helpers/digest-world.js';
import { requestSubscription } from '../src/store/subscribers-write.js';
import { findSubscriberByEmail } from '../src/store/subscribers.js';
import { defaultPreferences } from '../src/store/subscribers-input.js';

const N = 24;
const world = (backend: Backend): Promise<DigestWorld> => digestWorld(backend, N);

for (const backend of backends()) {
  describe(`paperboy digest senders in parallel processes (${backend.name})`, () => {
    it('two senders at once share the work: no duplicate, no loss', async () => {
      const w = await world(backend);
      try {
        const runs = await Promise.all([1, 2].map(() => runCli(['digest', 'send', '--date', DIGEST_DAY, '--json'], w.env, 60_000)));
        for (const r of runs) assert.equal(r.code, 0, r.stderr);
        const sums = runs.map((r) => (JSON.parse(r.stdout) as { summary: { sent: number; duplicates: number } }).summary);
        assert.equal(sums[0]!.sent + sums[1]!.sent, N);
        for (const s of sums) assert.equal(s.duplicates, 0, 'no row sent by both');
        assert.equal(w.sink.mails.length, N);
        const got = deliveries(w.sink);
        for (const e of w.emails) assert.equal(got.get(e)?.mails, 1, e);
      } finally {
        await w.close();
      }
    });
  });
}

describe('paperboy digest preview, dry run and status', () => {
  let w: DigestWorld;
  before(async () => { w = await world(backends()[0]!); });
  after(async () => { await w.close(); });

  it('previews a subscriber\'s digest as text and HTML without sending or recording', async () => {
    const text = await runCli(['digest', 'preview', '--email', 'S0@example.org', '--date', DIGEST_DAY], w.env);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /^To: s0@example.org\nSubject: 5 papers for March 18, 2025/);
    assert.match(text.stdout, /List-Unsubscribe: <https:\/\/papers\.example\.org\/unsubscribe\/one-click\/unsubscribe\./);
    const html = await runCli(['digest', 'preview', '--email', 's0@example.org', '--date', DIGEST_DAY, '--format', 'html'], w.env);
    assert.match(html.stdout, /^<!DOCTYPE html>/);
    const none = await runCli(['digest', 'preview', '--email', 's0@example.org', '--date', '2025-01-01'], w.env);
    assert.match(none.stdout, /nothing to send/);
    const unknown = await runCli(['digest', 'preview', '--email', 'who@example.org'], w.env);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /no subscriber who@example.org/);
    assert.equal(w.sink.mails.length, 0);
  });

  it('dry-runs a send, refuses a bad date, sends with a summary and reports status', async () => {
    const dry = await runCli(['digest', 'send', '--date', DIGEST_DAY, '--dry-run'], w.env);
    assert.equal(dry.code, 0, dry.stderr);
    assert.match(dry.stdout, new RegExp(`daily:${DIGEST_DAY}: 7 papers; ${N} of ${N} subscribers would get a digest`));
    const bad = await runCli(['digest', 'send', '--date', '2025-02-30'], w.env);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /2025-02-30 is not a calendar day/);
    const noSmtp = await runCli(['digest', 'send', '--date', DIGEST_DAY], { ...w.env, SMTP_URL: '' });
    assert.equal(noSmtp.code, 2);
    assert.match(noSmtp.stderr, /no SMTP server configured: set SMTP_URL/);
    const status = await runCli(['digest', 'status'], w.env);
    assert.match(status.stdout, /outbox: 0 sent, 0 pending/);
    assert.equal(w.sink.mails.length, 0);
    // Sign-ups never confirmed are forgotten 30 days after their last request; recent ones wait.
    const day = 86_400_000;
    await requestSubscription(w.fresh.db, 'stale@example.org', defaultPreferences(), new Date(Date.now() - 31 * day));
    await requestSubscription(w.fresh.db, 'recent@example.org', defaultPreferences(), new Date(Date.now() - 29 * day));
    const real = await runCli(['digest', 'send', '--date', DIGEST_DAY], w.env, 60_000);
    assert.equal(real.code, 0, real.stderr);
    assert.match(real.stdout, new RegExp(`^daily:${DIGEST_DAY}, weekly:${DIGEST_DAY}: ${N} new in the outbox; sent ${N}, skipped 0 \\(nothing new\\), retrying 0, failed 0\nforgot 1 unconfirmed sign-up older than 30 days\n$`));
    assert.equal(await findSubscriberByEmail(w.fresh.db, 'stale@example.org'), null);
    assert.equal((await findSubscriberByEmail(w.fresh.db, 'recent@example.org'))?.status, 'pending');
    const after = await runCli(['digest', 'status'], w.env);
    assert.match(after.stdout, new RegExp(`outbox: ${N} sent, 0 pending[\\s\\S]*daily:${DIGEST_DAY}\\s+${N}\\s+0\\s+0\\s+0\\s+0\\n[\\s\\S]*bouncing addresses: none`));
  });
});
