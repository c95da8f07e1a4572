import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { backends, beforeMigration } from './helpers/databases.js';
import { topicPapers } from './helpers/topic-papers.js';
import { embeddedDb, type EmbeddedDb } from './helpers/embedded-db.js';
import { parseQuery } from '../src/search/keyword/query-parse.js';
import { meaningText } from '../src/search/semantic/query-filter.js';
import { upsertRecords } from '../src/store/papers-write.js';
import type { PaperRecord } from '../src/model/paper-record.js';
import type { SearchMode } from '../src/search/semantic/semantic-search.js';

const MODES: SearchMode[] = ['keyword', 'semantic', 'hybrid'];
const V1 = '2025-03-18T00:00:00.000Z';

describe('org: and has:code in the query language', () => {
  it('parses them into filter terms, negated or not, and leaves them out of the text ranked by meaning', () => {
    const q = parseQuery('folding org:"Zhejiang  University" -organization:ACME has:code -has:code has:data');
    assert.deepEqual(q.required.map((g) => g.terms), [['fold'], ['o:zhejiang university'], ['h:code']]);
    assert.deepEqual(q.excluded, ['o:acme', 'h:code']);
    assert.deepEqual([...q.scoring.keys()], ['fold']);
    assert.equal(meaningText('folding org:"Zhejiang University" org:zju -has:code'), 'folding');
    // Any-word matching (pasted text) still requires the filters.
    assert.deepEqual(parseQuery('protein folding org:acme', 'any').required.map((g) => g.terms), [['o:acme']]);
    assert.equal(parseQuery('org: has:').empty, true);
  });
});

/** The topic corpus with organizations and code links: protein papers 0-9 from acme, 10-14 from its second account. */
function corpus(): { records: PaperRecord[]; topicOf: Map<string, string>; acme: Set<string>; acmeAll: Set<string>; coded: Set<string> } {
  const { records, topicOf } = topicPapers();
  const acme = new Set<string>(), acmeAll = new Set<string>(), coded = new Set<string>();
  const proteins = records.filter((r) => topicOf.get(r.id) === 'protein');
  const out = records.map((r) => {
    const i = proteins.indexOf(r);
    const graphIndex = Number(r.id.slice(-3));
    let rec: PaperRecord = r;
    if (i >= 0 && i < 10) { rec = { ...rec, organization: { name: 'acme', fullname: 'Acme Labs' } }; acme.add(r.id); acmeAll.add(r.id); }
    else if (i >= 10 && i < 15) { rec = { ...rec, organization: { name: 'acme-research', fullname: 'ACME LABS' } }; acmeAll.add(r.id); }
    if (topicOf.get(r.id) === 'graph' && graphIndex % 4 === 0) { rec = { ...rec, githubRepo: `https://github.com/x/g${graphIndex}` }; coded.add(r.id); }
    return rec;
  });
  return { records: out, topicOf, acme, acmeAll, coded };
}

