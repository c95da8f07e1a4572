import type { Command } from 'commander';
import type { ExitCode } from './main.js';

/** `paperboy serve` (being written). */
export function registerServe(program: Command, _exit: ExitCode): void {
  program.command('serve').description('(not yet available)').action(() => undefined);
}
