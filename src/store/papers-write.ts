import { createHash, randomInt } from 'node:crypto';
import type { Db } from '../db/db.js';
import { chunksFor, placeholders, valuesList } from '../db/db.js';
import type { PaperRecord } from '../model/paper-record.js';
import { PAPER_COLUMNS, columnValue, rowToPaper, searchKey, type PaperRow } from '../model/paper-row.js';
import { mergeRecord } from '../ingest/merge.js';
import { bumpDataVersion } from './data-version.js';
import { rememberAuthors, replaceLinks } from './paper-links-write.js';

/** What one batch did to the database. */
export interface UpsertCounts {
  added: number;
  updated: number;
  unchanged: number;
}

interface Pending {
  row: PaperRow;
  before: PaperRow | null;
  records: PaperRecord[];
}

const COLS = PAPER_COLUMNS.map(([, c]) => c);
const UPDATE_SET = COLS.filter((c) => c !== 'paper_id').map((c) => `${c} = excluded.${c}`).join(', ');

function hash(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

async function loadExisting(db: Db, ids: string[]): Promise<Map<string, { id: number; row: PaperRow }>> {
  const out = new Map<string, { id: number; row: PaperRow }>();
  for (const chunk of chunksFor(db, ids, 1)) {
    const rows = await db.all(`SELECT * FROM papers WHERE paper_id IN (${placeholders(chunk.length)})`, chunk);
    for (const r of rows) out.set(String(r['paper_id']), { id: Number(r['id']), row: rowToPaper(r) });
  }
  return out;
}

/** Writes merged rows; returns the row id of each paper written. */
async function writePapers(db: Db, rows: PaperRow[], now: string): Promise<Map<string, number>> {
  const width = COLS.length + 2;
  const ids = new Map<string, number>();
  for (const chunk of chunksFor(db, rows, width, 500)) {
    const params: unknown[] = [];
    for (const row of chunk) {
      for (const [key] of PAPER_COLUMNS) params.push(columnValue(row, key));
      params.push(now, now);
    }
    const out = await db.all<{ id: number; paper_id: string }>(
      `INSERT INTO papers (${COLS.join(', ')}, first_seen_at, last_changed_at) VALUES ${valuesList(chunk.length, width)}
       ON CONFLICT (paper_id) DO UPDATE SET ${UPDATE_SET}, last_changed_at = excluded.last_changed_at
       RETURNING id, paper_id`,
      params,
    );
    for (const r of out) ids.set(r.paper_id, Number(r.id));
  }
  return ids;
}

/** Inserts raw records not seen before; returns the paper ids that gained one. */
async function writeSources(db: Db, items: { id: number; rec: PaperRecord }[], now: string, created: Set<number>): Promise<Set<number>> {
  const fresh = new Set<number>();
  const rows = items.map(({ id, rec }) => [id, rec.source.name, rec.source.origin, hash(rec.source.raw), rec.source.raw, now]);
  for (const chunk of chunksFor(db, rows, 6, 300)) {
    const keys = chunk.map((r) => `${r[0]}|${r[1]}|${r[3]}`);
    // Papers created in this batch have no stored records yet, so only older papers are looked up.
    const ids = [...new Set(chunk.map((r) => r[0] as number))].filter((id) => !created.has(id));
    const have = new Set(ids.length ? (await db.all<{ paper_id: number; source: string; content_hash: string }>(
      `SELECT paper_id, source, content_hash FROM source_records WHERE paper_id IN (${placeholders(ids.length)})`, ids,
    )).map((r) => `${r.paper_id}|${r.source}|${r.content_hash}`) : []);
    const todo = chunk.filter((_, i) => !have.has(keys[i]!) && (have.add(keys[i]!), true));
    if (!todo.length) continue;
    await db.run(
      `INSERT INTO source_records (paper_id, source, origin, content_hash, payload, imported_at) VALUES ${valuesList(todo.length, 6)}
       ON CONFLICT (paper_id, source, content_hash) DO NOTHING`,
      todo.flat(),
    );
    for (const r of todo) fresh.add(r[0] as number);
  }
  return fresh;
}

/** Records the day each paper was featured; returns the paper ids whose listing changed. */
async function writeListings(db: Db, items: { id: number; rec: PaperRecord }[]): Promise<Set<number>> {
  const changed = new Set<number>();
  const rows = items.filter((i) => i.rec.listing).map(({ id, rec }) => {
    const l = rec.listing!;
    return [l.day, id, l.submittedBy ?? null, l.submitterName ?? null, l.submittedAt ?? null, l.position ?? null];
  });
  for (const chunk of chunksFor(db, rows, 6, 300)) {
    const n = await db.run(
      `INSERT INTO daily_entries (day, paper_id, submitted_by, submitter_name, submitted_at, position) VALUES ${valuesList(chunk.length, 6)}
       ON CONFLICT (day, paper_id) DO UPDATE SET
         submitted_by = COALESCE(daily_entries.submitted_by, excluded.submitted_by),
         submitter_name = COALESCE(daily_entries.submitter_name, excluded.submitter_name),
         submitted_at = COALESCE(daily_entries.submitted_at, excluded.submitted_at),
         position = COALESCE(daily_entries.position, excluded.position)
       WHERE daily_entries.submitted_by IS NULL AND excluded.submitted_by IS NOT NULL
          OR daily_entries.submitted_at IS NULL AND excluded.submitted_at IS NOT NULL
          OR daily_entries.position IS NULL AND excluded.position IS NOT NULL`,
      chunk.flat(),
    );
    if (n > 0) for (const r of chunk) changed.add(r[1] as number);
  }
  return changed;
}

/**
 * Stores the batch's organizations; one that gains its full name has its papers indexed again, as
 * the keyword index's `org:` terms hold the full name beside the account name.
 */
async function writeOrganizations(db: Db, records: PaperRecord[]): Promise<void> {
  const orgs = new Map<string, unknown[]>();
  for (const r of records) {
    const o = r.organization;
    if (o?.name && !orgs.has(o.name)) orgs.set(o.name, [o.name, o.fullname ?? null, o.avatarUrl ?? null]);
  }
  if (!orgs.size) return;
  const unnamed = async (): Promise<string[]> => {
    const names: string[] = [];
    for (const chunk of chunksFor(db, [...orgs.keys()], 1)) {
      const rows = await db.all<{ name: string }>(`SELECT name FROM organizations WHERE fullname IS NULL AND name IN (${placeholders(chunk.length)})`, chunk);
      names.push(...rows.map((r) => r.name));
    }
    return names;
  };
  const before = await unnamed();
  for (const chunk of chunksFor(db, [...orgs.values()], 3)) {
    await db.run(
      `INSERT INTO organizations (name, fullname, avatar_url) VALUES ${valuesList(chunk.length, 3)}
       ON CONFLICT (name) DO UPDATE SET fullname = COALESCE(organizations.fullname, excluded.fullname), avatar_url = COALESCE(organizations.avatar_url, excluded.avatar_url)
       WHERE organizations.fullname IS NULL OR organizations.avatar_url IS NULL`,
      chunk.flat(),
    );
  }
  if (!before.length) return;
  const still = new Set(await unnamed());
  const named = before.filter((n) => !still.has(n));
  for (const chunk of chunksFor(db, named, 1)) {
    await db.run(
      `INSERT INTO search_pending (paper_id, seq) SELECT id, ? FROM papers WHERE organization IN (${placeholders(chunk.length)})
       ON CONFLICT (paper_id) DO UPDATE SET seq = excluded.seq`,
      [randomInt(1, 2 ** 47), ...chunk],
    );
  }
}

/**
 * The one upsert every source feeds: merges a batch of records into papers, authors, categories,
 * listings, organizations and raw source records in one transaction, and queues changed papers for
 * the search index. Running it twice with the same records changes nothing the second time.
 */
export async function upsertRecords(db: Db, records: readonly PaperRecord[]): Promise<UpsertCounts> {
  if (!records.length) return { added: 0, updated: 0, unchanged: 0 };
  const learned = new Set<string>();
  const counts = await db.transaction(async (tx) => {
    const now = new Date().toISOString();
    const ids = [...new Set(records.map((r) => r.id))];
    const existing = await loadExisting(tx, ids);
    const pending = new Map<string, Pending>();
    for (const rec of records) {
      const p = pending.get(rec.id);
      const before = existing.get(rec.id)?.row ?? null;
      if (p) { p.row = mergeRecord(p.row, rec); p.records.push(rec); }
      else pending.set(rec.id, { row: mergeRecord(before, rec), before, records: [rec] });
    }
    const rowChanged = [...pending.values()].filter((p) => !p.before || JSON.stringify(p.before) !== JSON.stringify(p.row));
    const idOf = await writePapers(tx, rowChanged.map((p) => p.row), now);
    for (const [pid, e] of existing) if (!idOf.has(pid)) idOf.set(pid, e.id);
    const fresh = new Set(rowChanged.filter((p) => !p.before).map((p) => idOf.get(p.row.paperId)!));

    const linkChanged = rowChanged.filter((p) => !p.before || p.before.authors.join('\u0000') !== p.row.authors.join('\u0000') || p.before.categories.join() !== p.row.categories.join() || p.before.primaryCategory !== p.row.primaryCategory
      || p.before.publishedAt !== p.row.publishedAt);
    await replaceLinks(tx, linkChanged.map((p) => ({ id: idOf.get(p.row.paperId)!, row: p.row, fresh: !p.before })), learned);
    await writeOrganizations(tx, records as PaperRecord[]);
    const items = records.map((rec) => ({ id: idOf.get(rec.id)!, rec }));
    const listed = await writeListings(tx, items);
    const sourced = await writeSources(tx, items, now, fresh);

    const reindex = rowChanged.filter((p) => !p.before || searchKey(p.before) !== searchKey(p.row)).map((p) => idOf.get(p.row.paperId)!);
    // A fresh random seq marks this version of the text: an indexer that read an older version
    // will not clear the queue entry, so the newest text is always indexed in the end.
    for (const chunk of chunksFor(tx, reindex, 2)) {
      const queued = chunk.flatMap((id) => [id, randomInt(1, 2 ** 47)]);
      await tx.run(`INSERT INTO search_pending (paper_id, seq) VALUES ${valuesList(chunk.length, 2)} ON CONFLICT (paper_id) DO UPDATE SET seq = excluded.seq`, queued);
      // The same papers wait for their embedding (src/jobs/embed-job.ts), with the same text version.
      await tx.run(`INSERT INTO embedding_pending (paper_id, seq) VALUES ${valuesList(chunk.length, 2)} ON CONFLICT (paper_id) DO UPDATE SET seq = excluded.seq`, queued);
    }
    const counts: UpsertCounts = { added: 0, updated: 0, unchanged: 0 };
    const changedIds = new Set(rowChanged.map((p) => p.row.paperId));
    for (const p of pending.values()) {
      const id = idOf.get(p.row.paperId)!;
      if (!p.before) counts.added++;
      else if (changedIds.has(p.row.paperId) || listed.has(id) || sourced.has(id)) counts.updated++;
      else counts.unchanged++;
    }
    // Last, so the one-row lock is held only until commit: readers see the new version with the new data.
    if (counts.added || counts.updated) await bumpDataVersion(tx);
    return counts;
  });
  rememberAuthors(db, learned);
  return counts;
}
