import Database from 'better-sqlite3';
import { mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Db, Dialect, Row } from './db.js';

export const sqliteDialect: Dialect = Object.freeze({
  name: 'sqlite',
  serialPrimaryKey: 'INTEGER PRIMARY KEY',
  blob: 'BLOB',
  bigint: 'INTEGER',
  clusteredTable: ' WITHOUT ROWID',
  maxParams: 32000,
  lockStatement: null, // BEGIN IMMEDIATE already holds the single writer lock
  nowText: "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')",
  byteLength: (text: string) => `length(CAST(${text} AS BLOB))`,
  tableNames: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
  serialReset: null,
});

/** Serialises transactions on the one connection so interleaved async work cannot mix them. */
class Mutex {
  private tail: Promise<void> = Promise.resolve();
  lock(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((r) => (release = r));
    const prev = this.tail;
    this.tail = prev.then(() => next);
    return prev.then(() => release);
  }
}

/** better-sqlite3 behind the async Db seam; statements are prepared once and cached by text. */
export class SqliteDb implements Db {
  readonly dialect = sqliteDialect;
  readonly location: string;
  private readonly cache = new Map<string, Database.Statement>();
  private readonly mutex = new Mutex();
  private inTx = false;

  constructor(readonly raw: Database.Database, private readonly file: string) {
    this.location = file === ':memory:' ? 'SQLite (in memory)' : `SQLite ${file}`;
  }

  private stmt(sql: string): Database.Statement {
    let s = this.cache.get(sql);
    if (!s) {
      s = this.raw.prepare(sql);
      if (this.cache.size > 300) this.cache.clear();
      this.cache.set(sql, s);
    }
    return s;
  }

  async all<T = Row>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    return this.stmt(sql).all(...(params as unknown[])) as T[];
  }

  async get<T = Row>(sql: string, params: readonly unknown[] = []): Promise<T | undefined> {
    return this.stmt(sql).get(...(params as unknown[])) as T | undefined;
  }

  async run(sql: string, params: readonly unknown[] = []): Promise<number> {
    const s = this.stmt(sql);
    if (!s.reader) return s.run(...(params as unknown[])).changes;
    s.all(...(params as unknown[]));
    return 0;
  }

  async exec(sql: string): Promise<void> {
    this.raw.exec(sql);
  }

  async transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
    return this.inTransaction('BEGIN IMMEDIATE', fn);
  }

  async snapshot<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
    // A deferred transaction: its first read fixes what it sees (WAL), and writers are not blocked.
    return this.inTransaction('BEGIN', fn);
  }

  private async inTransaction<T>(begin: string, fn: (tx: Db) => Promise<T>): Promise<T> {
    if (this.inTx) return fn(this);
    const release = await this.mutex.lock();
    try {
      this.raw.exec(begin);
      this.inTx = true;
      try {
        const result = await fn(this);
        this.raw.exec('COMMIT');
        return result;
      } catch (err) {
        if (this.raw.inTransaction) this.raw.exec('ROLLBACK');
        throw err;
      } finally {
        this.inTx = false;
      }
    } finally {
      release();
    }
  }

  async copyToNewFile(file: string): Promise<boolean> {
    if (this.inTx) throw new Error('copyToNewFile inside a transaction');
    const release = await this.mutex.lock();
    try {
      this.stmt('VACUUM INTO ?').run(file);
      return true;
    } finally {
      release();
    }
  }

  async sizeBytes(): Promise<number> {
    if (this.file === ':memory:') return 0;
    let total = 0;
    for (const f of [this.file, `${this.file}-wal`]) {
      try { total += statSync(f).size; } catch { /* absent WAL is fine */ }
    }
    return total;
  }

  async close(): Promise<void> {
    this.cache.clear();
    if (this.raw.open) this.raw.close();
  }
}

/** Opens (creating if needed) a SQLite file in WAL mode with settings tuned for a small server. */
export function openSqlite(file: string): SqliteDb {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const raw = new Database(file);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = NORMAL');
  raw.pragma('busy_timeout = 15000');
  raw.pragma('foreign_keys = ON');
  raw.pragma('cache_size = -32768'); // 32 MiB page cache: big imports must stay well under 1 GB
  raw.pragma('mmap_size = 0');
  raw.pragma('wal_autocheckpoint = 16384'); // 64 MiB of WAL between checkpoints: fewer rewrites of hot pages
  raw.pragma('temp_store = MEMORY');
  return new SqliteDb(raw, file);
}
