import type { Command } from 'commander';
import type { ExitCode } from './main.js';

/** `paperboy search` (being written). */
export function registerSearch(program: Command, _exit: ExitCode): void {
  program.command('search').description('(not yet available)').action(() => undefined);
}
