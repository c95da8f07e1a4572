import type { FileFormat } from '../format.js';

/** Placeholder until the hf-daily adapter lands: owns no file. */
export const format: FileFormat = {
  name: 'hf-daily' as FileFormat['name'],
  label: 'hf-daily',
  sniff: () => false,
  async *parse() { /* nothing yet */ },
};
