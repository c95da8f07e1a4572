import type { FileFormat } from './format.js';
import { format as hfDaily } from './hf-daily/format.js';
import { format as arxivSnapshot } from './arxiv-snapshot/format.js';
import { format as jsonl } from './jsonl/format.js';
import { format as arxivApi } from './arxiv-api/format.js';
import { format as arxivOai } from './arxiv-oai/format.js';
import { format as arxivRss } from './arxiv-rss/format.js';

/** Every file format `import` knows, in sniffing order (more specific before more general). */
export const FILE_FORMATS: readonly FileFormat[] = [hfDaily, arxivSnapshot, arxivApi, arxivOai, arxivRss, jsonl];
