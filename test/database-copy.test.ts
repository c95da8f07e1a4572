import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Db, Row } from '../src/db/db.js';
import { openDatabase } from '../src/db/connect.js';
import { COPIED_TABLES, copyDatabase, firstNonEmptyTable, schemaTables, tableCounts } from '../src/store/database-copy.js';
import { upsertRecords } from '../src/store/papers-write.js';
import { backends, type Backend, type FreshDb } from './helpers/databases.js';
import { seedDigestPapers, seedSubscribers } from './helpers/digest-seed.js';
import { paperRecord } from './helpers/paper-records.js';

const quiet = { start() {}, tick() {} };

/** Every row of every copied table, in a form two databases can be compared by (blobs as hex, rows sorted). */
async function contents(db: Db): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const t of COPIED_TABLES) {
    const rows = await db.all<Row>(`SELECT * FROM ${t.name}`);
    out[t.name] = rows.map((r) => JSON.stringify(Object.entries(r).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, Buffer.isBuffer(v) ? `hex:${v.toString('hex')}` : v]))).sort();
  }
  return out;
}

/** A source with papers (hostile text included), the keyword index, subscribers and a harvest cursor. */
async function seeded(b: Backend): Promise<FreshDb> {
  const fresh = await b.create();
  const keyword = await seedDigestPapers(fresh);
  await keyword.close();
  await seedSubscribers(fresh, 12);
  await fresh.db.run("INSERT INTO harvest_state (key, state, status, updated_at) VALUES ('arxiv-oai:cs', '{\"token\":\"x|1\"}', 'running', '2025-03-18T00:00:00.000Z')");
  await fresh.db.run("INSERT INTO embedding_models (kind, name, dimensions, state, trained_at) VALUES ('lsa', 'lsa', 2, 'active', '2025-03-18T00:00:00.000Z')");
  await fresh.db.run('INSERT INTO embedding_model_data (model_id, data) VALUES (1, ?)', [Buffer.from([0, 1, 254, 255])]);
  await fresh.db.run('INSERT INTO paper_embeddings (model_id, paper_id, seq, vector) SELECT 1, id, id, ? FROM papers', [Buffer.from(new Float32Array([0.5, -0.25]).buffer)]);
  return fresh;
}

for (const from of backends()) {
  for (const to of backends()) {
    describe(`paperboy copy, ${from.name} to ${to.name}`, () => {
      let src: FreshDb;
      before(async () => { src = await seeded(from); });
      after(async () => { await src.drop(); });

      it('copies every row of every table, ids included, paging through composite keys', async () => {
        const dst = await to.create();
        try {
          const r = await copyDatabase(src.db, dst.db, quiet, 7);
          assert.ok(!('refused' in r));
          assert.ok(r.tables['search_postings']! > 7, 'the index spans several pages');
          assert.equal(r.tables['papers'], 10);
          assert.equal(r.tables['subscribers'], 12);
          assert.deepEqual(await contents(dst.db), await contents(src.db));
          // The target's own counters continue after the copied ids.
          await upsertRecords(dst.db, [paperRecord('2504.00001', { title: 'Written after the copy' })]);
          const ids = await dst.db.all<{ id: number }>('SELECT id FROM papers ORDER BY id');
          assert.equal(new Set(ids.map((x) => Number(x.id))).size, 11);
          assert.equal(Number(ids[10]!.id), Math.max(...(await src.db.all<{ id: number }>('SELECT id FROM papers')).map((x) => Number(x.id))) + 1);
        } finally {
          await dst.drop();
        }
      });

      it('refuses a target that holds data and leaves it as it was', async () => {
        const dst = await to.create();
        try {
          await upsertRecords(dst.db, [paperRecord('2504.00002', { title: 'Already here' })]);
          const before = await contents(dst.db);
          const r = await copyDatabase(src.db, dst.db, quiet);
          assert.ok('refused' in r);
          assert.match(r.refused, /already holds data \(1 rows in papers\)/);
          assert.ok(r.refused.includes(dst.db.location));
          assert.deepEqual(await contents(dst.db), before);
        } finally {
          await dst.drop();
        }
      });

      it('writes nothing when the copy fails half-way', async () => {
        const dst = await to.create();
        try {
          let batches = 0;
          const failing = { start() {}, tick() { if (++batches === 3) throw new Error('disk full'); } };
          await assert.rejects(copyDatabase(src.db, dst.db, failing, 7), /disk full/);
          assert.equal(await firstNonEmptyTable(dst.db), null);
          // The rows the migrations seeded are back too.
          assert.equal((await tableCounts(dst.db)).get('app_meta'), 1);
          const r = await copyDatabase(src.db, dst.db, quiet);
          assert.ok(!('refused' in r), 'a failed copy can be run again');
        } finally {
          await dst.drop();
        }
      });

      it('copies one snapshot: writes made meanwhile are neither copied nor blocked', async () => {
        const dst = await to.create();
        const writer = openDatabase(src.url);
        try {
          let wrote = false;
          const progress = {
            start() {},
            tick() {
              if (wrote) return;
              wrote = true;
              // Run without awaiting inside tick: the copy must not wait for it, nor it for the copy.
              void upsertRecords(writer, [paperRecord('2504.00003', { title: 'Imported during the copy' })]);
            },
          };
          const r = await copyDatabase(src.db, dst.db, progress, 7);
          assert.ok(!('refused' in r));
          assert.equal(r.tables['papers'], 10);
          const late = await dst.db.get('SELECT id FROM papers WHERE paper_id = ?', ['2504.00003']);
          assert.equal(late, undefined);
          // The concurrent write landed in the source.
          for (let i = 0; i < 100 && !(await src.db.get('SELECT id FROM papers WHERE paper_id = ?', ['2504.00003'])); i++) await new Promise((res) => setTimeout(res, 50));
          assert.ok(await src.db.get('SELECT id FROM papers WHERE paper_id = ?', ['2504.00003']));
        } finally {
          await writer.close();
          await dst.drop();
        }
      });
    });
  }
}

for (const b of backends()) {
  describe(`paperboy copy knows the ${b.name} schema`, () => {
    it('lists every table the migrations create', async () => {
      const fresh = await b.create();
      try {
        const tables = (await schemaTables(fresh.db)).filter((t) => t !== 'schema_migrations');
        assert.deepEqual(tables, COPIED_TABLES.map((t) => t.name).sort());
      } finally {
        await fresh.drop();
      }
    });

    it('refuses a source with a table it does not know, naming it, and writes nothing', async () => {
      const src = await b.create();
      const dst = await b.create();
      try {
        await upsertRecords(src.db, [paperRecord('2504.00004', { title: 'A paper' })]);
        await src.db.exec('CREATE TABLE reading_lists (id INTEGER PRIMARY KEY, name TEXT)');
        await assert.rejects(copyDatabase(src.db, dst.db, quiet), /reading_lists are not in COPIED_TABLES/);
        assert.equal(await firstNonEmptyTable(dst.db), null);
      } finally {
        await src.drop();
        await dst.drop();
      }
    });
  });
}
