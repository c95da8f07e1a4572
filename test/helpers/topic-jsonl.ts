import { writeFileSync } from 'node:fs';
import type { PaperRecord } from '../../src/model/paper-record.js';

/** Writes papers as a JSON-lines import file (the arXiv snapshot-like format `paperboy import` reads). */
export function writeJsonl(path: string, records: readonly PaperRecord[]): void {
  const lines = records.map((r) => JSON.stringify({
    id: r.id, title: r.title, summary: r.abstract, authors: r.authors, categories: r.categories,
    published: r.versions?.[0]?.date,
  }));
  writeFileSync(path, `${lines.join('\n')}\n`);
}
