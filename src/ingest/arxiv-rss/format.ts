import type { FileFormat } from '../format.js';

/** Placeholder until the arxiv-rss adapter lands: owns no file. */
export const format: FileFormat = {
  name: 'arxiv-rss' as FileFormat['name'],
  label: 'arxiv-rss',
  sniff: () => false,
  async *parse() { /* nothing yet */ },
};
