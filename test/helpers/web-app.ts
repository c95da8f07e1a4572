import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/web/app.js';
import { loadConfig } from '../../src/config/config.js';
import { createLogger } from '../../src/logging/logger.js';
import { KeywordIndex } from '../../src/search/keyword/keyword-index.js';
import { createSemanticSearch } from '../../src/search/semantic/create-semantic-search.js';
import { upsertRecords } from '../../src/store/papers-write.js';
import type { PaperRecord } from '../../src/model/paper-record.js';
import type { FreshDb } from './databases.js';
import type { WebDeps } from '../../src/web/deps.js';

/** The base URL feed and export tests configure, so absolute links are predictable. */
export const TEST_BASE_URL = 'https://papers.example.org';

/** The real web app over a fresh database, with these papers stored and indexed for search; `env` adds settings (SMTP_URL...). */
export async function webAppWith(fresh: FreshDb, records: readonly PaperRecord[], env: Record<string, string> = {}): Promise<FastifyInstance> {
  const config = loadConfig({ DATABASE_URL: fresh.url, PAPERBOY_LOG_LEVEL: 'silent', PAPERBOY_BASE_URL: TEST_BASE_URL, ...env });
  const keyword = new KeywordIndex(fresh.db);
  if (records.length) {
    await upsertRecords(fresh.db, records);
    await keyword.indexPending();
  }
  const semantic = createSemanticSearch({ db: fresh.db, keyword, config });
  // Embeds the papers (a model is trained once there are enough of them, see src/jobs/embed-job.ts).
  if (records.length) await semantic.embedPending();
  return buildApp({ config, db: fresh.db, keyword, semantic, logger: createLogger(config) });
}

/** Web dependencies with semantic search over the same database and keyword index (nothing embedded yet). */
export function withSemantic(deps: Omit<WebDeps, 'semantic'>): WebDeps {
  return { ...deps, semantic: createSemanticSearch({ db: deps.db, keyword: deps.keyword, config: deps.config }) };
}
