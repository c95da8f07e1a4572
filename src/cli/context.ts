import type { Db } from '../db/db.js';
import { openDatabase } from '../db/connect.js';
import { schemaProblem, schemaStatus } from '../db/migrate.js';
import { loadConfig, type Config } from '../config/config.js';
import { KeywordIndex } from '../search/keyword/keyword-index.js';

/** The dependencies a command works with, built once in one place and passed explicitly. */
export interface AppContext {
  config: Config;
  db: Db;
  keyword: KeywordIndex;
  close(): Promise<void>;
}

/**
 * Builds the context for a command. With `requireSchema` (the default) it refuses an unmigrated
 * or newer database with the message that says what to do.
 */
export async function openContext(opts: { requireSchema?: boolean; env?: NodeJS.ProcessEnv } = {}): Promise<AppContext> {
  const { UserError } = await import('./main.js');
  const config = loadConfig(opts.env ?? process.env);
  const db = openDatabase(config.databaseUrl);
  if (opts.requireSchema !== false) {
    const problem = schemaProblem(await schemaStatus(db), db.location);
    if (problem) {
      await db.close();
      throw new UserError(problem);
    }
  }
  const keyword = new KeywordIndex(db);
  return { config, db, keyword, close: async () => { await keyword.close(); await db.close(); } };
}
