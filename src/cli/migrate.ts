import type { Command } from 'commander';
import type { ExitCode } from './main.js';
import { openContext } from './context.js';
import { migrate, schemaStatus } from '../db/migrate.js';

/** `paperboy migrate`: applies pending schema migrations (safe to run any time, also concurrently). */
export function registerMigrate(program: Command, _exit: ExitCode): void {
  program
    .command('migrate')
    .description('create or upgrade the database schema')
    .option('-q, --quiet', 'print nothing when already up to date')
    .action(async (opts: { quiet?: boolean }) => {
      const ctx = await openContext({ requireSchema: false });
      try {
        const before = await schemaStatus(ctx.db);
        if (before.state === 'ahead') {
          throw new (await import('./main.js')).UserError(`database ${ctx.db.location} is at schema version ${before.current}, newer than this paperboy (${before.latest})`);
        }
        const applied = await migrate(ctx.db);
        if (applied.length) process.stdout.write(`${ctx.db.location}: applied migration(s) ${applied.join(', ')}; schema is at version ${before.latest}\n`);
        else if (!opts.quiet) process.stdout.write(`${ctx.db.location}: schema is up to date (version ${before.latest})\n`);
      } finally {
        await ctx.close();
      }
    });
}
