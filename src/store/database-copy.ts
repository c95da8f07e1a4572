import { chunksFor, valuesList, type Db, type Row } from '../db/db.js';

/** A table `paperboy copy` carries over: its key orders the reads, `serial` names an identity column. */
export interface CopiedTable {
  readonly name: string;
  readonly key: readonly string[];
  readonly serial?: string;
}

/**
 * Every table of the schema but `schema_migrations` (the target runs its own migrations), with its
 * primary key. A migration that adds a table must add it here: `copyDatabase` refuses a source
 * holding a table it does not know rather than leave it behind.
 */
export const COPIED_TABLES: readonly CopiedTable[] = Object.freeze([
  { name: 'papers', key: ['id'], serial: 'id' },
  { name: 'authors', key: ['name'] },
  { name: 'paper_categories', key: ['paper_id', 'category'] },
  { name: 'organizations', key: ['name'] },
  { name: 'daily_entries', key: ['day', 'paper_id'] },
  { name: 'source_records', key: ['id'], serial: 'id' },
  { name: 'harvest_state', key: ['key'] },
  { name: 'search_pending', key: ['paper_id'] },
  { name: 'search_segments', key: ['id'], serial: 'id' },
  { name: 'search_postings', key: ['segment_id', 'term'] },
  { name: 'search_docs', key: ['paper_id'] },
  { name: 'search_deleted', key: ['segment_id', 'paper_id'] },
  { name: 'search_meta', key: ['key'] },
  { name: 'app_meta', key: ['key'] },
  { name: 'embedding_models', key: ['id'], serial: 'id' },
  { name: 'embedding_model_data', key: ['model_id'] },
  { name: 'paper_embeddings', key: ['model_id', 'paper_id'] },
  { name: 'embedding_pending', key: ['paper_id'] },
  { name: 'subscribers', key: ['id'], serial: 'id' },
  { name: 'digest_outbox', key: ['id'], serial: 'id' },
  { name: 'digest_sent_papers', key: ['subscriber_id', 'paper_id'] },
].map((t) => Object.freeze(t)));

/** Tables the migrations fill themselves (counters, markers): a fresh target holds rows in them. */
const SEEDED = new Set(['app_meta', 'search_meta']);

/** Rows read per statement: large enough to keep round trips few, small enough for index blobs. */
const READ_BATCH = 1000;

/** The schema's tables in a database, sorted. */
export async function schemaTables(db: Db): Promise<string[]> {
  const rows = await db.all<{ name: string }>(db.dialect.tableNames);
  return rows.map((r) => r.name).sort();
}

/** Tables of a database that the copy does not know (a bug: a migration forgot COPIED_TABLES). */
export async function unknownTables(db: Db): Promise<string[]> {
  const known = new Set([...COPIED_TABLES.map((t) => t.name), 'schema_migrations']);
  return (await schemaTables(db)).filter((t) => !known.has(t));
}

/** A report of what a database holds, table by table (the copy made by the database's own means). */
export async function reportOf(db: Db): Promise<CopyReport> {
  return reportFrom(Object.fromEntries(await tableCounts(db)));
}

/** Rows per table, and their sum. */
function reportFrom(tables: Record<string, number>): CopyReport {
  return { tables, rows: Object.values(tables).reduce((a, b) => a + b, 0) };
}

