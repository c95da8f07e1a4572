/** What every worker process prints as its last stdout line, read back by `runChild`. */
export interface WorkerReport<R> {
  result: R;
  /** `process.resourceUsage().maxRSS` at the end, in KiB: the kernel's RSS high-water mark. */
  maxRssKb: number;
}

/**
 * Runs a worker's main with the JSON argument its parent passed and prints the report as one JSON
 * line on stdout (progress goes to stderr). A failure prints the error and exits 1.
 */
export function runWorker<A, R>(main: (args: A) => Promise<R>): void {
  const raw = process.argv[2];
  if (!raw) {
    process.stderr.write('this is a benchmark worker: run `npm run bench` instead\n');
    process.exit(2);
  }
  main(JSON.parse(raw) as A).then(
    (result) => {
      const report: WorkerReport<R> = { result, maxRssKb: process.resourceUsage().maxRSS };
      process.stdout.write(`${JSON.stringify(report)}\n`, () => process.exit(0));
    },
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
      process.exit(1);
    },
  );
}

/** Progress lines of a worker on stderr, each prefixed with what is being measured. */
export function logLine(label: string): (line: string) => void {
  return (line) => { process.stderr.write(`  [${label}] ${line}\n`); };
}
