import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from './db.js';
import { openSqlite } from './sqlite.js';
import { openPostgres } from './postgres.js';

/**
 * The SQLite file a DATABASE_URL names (a plain path or a file: URL), ':memory:', or null for
 * PostgreSQL. Throws on any other scheme.
 */
export function sqliteFileOf(url: string): string | null {
  if (/^postgres(ql)?:\/\//i.test(url)) return null;
  if (url === ':memory:') return ':memory:';
  if (url.startsWith('file:')) return resolve(url.startsWith('file://') ? fileURLToPath(url) : url.slice('file:'.length));
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) {
    throw new Error(`DATABASE_URL: unsupported scheme in "${url.replace(/\/\/[^@]*@/, '//***@')}" (use a file path, file:, or postgres://)`);
  }
  return resolve(url);
}

/**
 * Opens the database DATABASE_URL names: postgres:// or postgresql:// for PostgreSQL, otherwise a
 * SQLite file (a plain path or a file: URL).
 */
export function openDatabase(url: string): Db {
  const file = sqliteFileOf(url);
  return file === null ? openPostgres(url) : openSqlite(file);
}
