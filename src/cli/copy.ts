import { existsSync, rmSync } from 'node:fs';
import type { Command } from 'commander';
import type { ExitCode } from './main.js';
import { openContext } from './context.js';
import type { Db } from '../db/db.js';
import { openDatabase, sqliteFileOf } from '../db/connect.js';
import { migrate, schemaStatus } from '../db/migrate.js';
import { copyDatabase, reportOf, type CopyReport } from '../store/database-copy.js';
import { silentProgress, terminalProgress, type Progress } from '../progress/progress.js';

/** A failure the user can fix, as the CLI reports it. */
async function userError(message: string): Promise<Error> {
  return new (await import('./main.js')).UserError(`copy: ${message}`);
}

/** The SQLite file a target names, or null (PostgreSQL); a bad address is the user's to fix. */
async function targetFile(target: string): Promise<string | null> {
  try {
    return sqliteFileOf(target);
  } catch (err) {
    throw await userError((err as Error).message.replace(/^DATABASE_URL/, 'TARGET'));
  }
}

/** Copies row by row into an existing or PostgreSQL target: migrated first, refused unless empty. */
async function rowByRow(src: Db, target: string, progress: Progress): Promise<{ report: CopyReport; location: string }> {
  const dst = openDatabase(target);
  try {
    if (dst.location === src.location) throw await userError(`${dst.location} is the database being copied`);
    const status = await schemaStatus(dst);
    if (status.state === 'ahead') throw await userError(`${dst.location} is at schema version ${status.current}, newer than this paperboy (${status.latest})`);
    await migrate(dst);
    const r = await copyDatabase(src, dst, progress);
    if ('refused' in r) throw await userError(r.refused);
    return { report: r, location: dst.location };
  } finally {
    progress.stop();
    await dst.close();
  }
}

/** Counts what a copy made by the database's own means holds. */
async function reportOfFile(file: string): Promise<{ report: CopyReport; location: string }> {
  const dst = openDatabase(file);
  try {
    return { report: await reportOf(dst), location: dst.location };
  } finally {
    await dst.close();
  }
}

/**
 * `paperboy copy TARGET`: everything in the database (papers, raw source records, search index,
 * embeddings, subscribers, digest outbox, harvest progress) into an empty SQLite file or PostgreSQL
 * database, read as one snapshot so it works while `serve` runs. It is the way from SQLite to
 * PostgreSQL, back, and a consistent backup (a new file from SQLite is written by VACUUM INTO).
 */
export function registerCopy(program: Command, _exit: ExitCode): void {
  program
    .command('copy')
    .description('copy the whole database into an empty SQLite file or PostgreSQL database (migration, backup)')
    .argument('<target>', 'a SQLite file path (or file: URL), or postgres://user:pass@host:5432/db')
    .option('--json', 'print {"source","target","rows","tables","seconds"} on stdout')
    .action(async (target: string, flags: { json?: boolean }) => {
      const file = await targetFile(target);
      const ctx = await openContext();
      const fresh = file !== null && file !== ':memory:' && !existsSync(file);
      let done = false;
      try {
        const started = performance.now();
        const progress = flags.json ? silentProgress : terminalProgress();
        const { report: r, location } = fresh && (await ctx.db.copyToNewFile(file)) ? await reportOfFile(file) : await rowByRow(ctx.db, target, progress);
        done = true;
        const seconds = Math.round((performance.now() - started) / 100) / 10;
        if (flags.json) {
          process.stdout.write(`${JSON.stringify({ source: ctx.db.location, target: location, rows: r.rows, tables: r.tables, seconds })}\n`);
          return;
        }
        const n = (v: number): string => v.toLocaleString('en-US');
        const papers = r.tables['papers'] ?? 0;
        const subscribers = r.tables['subscribers'] ?? 0;
        process.stdout.write(`copied ${n(r.rows)} rows (${n(papers)} paper${papers === 1 ? '' : 's'}, ${n(subscribers)} subscriber${subscribers === 1 ? '' : 's'}) from ${ctx.db.location} to ${location} in ${seconds} s\n`);
        process.stdout.write(`to run on the copy: DATABASE_URL=${file ?? '<the same postgres:// URL>'} npx paperboy serve\n`);
      } finally {
        await ctx.close();
        // A file this command created holds nothing worth keeping when the copy did not finish.
        if (fresh && !done) for (const f of [file!, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
      }
    });
}
