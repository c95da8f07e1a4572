import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from './db.js';
import { openSqlite } from './sqlite.js';
import { openPostgres } from './postgres.js';

/**
 * Opens the database DATABASE_URL names: postgres:// or postgresql:// for PostgreSQL, otherwise a
 * SQLite file (a plain path or a file: URL).
 */
export function openDatabase(url: string): Db {
  if (/^postgres(ql)?:\/\//i.test(url)) return openPostgres(url);
  if (url === ':memory:') return openSqlite(':memory:');
  if (url.startsWith('file:')) {
    const path = url.startsWith('file://') ? fileURLToPath(url) : url.slice('file:'.length);
    return openSqlite(resolve(path));
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) {
    throw new Error(`DATABASE_URL: unsupported scheme in "${url.replace(/\/\/[^@]*@/, '//***@')}" (use a file path, file:, or postgres://)`);
  }
  return openSqlite(resolve(url));
}
