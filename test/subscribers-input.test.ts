import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { normaliseEmail } from '../src/email/email-address.js';
import { parseInterests, parseWeekday, storedInterests } from '../src/store/subscribers-input.js';
import { parseCsv, subscribersFromCsv } from '../src/cli/subscribers-csv.js';
import { subscriberLinks, listUnsubscribeHeaders } from '../src/email/subscriber-links.js';
import { verifyToken } from '../src/email/signed-token.js';
import { confirmationMail } from '../src/email/confirmation-mail.js';
import { defaultPreferences } from '../src/store/subscribers-input.js';
import { RateLimiter } from '../src/web/http/rate-limit.js';

describe('subscriber input', () => {
  it('normalises addresses and refuses bad ones', () => {
    assert.deepEqual(normaliseEmail('  Jane.Doe+papers@Example.ORG '), { ok: true, address: 'jane.doe+papers@example.org' });
    assert.deepEqual(normaliseEmail('x@xn--bcher-kva.example'), { ok: true, address: 'x@xn--bcher-kva.example' });
    for (const bad of ['', 'plain', 'a@b', 'a@@b.org', 'a b@c.org', 'a@b.org\r\nBcc: c@d.org', 'a\n@b.org', '.a@b.org', 'a..b@c.org',
      'a@-b.org', 'a@b.1', `${'x'.repeat(65)}@b.org`, `a@${'b'.repeat(250)}.org`, '"quoted"@b.org', 'ü@b.org']) {
      assert.equal(normaliseEmail(bad).ok, false, JSON.stringify(bad));
    }
  });

  it('validates interests: categories, paper ids, list sizes; drops duplicates', () => {
    const ok = parseInterests({ categories: ['cs.CL', 'CS.cl'], topics: [' diffusion '], papers: ['https://arxiv.org/abs/2401.01234v3', 'hep-th/9901001', 'https://huggingface.co/papers/2402.00002'] });
    assert.deepEqual(ok, { ok: true, value: { categories: ['cs.CL'], topics: ['diffusion'], authors: [], organizations: [], papers: ['2401.01234', 'hep-th/9901001', '2402.00002'] } });
    const bad = parseInterests({ categories: ['not ok!'], authors: Array.from({ length: 21 }, (_, i) => `A${i}`), papers: ['nope'] });
    assert.equal(bad.ok, false);
    if (!bad.ok) assert.deepEqual(Object.keys(bad.errors).sort(), ['authors', 'categories', 'papers']);
    assert.deepEqual(storedInterests('{not json'), { categories: [], topics: [], authors: [], organizations: [], papers: [] });
    assert.equal(parseWeekday('Fri'), 5);
    assert.equal(parseWeekday('sunday'), 7);
    assert.equal(parseWeekday('3'), 3);
    assert.equal(parseWeekday('fr'), null);
    assert.equal(parseWeekday('funday'), null);
  });

  it('reads CSV with quotes, CRLF and multi-line cells, reporting bad rows as file:line', () => {
    assert.deepEqual(parseCsv('a,b\r\n"x, ""y""",z\n\n"multi\nline",w\n').map((r) => [r.line, r.cells]), [
      [1, ['a', 'b']], [2, ['x, "y"', 'z']], [4, ['multi\nline', 'w']],
    ]);
    const text = [
      'Email,Frequency,Weekday,Topics,Authors,Categories',
      'one@example.org,weekly,fri,diffusion;speech,"Doe, J.;Roe, R.",cs.CL',
      'not-an-address,daily,,,,',
      'two@example.org,hourly,,,,',
      'three@example.org,,,,,bad category!',
      'four@example.org',
    ].join('\n');
    const r = subscribersFromCsv(text, 'list.csv');
    assert.ok(r.ok);
    if (!r.ok) return;
    assert.deepEqual(r.rows.map((x) => [x.line, x.email]), [[2, 'one@example.org'], [6, 'four@example.org']]);
    assert.deepEqual(r.rows[0]!.prefs.interests.authors, ['Doe, J.', 'Roe, R.']);
    assert.equal(r.rows[0]!.prefs.weekday, 5);
    assert.deepEqual(r.problems.map((p) => p.source), ['list.csv:3', 'list.csv:4', 'list.csv:5']);
    assert.equal(subscribersFromCsv('mail,topics\nx@y.org,a\n', 'f.csv').ok, false);
    assert.equal(subscribersFromCsv('', 'f.csv').ok, false);
  });

  it('builds signed links and RFC 8058 headers for the digest sender', () => {
    const links = subscriberLinks('s'.repeat(20), 'https://papers.example.org/base/', { id: 7, tokenVersion: 2 });
    assert.match(links.unsubscribe, /^https:\/\/papers\.example\.org\/base\/unsubscribe\/unsubscribe\.7\.2\.\d+\.[\w-]+$/);
    assert.match(links.oneClick, /\/base\/unsubscribe\/one-click\//);
    const token = links.preferences.split('/').pop()!;
    const check = verifyToken('s'.repeat(20), token, 'preferences');
    assert.ok(check.ok && check.claims.subscriberId === 7 && check.claims.version === 2);
    assert.deepEqual(listUnsubscribeHeaders(links), { 'List-Unsubscribe': `<${links.oneClick}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' });
  });

  it('escapes what the subscriber typed in the opt-in mail', () => {
    const prefs = { ...defaultPreferences(), interests: { ...defaultPreferences().interests, topics: ['<script>x</script>'] } };
    const mail = confirmationMail({ to: 'a@b.org', kind: 'subscribe', confirmUrl: 'https://x.org/c', siteUrl: 'https://x.org/', preferences: prefs, validHours: 72 });
    assert.ok(!mail.html!.includes('<script>'));
    assert.ok(mail.html!.includes('&lt;script&gt;'));
    assert.ok(mail.text.includes('https://x.org/c'));
  });

  it('rate limiter: sliding window per key, bounded memory', () => {
    let now = 0;
    const limiter = new RateLimiter({ limit: 2, windowMs: 1000, maxKeys: 3, now: () => now });
    assert.ok(limiter.hit('a').ok);
    assert.ok(limiter.hit('a').ok);
    const refused = limiter.hit('a');
    assert.ok(!refused.ok && refused.retryAfterSeconds === 1);
    now = 1001;
    assert.ok(limiter.hit('a').ok);
    for (const k of ['b', 'c', 'd', 'e']) assert.ok(limiter.hit(k).ok);
  });
});
