import type { Dialect } from '../db.js';

/**
 * Authors keyed by name alone. Nothing refers to an author id (which papers an author wrote is
 * answered by the search index), so one B-tree on the name replaces a row table plus a unique
 * index: large imports write each new name once instead of twice.
 */
export function authorsByNameSchema(d: Dialect): string {
  return `
CREATE TABLE authors_by_name (
  name TEXT PRIMARY KEY
)${d.clusteredTable};
INSERT INTO authors_by_name (name) SELECT name FROM authors;
DROP TABLE authors;
ALTER TABLE authors_by_name RENAME TO authors;
`;
}
