import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** What `npm run eval` measures and where it reads and writes. */
export interface EvalOptions {
  dataDir: string;
  collections: string[];
  /** Modes to run; empty = every mode. */
  modes: string[];
  outDir: string;
  /** Write per-query scores into the JSON too. */
  perQuery: boolean;
}

export const USAGE = `usage: npm run eval -- [--data DIR] [--collections cacm,cisi,csfcube] [--modes keyword,semantic,...] [--out DIR] [--per-query]
  --data         directory holding cacm/, cisi/ and csfcube/ (default: $PAPERBOY_SHARED/data/eval or ../shared/data/eval)
  --collections  which collections to run (default: all three)
  --modes        which ranking modes to run (default: all; see the table for names)
  --out          where the JSON results go (default: .bench/)
  --per-query    also write every query's scores into the JSON
With PAPERBOY_EMBEDDINGS_URL (and PAPERBOY_EMBEDDINGS_MODEL, PAPERBOY_EMBEDDINGS_API_KEY) set, the modes
endpoint, endpoint-hybrid and endpoint-similar measure that OpenAI-compatible embeddings service too.`;

/** A usage problem: the message says what to fix. */
export class OptionsError extends Error {}

function defaultDataDir(root: string): string {
  const shared = process.env['PAPERBOY_SHARED'];
  if (shared) return resolve(shared, existsSync(resolve(shared, 'data')) ? 'data' : '.', 'eval');
  return resolve(root, '..', 'shared', 'data', 'eval');
}

/** Parses the command line; 'help' for --help. */
export function parseOptions(argv: readonly string[], root: string): EvalOptions | 'help' {
  const opts: EvalOptions = { dataDir: defaultDataDir(root), collections: ['cacm', 'cisi', 'csfcube'], modes: [], outDir: resolve(root, '.bench'), perQuery: false };
  const list = (v: string): string[] => v.split(',').map((s) => s.trim()).filter(Boolean);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new OptionsError(`${arg} needs a value`);
      return v;
    };
    switch (arg) {
      case '--help': case '-h': return 'help';
      case '--data': opts.dataDir = resolve(value()); break;
      case '--collections': opts.collections = list(value()); break;
      case '--modes': opts.modes = list(value()); break;
      case '--out': opts.outDir = resolve(value()); break;
      case '--per-query': opts.perQuery = true; break;
      default: throw new OptionsError(`unknown option ${arg}\n${USAGE}`);
    }
  }
  if (!existsSync(opts.dataDir)) {
    throw new OptionsError(`no evaluation data at ${opts.dataDir}: pass --data DIR (a directory holding cacm/, cisi/ and csfcube/ with corpus.jsonl, queries.jsonl and qrels.tsv) or set PAPERBOY_SHARED`);
  }
  return opts;
}
