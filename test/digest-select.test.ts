import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { backends, type FreshDb } from './helpers/databases.js';
import { DIGEST_DAY, PUBLISHED_DAY, seedDigestPapers } from './helpers/digest-seed.js';
import type { KeywordIndex } from '../src/search/keyword/keyword-index.js';
import { DigestSelector } from '../src/email/digest-select.js';
import { digestPeriod, duePeriods, parseDigestPeriod, previousWeekday } from '../src/email/digest-period.js';
import { emptyInterests } from '../src/store/subscribers-input.js';
import { insertSubscriberRow } from '../src/store/digest-subscribers.js';
import { markSent } from '../src/store/digest-outbox.js';
import { papersByIds } from '../src/store/paper-batch-read.js';
import type { ModeSearchOptions, RecommendScope, SemanticSearch } from '../src/search/semantic/semantic-search.js';

const interests = (i: Partial<ReturnType<typeof emptyInterests>>) => ({ ...emptyInterests(), ...i });

describe('digest periods', () => {
  it('sends daily digests on weekdays for the previous weekday, weekly ones for the 7 days before', () => {
    assert.equal(previousWeekday('2025-03-17'), '2025-03-14'); // Monday covers Friday
    assert.equal(duePeriods('2025-03-18').daily?.name, 'daily:2025-03-17');
    assert.equal(duePeriods('2025-03-22').daily, null); // Saturday: no daily digest
    const w = duePeriods('2025-03-19');
    assert.equal(w.weekly.name, 'weekly:2025-03-18');
    assert.equal(w.weekly.from, '2025-03-12');
    assert.equal(w.weeklyWeekday, 3);
    assert.deepEqual(parseDigestPeriod('weekly:2025-03-18'), digestPeriod('weekly', '2025-03-18'));
    assert.equal(parseDigestPeriod('daily:2025-02-30'), null);
  });
});

