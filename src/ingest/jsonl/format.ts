import type { FileFormat } from '../format.js';

/** Placeholder until the jsonl adapter lands: owns no file. */
export const format: FileFormat = {
  name: 'jsonl' as FileFormat['name'],
  label: 'jsonl',
  sniff: () => false,
  async *parse() { /* nothing yet */ },
};
