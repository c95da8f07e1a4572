import type { FileFormat } from '../format.js';

/** Placeholder until the arxiv-oai adapter lands: owns no file. */
export const format: FileFormat = {
  name: 'arxiv-oai' as FileFormat['name'],
  label: 'arxiv-oai',
  sniff: () => false,
  async *parse() { /* nothing yet */ },
};
