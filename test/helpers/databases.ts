import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import assert from 'node:assert/strict';
import pg from 'pg';
import type { Db } from '../../src/db/db.js';
import { openDatabase } from '../../src/db/connect.js';
import { MIGRATIONS, migrate } from '../../src/db/migrate.js';

/** A fresh, empty database of one kind, and how to throw it away. */
export interface FreshDb {
  db: Db;
  /** A DATABASE_URL that opens the same database (for CLI runs in a child process). */
  url: string;
  drop(): Promise<void>;
}

/** One backend the contract suites run against. */
export interface Backend {
  name: 'sqlite' | 'postgres';
  /** Creates a new empty database; migrated unless `migrated: false`. */
  create(opts?: { migrated?: boolean }): Promise<FreshDb>;
}

const sqlite: Backend = {
  name: 'sqlite',
  async create(opts = {}) {
    const dir = mkdtempSync(join(tmpdir(), 'paperboy-test-'));
    const url = join(dir, 'test.db');
    const db = openDatabase(url);
    if (opts.migrated !== false) await migrate(db);
    return { db, url, async drop() { await db.close(); rmSync(dir, { recursive: true, force: true }); } };
  },
};

function postgres(adminUrl: string): Backend {
  return {
    name: 'postgres',
    async create(opts = {}) {
      const name = `pb_test_${randomBytes(6).toString('hex')}`;
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
      const u = new URL(adminUrl);
      u.pathname = `/${name}`;
      const url = u.toString();
      const db = openDatabase(url);
      if (opts.migrated !== false) await migrate(db);
      return {
        db, url,
        async drop() {
          await db.close();
          const c = new pg.Client({ connectionString: adminUrl });
          await c.connect();
          await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
          await c.end();
        },
      };
    },
  };
}

let warned = false;

/**
 * The backends to run contract suites on: always SQLite; PostgreSQL when
 * PAPERBOY_TEST_DATABASE_URL names a server (CI sets it and PAPERBOY_TEST_REQUIRE_PG=1, so a
 * missing server fails the run instead of quietly testing less).
 */
export function backends(): Backend[] {
  const url = process.env['PAPERBOY_TEST_DATABASE_URL'];
  if (url) return [sqlite, postgres(url)];
  if (process.env['PAPERBOY_TEST_REQUIRE_PG'] === '1') throw new Error('PAPERBOY_TEST_REQUIRE_PG=1 but PAPERBOY_TEST_DATABASE_URL is not set');
  if (!warned) {
    warned = true;
    process.stderr.write('note: PostgreSQL suites not run: set PAPERBOY_TEST_DATABASE_URL (scripts/pg-test-cluster.sh starts one)\n');
  }
  return [sqlite];
}

/**
 * Brings an unmigrated database to just before `version`, recording each step as `paperboy migrate`
 * would, so a test can store data the way an older paperboy did and then upgrade it.
 */
export async function migrateBefore(db: Db, version: number): Promise<void> {
  await db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  for (const m of MIGRATIONS.filter((x) => x.version < version)) {
    await db.exec(m.up(db.dialect));
    await db.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [m.version, m.name, '2025-01-01T00:00:00.000Z']);
  }
}

/**
 * A migration test on a database left just before `version`: `body` fills it, calls `upgrade`
 * (which must apply that migration and every later one, once each) and checks the result. The
 * database is dropped whatever happens.
 */
export async function beforeMigration(backend: Backend, version: number, body: (db: Db, upgrade: () => Promise<void>) => Promise<void>): Promise<void> {
  const fresh = await backend.create({ migrated: false });
  try {
    await migrateBefore(fresh.db, version);
    await body(fresh.db, async () => {
      assert.deepEqual(await migrate(fresh.db), MIGRATIONS.filter((x) => x.version >= version).map((x) => x.version));
    });
  } finally {
    await fresh.drop();
  }
}
