import type { Db, Dialect } from './db.js';
import { initialSchema } from './migrations/001-initial.js';
import { dataVersionSchema } from './migrations/002-data-version.js';
import { embeddingsSchema } from './migrations/003-embeddings.js';
import { subscribersSchema } from './migrations/004-subscribers.js';
import { digestsSchema } from './migrations/005-digests.js';
import { authorsByNameSchema } from './migrations/006-authors-by-name.js';
import { reindexGreekSchema } from './migrations/007-reindex-greek.js';
import { votesKnownSchema } from './migrations/008-votes-known.js';
import { arxivCategoriesSchema } from './migrations/009-arxiv-categories.js';
import { categoryOrderSchema } from './migrations/010-category-order.js';
import { organizationNamesSchema } from './migrations/011-organization-names.js';
import { publishedFromSchema } from './migrations/012-published-from.js';
import { papersWithCodeSchema } from './migrations/013-papers-with-code.js';
import { orgCodeTermsSchema } from './migrations/014-org-code-terms.js';
import { modelDataSchema } from './migrations/015-model-data.js';
import { postingCountsSchema } from './migrations/016-posting-counts.js';

/** One forward-only schema step; `up` returns the SQL for the dialect at hand. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly up: (d: Dialect) => string;
}

/** Every migration, in order. Append only: never edit one that has shipped. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'initial', up: initialSchema },
  { version: 2, name: 'data-version', up: dataVersionSchema },
  { version: 3, name: 'embeddings', up: embeddingsSchema },
  { version: 4, name: 'subscribers', up: subscribersSchema },
  { version: 5, name: 'digests', up: digestsSchema },
  { version: 6, name: 'authors-by-name', up: authorsByNameSchema },
  { version: 7, name: 'reindex-greek', up: reindexGreekSchema },
  { version: 8, name: 'votes-known', up: votesKnownSchema },
  { version: 9, name: 'arxiv-categories', up: arxivCategoriesSchema },
  { version: 10, name: 'category-order', up: categoryOrderSchema },
  { version: 11, name: 'organization-names', up: organizationNamesSchema },
  { version: 12, name: 'published-from', up: publishedFromSchema },
  { version: 13, name: 'papers-with-code', up: papersWithCodeSchema },
  { version: 14, name: 'org-code-terms', up: orgCodeTermsSchema },
  { version: 15, name: 'model-data', up: modelDataSchema },
  { version: 16, name: 'posting-counts', up: postingCountsSchema },
];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/** Where a database stands relative to this build's migrations. */
export interface SchemaStatus {
  readonly current: number;
  readonly latest: number;
  readonly state: 'current' | 'behind' | 'ahead';
}

async function ensureTable(db: Db): Promise<void> {
  await db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
}

async function currentVersion(db: Db): Promise<number> {
  const r = await db.get<{ v: number | null }>('SELECT MAX(version) AS v FROM schema_migrations');
  return Number(r?.v ?? 0);
}

/** Reads the schema version without changing anything. */
export async function schemaStatus(db: Db): Promise<SchemaStatus> {
  await ensureTable(db);
  const current = await currentVersion(db);
  const state = current === LATEST_VERSION ? 'current' : current < LATEST_VERSION ? 'behind' : 'ahead';
  return { current, latest: LATEST_VERSION, state };
}

/** The message `serve` and friends print when the schema does not match this build, or null. */
export function schemaProblem(s: SchemaStatus, location: string): string | null {
  if (s.state === 'behind' && s.current === 0) {
    return `database ${location} has no paperboy schema yet: run \`paperboy migrate\` (or \`npm start\`) to create it`;
  }
  if (s.state === 'behind') {
    return `database ${location} is at schema version ${s.current}, this paperboy needs ${s.latest}: run \`paperboy migrate\` first`;
  }
  if (s.state === 'ahead') {
    return `database ${location} is at schema version ${s.current}, newer than this paperboy (${s.latest}): upgrade paperboy instead`;
  }
  return null;
}

/** Applies pending migrations, each in its own transaction; returns the versions applied. */
export async function migrate(db: Db): Promise<number[]> {
  await ensureTable(db);
  const applied: number[] = [];
  for (const m of MIGRATIONS) {
    const done = await db.transaction(async (tx) => {
      if (tx.dialect.lockStatement) await tx.run(tx.dialect.lockStatement);
      // Re-read inside the lock: another process may have migrated meanwhile.
      if ((await currentVersion(tx)) >= m.version) return false;
      await tx.exec(m.up(tx.dialect));
      await tx.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [m.version, m.name, new Date().toISOString()]);
      return true;
    });
    if (done) applied.push(m.version);
  }
  return applied;
}
