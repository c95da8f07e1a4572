import type { FileFormat } from '../format.js';

/** Placeholder until the arxiv-snapshot adapter lands: owns no file. */
export const format: FileFormat = {
  name: 'arxiv-snapshot' as FileFormat['name'],
  label: 'arxiv-snapshot',
  sniff: () => false,
  async *parse() { /* nothing yet */ },
};
