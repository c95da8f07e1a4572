import type { Command } from 'commander';
import type { ExitCode } from './main.js';

/** `paperboy import` (being written). */
export function registerImport(program: Command, _exit: ExitCode): void {
  program.command('import').description('(not yet available)').action(() => undefined);
}
