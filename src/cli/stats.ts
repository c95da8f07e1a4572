import type { Command } from 'commander';
import type { ExitCode } from './main.js';

/** `paperboy stats` (being written). */
export function registerStats(program: Command, _exit: ExitCode): void {
  program.command('stats').description('(not yet available)').action(() => undefined);
}