/** Rows per copied table. */
export async function tableCounts(db: Db): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const t of COPIED_TABLES) {
    const r = await db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${t.name}`);
    out.set(t.name, Number(r?.n ?? 0));
  }
  return out;
}

/** The first table holding data in a migrated target, or null: a copy only writes into an empty database. */
export async function firstNonEmptyTable(db: Db): Promise<{ table: string; rows: number } | null> {
  for (const [table, rows] of await tableCounts(db)) if (rows > 0 && !SEEDED.has(table)) return { table, rows };
  return null;
}

/** `(a, b) > (?, ?)`: the rows after the last one read, in key order (keyset paging, no OFFSET). */
function after(key: readonly string[]): string {
  return key.length === 1 ? `${key[0]} > ?` : `(${key.join(', ')}) > (${key.map(() => '?').join(', ')})`;
}

/**
 * Copies one table from `src` to `dst` in key order, batch by batch; `onRows` hears each batch's
 * size. Both are expected to be inside a transaction (a snapshot of the source, one write of the target).
 */
export async function copyTable(src: Db, dst: Db, t: CopiedTable, onRows: (n: number) => void, batch = READ_BATCH): Promise<number> {
  const order = t.key.join(', ');
  let last: unknown[] | null = null;
  let copied = 0;
  for (;;) {
    const rows: Row[] = last
      ? await src.all(`SELECT * FROM ${t.name} WHERE ${after(t.key)} ORDER BY ${order} LIMIT ${batch}`, last)
      : await src.all(`SELECT * FROM ${t.name} ORDER BY ${order} LIMIT ${batch}`);
    if (!rows.length) break;
    await insertRows(dst, t.name, rows);
    copied += rows.length;
    onRows(rows.length);
    const end = rows[rows.length - 1]!;
    last = t.key.map((k) => end[k]);
    if (rows.length < batch) break;
  }
  return copied;
}

/** Inserts rows as read from the other database, in statements under the dialect's parameter limit. */
async function insertRows(dst: Db, table: string, rows: readonly Row[]): Promise<void> {
  const columns = Object.keys(rows[0]!);
  for (const part of chunksFor(dst, rows, columns.length)) {
    const params = part.flatMap((r) => columns.map((c) => r[c] ?? null));
    await dst.run(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${valuesList(part.length, columns.length)}`, params);
  }
}

/** Empties the tables a fresh target's migrations seeded, so the source's rows take their place. */
export async function clearSeeded(dst: Db): Promise<void> {
  for (const t of SEEDED) await dst.run(`DELETE FROM ${t}`);
}

/** Moves identity counters past the copied ids, so the target's next paper or subscriber gets a new one. */
export async function resetSerials(dst: Db): Promise<void> {
  const reset = dst.dialect.serialReset;
  if (!reset) return;
  for (const t of COPIED_TABLES) if (t.serial) await dst.get(reset(t.name, t.serial));
}

/** What a copy wrote: rows per table, and in all. */
export interface CopyReport {
  tables: Record<string, number>;
  rows: number;
}

/** How a copy reports its progress (src/progress's Progress fits). */
export interface CopyProgress {
  start(total: number, unit: string): void;
  tick(n: number): void;
}

/**
 * Copies every table of `src`, as one snapshot, into the migrated and empty `dst` in one
 * transaction, then checks each table's row count on both sides: the target gets all of it or,
 * on any failure, nothing. A target that already holds data is refused (a value, not an error).
 * `batch`: rows per read (tests page with small ones).
 */
export async function copyDatabase(src: Db, dst: Db, progress: CopyProgress, batch = READ_BATCH): Promise<CopyReport | { refused: string }> {
  return src.snapshot(async (from) => {
    const unknown = await unknownTables(from);
    if (unknown.length) throw new Error(`copy: tables ${unknown.join(', ')} are not in COPIED_TABLES`);
    const counts = await tableCounts(from);
    return dst.transaction(async (to) => {
      if (to.dialect.lockStatement) await to.run(to.dialect.lockStatement);
      const busy = await firstNonEmptyTable(to);
      if (busy) return { refused: `${dst.location} already holds data (${busy.rows} rows in ${busy.table}); paperboy copy writes only into an empty database` };
      await clearSeeded(to);
      progress.start([...counts.values()].reduce((a, b) => a + b, 0), 'rows');
      const tables: Record<string, number> = {};
      for (const t of COPIED_TABLES) tables[t.name] = await copyTable(from, to, t, (n) => progress.tick(n), batch);
      await resetSerials(to);
      const written = await tableCounts(to);
      for (const [name, n] of counts) {
        if (written.get(name) !== n || tables[name] !== n) throw new Error(`copy: ${name} has ${n} rows in the source, ${written.get(name)} in the target`);
      }
      return reportFrom(tables);
    });
  });
}
