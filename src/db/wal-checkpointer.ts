import { statSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { Db } from './db.js';
import { SqliteDb } from './sqlite.js';

/** WAL size beyond which the checkpointer makes the log start over (bounded disk use during imports). */
const RESTART_WAL_BYTES = 512 * 1024 * 1024;

/** A running checkpointer; stop() copies what is left and closes its connection. */
export interface WalCheckpointer {
  stop(): void;
}

/**
 * For a bulk writer on a thread of its own: its commits stop copying the write-ahead log back into
 * the database file (SQLite otherwise does that inside whichever commit crosses the threshold, on
 * the writer's critical path). Only call it when a `startWalCheckpointer` runs meanwhile.
 */
export function handOffCheckpoints(db: Db): void {
  if (db instanceof SqliteDb) db.raw.pragma('wal_autocheckpoint = 0');
}

/**
 * Checkpoints a SQLite file's WAL every `everyMs` on its own connection, on the calling thread
 * (an import's otherwise idle main thread). PASSIVE checkpoints never block the writer; when the
 * log has grown past `maxWalBytes` a TRUNCATE makes it start over, so it stays bounded. Returns null
 * for PostgreSQL or an in-memory database.
 */
export function startWalCheckpointer(file: string | null, everyMs = 500, maxWalBytes = RESTART_WAL_BYTES): WalCheckpointer | null {
  if (!file || file === ':memory:') return null;
  const conn = new Database(file);
  conn.pragma('busy_timeout = 5000');
  const walBytes = (): number => {
    try { return statSync(`${file}-wal`).size; } catch { return 0; }
  };
  const checkpoint = (): void => {
    try {
      conn.pragma('wal_checkpoint(PASSIVE)');
      // A writer that never pauses keeps appending, so the log would never start over: once it is
      // large, wait for one commit boundary and start it over (cheap: its pages are copied already).
      if (walBytes() > maxWalBytes) conn.pragma('wal_checkpoint(TRUNCATE)');
    } catch {
      // Busy or locked this time: the next tick tries again, and the writer's close does the rest.
    }
  };
  const timer = setInterval(checkpoint, everyMs);
  return {
    stop() {
      clearInterval(timer);
      checkpoint();
      conn.close();
    },
  };
}
