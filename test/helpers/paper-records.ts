import type { PaperRecord, SourceName } from '../../src/model/paper-record.js';

type Writable<T> = { -readonly [K in keyof T]?: T[K] };

/**
 * A small arXiv-like record for store and page tests. The raw payload is derived from the
 * fields, so two records with different content count as two distinct source records.
 */
export function paperRecord(id: string, fields: Writable<Omit<PaperRecord, 'id' | 'source'>> & { sourceName?: SourceName } = {}): PaperRecord {
  const { sourceName = 'arxiv-api', ...rest } = fields;
  const body = {
    title: `A study of ${id}`,
    abstract: `We study ${id} and report results.`,
    authors: ['Ada Lovelace', 'Alan Turing'],
    categories: ['cs.CL', 'cs.AI'],
    primaryCategory: 'cs.CL',
    versions: [{ version: 1, date: '2025-03-17T17:59:00.000Z' }],
    ...rest,
  };
  return { id, ...body, source: { name: sourceName, origin: `test:${id}`, raw: JSON.stringify({ id, ...body }) } };
}
