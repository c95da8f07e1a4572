import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/web/app.js';
import { loadConfig } from '../../src/config/config.js';
import { createLogger } from '../../src/logging/logger.js';
import { KeywordIndex } from '../../src/search/keyword/keyword-index.js';
import { upsertRecords } from '../../src/store/papers-write.js';
import type { PaperRecord } from '../../src/model/paper-record.js';
import type { FreshDb } from './databases.js';

/** The base URL feed and export tests configure, so absolute links are predictable. */
export const TEST_BASE_URL = 'https://papers.example.org';

/** The real web app over a fresh database, with these papers stored and indexed for search. */
export async function webAppWith(fresh: FreshDb, records: readonly PaperRecord[]): Promise<FastifyInstance> {
  const config = loadConfig({ DATABASE_URL: fresh.url, PAPERBOY_LOG_LEVEL: 'silent', PAPERBOY_BASE_URL: TEST_BASE_URL });
  const keyword = new KeywordIndex(fresh.db);
  if (records.length) {
    await upsertRecords(fresh.db, records);
    await keyword.indexPending();
  }
  return buildApp({ config, db: fresh.db, keyword, logger: createLogger(config) });
}
