import { Command, CommanderError } from 'commander';
import { registerMigrate } from './migrate.js';
import { registerServe } from './serve.js';
import { registerImport } from './import.js';
import { registerHarvest } from './harvest.js';
import { registerSearch } from './search.js';
import { registerStats } from './stats.js';
import { registerReindex } from './reindex.js';
import { registerSimilar } from './similar.js';
import { registerRecommend } from './recommend.js';
import { registerSubscribers } from './subscribers.js';
import { registerDigest } from './digest.js';
import { registerCopy } from './copy.js';
import { ConfigError } from '../config/config.js';

/** A failure the user can fix (bad argument, unmigrated database): printed without a stack trace. */
export class UserError extends Error {}

/** Holds the exit code a command wants; commands set it instead of calling process.exit. */
export interface ExitCode {
  code: number;
}

/** Entry point of the `paperboy` binary: parses argv, runs one command, resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  const exit: ExitCode = { code: 0 };
  const program = new Command('paperboy')
    .description('A self-hosted Daily Papers: listings, trending, search and digests of new research papers.')
    .exitOverride()
    .showHelpAfterError();
  registerServe(program, exit);
  registerMigrate(program, exit);
  registerImport(program, exit);
  registerHarvest(program, exit);
  registerSearch(program, exit);
  registerStats(program, exit);
  registerReindex(program, exit);
  registerSimilar(program, exit);
  registerRecommend(program, exit);
  registerSubscribers(program, exit);
  registerDigest(program, exit);
  registerCopy(program, exit);
  try {
    await program.parseAsync(argv);
    return exit.code;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode;
    if (err instanceof UserError || err instanceof ConfigError) {
      process.stderr.write(`paperboy: ${err.message}\n`);
      return 2;
    }
    process.stderr.write(`paperboy: unexpected error: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
    return 1;
  }
}