for (const backend of backends()) {
  describe(`digest selection (${backend.name})`, () => {
    let fresh: FreshDb;
    let keyword: KeywordIndex;
    before(async () => {
      fresh = await backend.create();
      keyword = await seedDigestPapers(fresh);
    });
    after(async () => { await keyword.close(); await fresh.drop(); });

    it('gives the top trending papers of the listed day to someone without interests', async () => {
      const sel = await DigestSelector.open({ db: fresh.db, keyword }, digestPeriod('daily', DIGEST_DAY));
      assert.equal(sel.papers.source, 'listing');
      const id = await insertSubscriberRow(fresh.db, { email: 'plain@example.org' });
      const pick = await sel.select(id, emptyInterests());
      assert.deepEqual(pick.top.map((p) => p.paperId).slice(0, 3), ['2503.10001', '2503.10002', '2503.10003']);
      assert.equal(pick.top.length, 7);
      assert.equal(pick.forYou.length, 0);
    });

    it('adds papers for categories, authors, organizations and topics, restricted to the period', async () => {
      const sel = await DigestSelector.open({ db: fresh.db, keyword }, digestPeriod('daily', DIGEST_DAY));
      const id = await insertSubscriberRow(fresh.db, { email: 'picky@example.org' });
      const pick = await sel.select(id, interests({ categories: ['cs.CL'], authors: ['Barbara Liskov'], topics: ['molecules'], organizations: ['evil'] }));
      const ids = pick.forYou.map((p) => p.paperId);
      assert.ok(ids.includes('2503.10005'), 'category and organization');
      assert.ok(ids.includes('2503.10007'), 'category cs.CL');
      assert.ok(ids.includes('2503.10006'), 'author and topic');
      assert.ok(!ids.includes('2401.00001') && !ids.includes('2503.20001'), 'nothing outside the period');
      const both = pick.forYou.find((p) => p.paperId === '2503.10006')!;
      assert.deepEqual(both.reasons.sort(), ['Barbara Liskov', 'molecules']);
      assert.deepEqual(ids.slice(0, 2).sort(), ['2503.10005', '2503.10006'], 'papers matching two interests come first');
      for (const p of pick.top) assert.ok(!ids.includes(p.paperId), 'no paper twice in one digest');
    });

    it('never repeats a paper already sent to the subscriber', async () => {
      const id = await insertSubscriberRow(fresh.db, { email: 'repeat@example.org' });
      const papers = await papersByIds(fresh.db, ['2503.10001', '2503.10002']);
      await fresh.db.run("INSERT INTO digest_outbox (subscriber_id, period, next_attempt_at, message_id, created_at, updated_at) VALUES (?, 'daily:2025-03-10', 'x', '<m@x>', 'x', 'x')", [id]);
      const row = await fresh.db.get<{ id: number }>('SELECT id FROM digest_outbox WHERE subscriber_id = ?', [id]);
      await markSent(fresh.db, { id: Number(row!.id), subscriberId: id, period: 'daily:2025-03-10', attempts: 0, messageId: '<m@x>', papers: null, sendingSince: null }, papers.map((p) => p.rowId), new Date());
      const sel = await DigestSelector.open({ db: fresh.db, keyword }, digestPeriod('daily', DIGEST_DAY));
      const pick = await sel.select(id, emptyInterests());
      assert.deepEqual(pick.top.map((p) => p.paperId).slice(0, 2), ['2503.10003', '2503.10004']);
    });

    it('falls back to papers published on the day, and gives nothing for an empty period', async () => {
      const sel = await DigestSelector.open({ db: fresh.db, keyword }, digestPeriod('daily', PUBLISHED_DAY));
      assert.equal(sel.papers.source, 'published');
      assert.deepEqual(sel.papers.papers.map((p) => p.paperId).sort(), ['2503.20001', '2503.20002']);
      const empty = await DigestSelector.open({ db: fresh.db, keyword }, digestPeriod('daily', '2025-01-01'));
      assert.equal(empty.papers.source, 'empty');
      assert.deepEqual(await empty.select(1, interests({ topics: ['speech'] })), { top: [], forYou: [] });
    });

    it('a weekly period covers the 7 days ending its day', async () => {
      const sel = await DigestSelector.open({ db: fresh.db, keyword }, digestPeriod('weekly', '2025-03-20'));
      assert.equal(sel.papers.papers.length, 7);
    });

    it('uses the semantic ranking for "papers like these" when one is given', async () => {
      const calls: string[] = [];
      const semantic = {
        async recommend(positive: readonly string[], _n: readonly string[], _l: number, scope?: RecommendScope) {
          calls.push(`recommend ${positive.join(',')} within ${[...scope?.within ?? []].sort().join(',')}`);
          return { hits: [{ paperId: '2503.10004', title: '', score: 1 }], unknown: [] };
        },
        async search(q: string, opts: ModeSearchOptions) { calls.push(`search ${q} within ${[...opts.within ?? []].sort().join(',')}`); return { ok: true as const, hits: [{ paperId: '2503.10007', title: '', score: 1 }], total: 1, mode: 'hybrid' as const }; },
      } as unknown as SemanticSearch;
      const sel = await DigestSelector.open({ db: fresh.db, keyword, semantic }, digestPeriod('daily', DIGEST_DAY));
      const id = await insertSubscriberRow(fresh.db, { email: 'like@example.org' });
      const pick = await sel.select(id, interests({ papers: ['2401.00001'], topics: ['anything'] }));
      assert.deepEqual(pick.forYou.map((p) => p.paperId).sort(), ['2503.10004', '2503.10007']);
      assert.equal(calls.length, 2);
      // Topics and "papers like these" are ranked among the period's papers only, not the whole corpus.
      const period = sel.papers.papers.map((p) => p.paperId).sort().join(',');
      assert.ok(calls.includes(`search anything within ${period}`), calls.join('; '));
      assert.ok(calls.includes(`recommend 2401.00001 within ${period}`), calls.join('; '));
    });
  });
}
