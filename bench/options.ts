import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export type BackendName = 'sqlite' | 'postgres';
export type Part = 'import' | 'search' | 'render' | 'copy' | 'web' | 'digest' | 'vector';

/** What one `npm run bench` does, from its flags and environment. */
export interface BenchOptions {
  sizes: number[];
  backends: BackendName[];
  only: Part[];
  /** Directory of the arXiv daily `*.jsonl.gz` files the corpus is built from. */
  dataDir: string;
  /** Where corpora, databases and results live (gitignored). */
  workDir: string;
  /** An admin URL of a PostgreSQL server; when null a throwaway cluster is started. */
  pgUrl: string | null;
  queries: number;
  seed: number;
}

export const USAGE = `usage: npm run bench -- [--sizes 100000,1000000] [--backends sqlite,postgres] [--only import,search,render,copy,web,digest,vector]
                        [--data DIR] [--pg-url postgres://...] [--queries 300] [--seed 42]
  --data      directory holding arxiv-daily/*.jsonl.gz (default: $PAPERBOY_SHARED/data or ../shared/data)
  --pg-url    admin URL of a PostgreSQL server (default: $PAPERBOY_BENCH_DATABASE_URL, else a throwaway
              cluster started with scripts/pg-test-cluster.sh in .bench/pg)
  --only      import: import throughput and memory; search: query latency (needs the imported databases,
              so search alone still imports, but reports only search); web: the website benchmark, run last
              as \`npm run bench:web\` with its defaults (leave it out to skip it; \`--only web\` runs only it);
              digest: 10,000 subscribers' digests over 100,000 papers sent to a local SMTP sink (dist/bench/digest.js);
              render: typesetting formulas in titles and abstracts against escaped text (a second);
              copy: paperboy copy of the smallest size's instance, SQLite and PostgreSQL, against VACUUM INTO
              and pg_dump + pg_restore;
              vector: semantic search on SQLite (embedding throughput and memory, IVF vs exact-scan latency and recall)`;

/** A user-fixable problem with the flags or the environment: printed without a stack, exit 1. */
export class BenchError extends Error {}

function list(value: string, flag: string): string[] {
  const items = value.split(',').map((s) => s.trim()).filter(Boolean);
  if (!items.length) throw new BenchError(`${flag}: expected a comma-separated list`);
  return items;
}

function pick<T extends string>(value: string, flag: string, allowed: readonly T[]): T[] {
  return list(value, flag).map((v) => {
    if (!(allowed as readonly string[]).includes(v)) throw new BenchError(`${flag}: unknown value "${v}" (expected ${allowed.join(', ')})`);
    return v as T;
  });
}

function count(value: string, flag: string): number {
  const n = Number(value.replace(/_/g, ''));
  if (!Number.isInteger(n) || n < 1) throw new BenchError(`${flag}: expected a positive whole number, got "${value}"`);
  return n;
}

/** The shared data directory: --data, then $PAPERBOY_SHARED/data, then ../shared/data beside the checkout. */
function defaultDataDir(root: string): string {
  const shared = process.env['PAPERBOY_SHARED'];
  if (shared) return resolve(shared, existsSync(resolve(shared, 'data')) ? 'data' : '.');
  return resolve(root, '..', 'shared', 'data');
}

/** Parses `npm run bench -- ...` flags; throws BenchError for a bad flag. */
export function parseOptions(argv: readonly string[], root: string): BenchOptions | 'help' {
  const opts: BenchOptions = {
    sizes: [100_000, 1_000_000],
    backends: ['sqlite', 'postgres'],
    only: ['import', 'search', 'render', 'copy', 'web', 'digest'],
    dataDir: defaultDataDir(root),
    workDir: resolve(root, '.bench'),
    pgUrl: process.env['PAPERBOY_BENCH_DATABASE_URL'] || null,
    queries: 300,
    seed: 42,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') return 'help';
    const eq = arg.indexOf('=');
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const value = (): string => {
      if (eq > 0) return arg.slice(eq + 1);
      const v = argv[++i];
      if (v === undefined) throw new BenchError(`${flag}: missing value`);
      return v;
    };
    switch (flag) {
      case '--sizes': opts.sizes = list(value(), flag).map((s) => count(s, flag)); break;
      case '--backends': opts.backends = pick(value(), flag, ['sqlite', 'postgres'] as const); break;
      case '--only': opts.only = pick(value(), flag, ['import', 'search', 'render', 'copy', 'web', 'digest', 'vector'] as const); break;
      case '--data': opts.dataDir = resolve(value()); break;
      case '--pg-url': opts.pgUrl = value(); break;
      case '--queries': opts.queries = count(value(), flag); break;
      case '--seed': opts.seed = count(value(), flag); break;
      default: throw new BenchError(`unknown argument "${arg}"\n${USAGE}`);
    }
  }
  return opts;
}
