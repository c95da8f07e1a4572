import type { Command } from 'commander';
import type { ExitCode } from './main.js';

/** `paperboy harvest` (being written). */
export function registerHarvest(program: Command, _exit: ExitCode): void {
  program.command('harvest').description('(not yet available)').action(() => undefined);
}
