import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Db } from '../src/db/db.js';
import { planFor } from '../src/ingest/harvest/harvest-params.js';
import { runHarvest, type HarvestDeps, type HarvestOutcome } from '../src/ingest/harvest/run-harvest.js';
import { loadHarvestState } from '../src/store/harvest-state.js';
import { backends, type Backend, type FreshDb } from './helpers/databases.js';
import { runCli, startCli } from './helpers/cli-process.js';
import { harvestConfig, sourceRoutes, startFixtureServer, type FixtureServer, type SourceBehaviour } from './helpers/harvest-server.js';

const OAI = { set: ['cs'], from: '2024-01-01' };
const HTTP = { timeoutMs: 2000, attempts: 2, backoffMs: 10 };

async function oai(db: Db, server: FixtureServer, extra: Partial<HarvestDeps> = {}): Promise<HarvestOutcome> {
  const choice = planFor('arxiv-oai', OAI);
  assert.ok(choice.ok);
  return runHarvest(choice.plan, { db, config: harvestConfig(server.base), http: HTTP, ...extra });
}

/** Everything a harvest writes, without row ids and timestamps, for comparing two databases. */
async function contents(db: Db): Promise<unknown> {
  const papers = await db.all(`SELECT paper_id, title, abstract, authors, primary_category, categories, versions, latest_version,
    published_at, updated_at, comment, journal_ref, doi, report_no, license, abs_url, pdf_url FROM papers ORDER BY paper_id`);
  const authors = await db.all(`SELECT name FROM authors ORDER BY name`);
  const categories = await db.all(`SELECT p.paper_id, c.category, c.is_primary FROM paper_categories c JOIN papers p ON p.id = c.paper_id
    ORDER BY p.paper_id, c.category`);
  const sources = await db.all(`SELECT p.paper_id, s.source, s.content_hash FROM source_records s JOIN papers p ON p.id = s.paper_id
    ORDER BY p.paper_id, s.source, s.content_hash`);
  return JSON.parse(JSON.stringify({ papers, authors, categories, sources }));
}

async function scenario(backend: Backend, behaviour: SourceBehaviour, run: (db: FreshDb, server: FixtureServer) => Promise<void>): Promise<void> {
  const fresh = await backend.create();
  const server = await startFixtureServer(sourceRoutes(behaviour));
  try { await run(fresh, server); } finally { await server.close(); await fresh.drop(); }
}

for (const backend of backends()) {
  describe(`harvest resumption (${backend.name})`, () => {
    let clean: unknown;
    before(async () => {
      await scenario(backend, {}, async (fresh, server) => {
        assert.equal((await oai(fresh.db, server)).added, 6);
        clean = await contents(fresh.db);
      });
    });

    it('restarts from the last datestamp when a token has expired and ends as a clean run', async () => {
      await scenario(backend, { expireTokens: new Set(['7110|1001']) }, async ({ db }, server) => {
        const out = await oai(db, server);
        assert.deepEqual([out.status, out.failed], ['done', 0]);
        assert.deepEqual(server.seen.map((s) => s.url.search), [
          '?verb=ListRecords&metadataPrefix=arXivRaw&set=cs&from=2024-01-01',
          '?verb=ListRecords&resumptionToken=7110%7C1001',
          '?verb=ListRecords&metadataPrefix=arXivRaw&set=cs&from=2024-01-02',
          '?verb=ListRecords&resumptionToken=7222%7C1001',
        ]);
        assert.deepEqual(await contents(db), clean);
      });
    });

    it('restarts from the start of the listing when datestamps came out of order', async () => {
      await scenario(backend, { unorderedFrom: new Set(['2024-01-01']), expireTokens: new Set(['7333|1001']) }, async ({ db }, server) => {
        const out = await oai(db, server);
        assert.equal(out.status, 'done');
        assert.equal(server.seen[2]!.url.searchParams.get('from'), '2024-01-01');
        assert.deepEqual(await contents(db), clean);
      });
    });

    it('resumes a stopped harvest from the next page', async () => {
      await scenario(backend, {}, async ({ db }, server) => {
        const stop = new AbortController();
        let pages = 0;
        const first = await oai(db, server, { signal: stop.signal, afterPage: async () => { if (++pages === 2) stop.abort(new Error('stop')); } });
        assert.deepEqual([first.status, first.pages, first.added], ['stopped', 2, 4]);
        assert.equal((await loadHarvestState(db, first.key))?.status, 'running');
        const n = server.seen.length;
        const second = await oai(db, server);
        assert.deepEqual([second.status, second.pages, second.added], ['done', 1, 2]);
        assert.deepEqual(server.seen.slice(n).map((s) => s.url.searchParams.get('resumptionToken')), ['7110|1003']);
        assert.deepEqual(await contents(db), clean);
      });
    });

    it('fails with the URL when the source breaks mid-way, and the next run finishes the job', async () => {
      let broken = true;
      const override = (u: URL): { status: number; body: string } | undefined =>
        (broken && u.searchParams.get('resumptionToken') === '7110|1003' ? { status: 500, body: 'boom' } : undefined);
      await scenario(backend, { override }, async ({ db }, server) => {
        const first = await oai(db, server);
        assert.equal(first.status, 'failed');
        assert.equal(first.errors[0]!.source, `${server.base}/oai?verb=ListRecords&resumptionToken=7110%7C1003`);
        assert.match(first.errors[0]!.message, /HTTP 500/);
        broken = false;
        const second = await oai(db, server);
        assert.deepEqual([second.status, second.pages, second.added], ['done', 1, 2]);
        assert.deepEqual(await contents(db), clean);
      });
    });

    it('a harvest process killed mid-way and run again ends with the records of a clean run', async () => {
      let release: (() => void) | null = null;
      const hold = new Promise<void>((resolve) => { release = resolve; });
      let held = false;
      const override = async (u: URL): Promise<undefined> => {
        if (held || u.searchParams.get('resumptionToken') !== '7110|1003') return undefined;
        held = true;
        await hold;
        return undefined;
      };
      await scenario(backend, { override }, async (fresh, server) => {
        const env = {
          DATABASE_URL: fresh.url, PAPERBOY_ARXIV_OAI_URL: `${server.base}/oai`, PAPERBOY_ARXIV_DELAY_MS: '20',
        };
        const child = startCli(['harvest', 'arxiv-oai', '--set', 'cs', '--from', '2024-01-01', '--json'], env);
        let stderr = '';
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        let gone = false;
        const exited = new Promise<void>((resolve) => child.on('close', () => { gone = true; resolve(); }));
        while (!held && !gone) await new Promise((r) => setTimeout(r, 10));
        assert.ok(held, `the harvest ended before page 3: ${stderr}`);
        child.kill('SIGKILL');
        await exited;
        release!();
        const res = await runCli(['harvest', 'arxiv-oai', '--set', 'cs', '--from', '2024-01-01', '--json'], env);
        assert.equal(res.code, 0, res.stderr);
        assert.deepEqual(JSON.parse(res.stdout), { added: 2, updated: 0, unchanged: 0, failed: 0, errors: [] });
        assert.deepEqual(await contents(fresh.db), clean);
      });
    });
  });
}
