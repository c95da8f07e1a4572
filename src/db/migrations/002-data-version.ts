import type { Dialect } from '../db.js';

/**
 * A small key/value table for facts about the data as a whole. `data_version` is a counter every
 * write that changes what the site shows moves forward, so readers (the page cache) can tell with
 * one cheap query whether anything they rendered earlier may be out of date.
 */
export function dataVersionSchema(_d: Dialect): string {
  return `
CREATE TABLE app_meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
INSERT INTO app_meta (key, value) VALUES ('data_version', '0');
`;
}
