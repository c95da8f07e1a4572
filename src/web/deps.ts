import type { Config } from '../config/config.js';
import type { Db } from '../db/db.js';
import type { KeywordIndex } from '../search/keyword/keyword-index.js';
import type { Logger } from '../logging/logger.js';
import type { SemanticSearch } from '../search/semantic/semantic-search.js';

/** Everything the web layer uses, passed in as one object so tests build it from real parts. */
export interface WebDeps {
  config: Config;
  db: Db;
  keyword: KeywordIndex;
  /** Search modes, similar papers and recommendations (src/search/semantic). */
  semantic: SemanticSearch;
  logger: Logger;
  /**
   * The site's own background reads (the spelling vocabulary) start once this settles: `serve`
   * passes the semantic model's first load, which a search in the first seconds waits for.
   */
  warmAfter?: Promise<void>;
}
