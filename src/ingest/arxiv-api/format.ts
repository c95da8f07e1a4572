import type { FileFormat } from '../format.js';

/** Placeholder until the arxiv-api adapter lands: owns no file. */
export const format: FileFormat = {
  name: 'arxiv-api' as FileFormat['name'],
  label: 'arxiv-api',
  sniff: () => false,
  async *parse() { /* nothing yet */ },
};
