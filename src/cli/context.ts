import type { Db } from '../db/db.js';
import { openDatabase } from '../db/connect.js';
import { LATEST_VERSION, migrate, schemaProblem, schemaStatus } from '../db/migrate.js';
import { loadConfig, SETTING_NAMES, type Config } from '../config/config.js';
import { unknownSettings } from '../config/unknown-settings.js';
import { KeywordIndex } from '../search/keyword/keyword-index.js';
import { createSemanticSearch, type SemanticEngine } from '../search/semantic/create-semantic-search.js';
import { LOAD_WAIT_MS } from '../search/semantic/semantic-state.js';

/** The dependencies a command works with, built once in one place and passed explicitly. */
export interface AppContext {
  config: Config;
  db: Db;
  keyword: KeywordIndex;
  /** Search modes, similar papers and recommendations over the stored embeddings. */
  semantic: SemanticEngine;
  close(): Promise<void>;
}

/** How a command treats the database's schema. */
export interface ContextOptions {
  /** Refuse a database whose schema is older or newer than this build (default true). */
  requireSchema?: boolean;
  /** Create the schema in a database that has none yet (the commands that fill one: serve, import,
   * harvest); upgrading an existing schema stays an explicit `paperboy migrate`. */
  createSchema?: boolean;
  /** The process answers requests (`serve`): long work stays off the event loop (KeywordIndex). */
  serving?: boolean;
  env?: NodeJS.ProcessEnv;
}

/**
 * Builds the context for a command. With `requireSchema` (the default) it refuses an unmigrated
 * or newer database with the message that says what to do.
 */
export async function openContext(opts: ContextOptions = {}): Promise<AppContext> {
  const { UserError } = await import('./main.js');
  const env = opts.env ?? process.env;
  const config = loadConfig(env);
  for (const w of unknownSettings(env, SETTING_NAMES)) process.stderr.write(`paperboy: warning: ${w}\n`);
  const db = openDatabase(config.databaseUrl);
  if (opts.createSchema && (await schemaStatus(db)).current === 0) {
    // A database with no schema holds nothing to back up first: creating it is what the user asked for.
    await migrate(db);
    process.stderr.write(`paperboy: created the schema (version ${LATEST_VERSION}) in ${db.location}\n`);
  }
  if (opts.requireSchema !== false) {
    const problem = schemaProblem(await schemaStatus(db), db.location);
    if (problem) {
      await db.close();
      throw new UserError(problem);
    }
  }
  const keyword = new KeywordIndex(db, { serving: opts.serving === true });
  // A failing embedding endpoint is reported once on stderr (stdout may carry --json output).
  // A served search answers by keyword while the vectors load after a restart; a command waits for them.
  const loadWaitMs = opts.serving === true ? LOAD_WAIT_MS : undefined;
  const semantic = createSemanticSearch({ db, keyword, config, loadWaitMs, logger: { warn: (m) => process.stderr.write(`paperboy: warning: ${m}\n`) } });
  return { config, db, keyword, semantic, close: async () => { await semantic.close(); await keyword.close(); await db.close(); } };
}