for (const backend of backends()) {
  /** The papers of `ids` whose title or abstract has `word`. */
  const saying = (ids: Set<string>, word: string): Set<string> => {
    const byId = new Map(corpus().records.map((r) => [r.id, r]));
    return new Set([...ids].filter((id) => `${byId.get(id)!.title} ${byId.get(id)!.abstract}`.includes(word)));
  };

  describe(`org: and has:code filters (${backend.name})`, () => {
    let db: EmbeddedDb;
    const c = corpus();
    before(async () => { db = await embeddedDb(backend, c.records); });
    after(async () => db?.close());

    const ids = async (query: string, mode: SearchMode, limit = 100): Promise<Set<string>> => {
      const r = await db.engine.search(query, { mode, limit });
      assert.ok(r.ok, `${mode} ${query}`);
      assert.equal(r.degraded, undefined);
      return new Set(r.hits.map((h) => h.paperId));
    };

    it('restricts every mode to an organization by account or full name, ignoring case', async () => {
      for (const mode of MODES) {
        // Keyword search needs the word; meaning ranks every paper the filter lets through.
        const folding = mode === 'keyword' ? saying(c.acme, 'folding') : c.acme;
        assert.ok(folding.size > 0 && folding.size < c.acme.size || mode !== 'keyword');
        assert.deepEqual(await ids('folding org:acme', mode), folding, mode);
        assert.deepEqual(await ids('org:ACME', mode), c.acme, `${mode}: a listing of the account`);
        assert.deepEqual(await ids('org:"acme labs"', mode), c.acmeAll, `${mode}: every account of that full name`);
        const outside = await ids('protein -org:acme', mode);
        assert.ok(outside.size > 0 && [...outside].every((id) => !c.acme.has(id)), mode);
      }
    });

    it('ranks by meaning inside the filter: words of another topic still find the organization\'s papers', async () => {
      // No acme paper says "galaxy": keyword search finds none, while semantic and hybrid rank all of them.
      assert.equal((await ids('galaxy org:acme', 'keyword')).size, 0);
      for (const mode of ['semantic', 'hybrid'] as SearchMode[]) assert.deepEqual(await ids('galaxy halo org:acme', mode), c.acme, mode);
    });

    it('restricts every mode to papers with code, and lists them newest first', async () => {
      for (const mode of MODES) {
        assert.deepEqual(await ids('has:code', mode), c.coded, mode);
        assert.deepEqual(await ids('coloring has:code', mode), mode === 'keyword' ? saying(c.coded, 'coloring') : c.coded, mode);
        // No protein paper has code: keyword search finds none, meaning ranks the papers with code.
        assert.deepEqual(await ids('protein has:code', mode), mode === 'keyword' ? new Set() : c.coded, mode);
      }
      const listing = await db.engine.search('has:code category:cs.DS', { mode: 'hybrid', limit: 10 });
      assert.ok(listing.ok && listing.filtersOnly === true);
      assert.equal(listing.total, c.coded.size);
    });

    it('indexes a paper again when it gains an organization or code, or its organization gains a full name', async () => {
      const [a, b] = c.records.filter((r) => c.topicOf.get(r.id) === 'galaxy');
      await upsertRecords(db.fresh.db, [{ ...a!, githubRepo: 'https://github.com/x/galaxy' }, { ...b!, organization: { name: 'stars', fullname: null } }]);
      await db.keyword.indexPending();
      assert.deepEqual(await ids('has:code category:astro-ph.GA', 'keyword'), new Set([a!.id]));
      assert.deepEqual(await ids('org:stars', 'keyword'), new Set([b!.id]));
      assert.equal((await ids('org:"Star Lab"', 'keyword')).size, 0);
      // A later listing names the account: its papers are queued and then found by the full name.
      await upsertRecords(db.fresh.db, [{ ...b!, organization: { name: 'stars', fullname: 'Star Lab' } }]);
      assert.equal(Number((await db.fresh.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM search_pending'))!.n), 1);
      await db.keyword.indexPending();
      assert.deepEqual(await ids('org:"Star Lab"', 'keyword'), new Set([b!.id]));
    });

    it('queues, when upgrading, the papers with an organization or code and drops the index they no longer need (migration 14)', () => beforeMigration(backend, 14, async (d, upgrade) => {
      const add = (id: string, org: string | null, repo: string | null) => d.run(
        'INSERT INTO papers (paper_id, title, organization, github_repo, first_seen_at, last_changed_at) VALUES (?, ?, ?, ?, ?, ?)', [id, id, org, repo, V1, V1]);
      await add('org', 'acme', null);
      await add('code', null, 'https://github.com/x/y');
      await add('blank', null, '');
      await add('plain', null, null);
      await upgrade();
      const queued = await d.all<{ paper_id: string }>('SELECT p.paper_id FROM search_pending q JOIN papers p ON p.id = q.paper_id ORDER BY p.paper_id');
      assert.deepEqual(queued.map((r) => r.paper_id), ['code', 'org']);
      // The index is gone: creating it again under its name succeeds.
      await d.run("CREATE INDEX papers_with_code ON papers (published_at) WHERE github_repo IS NOT NULL");
    }));
  });
}
