import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { BenchError } from './options.js';

/** A PostgreSQL server to benchmark on: its admin URL and how to let it go afterwards. */
export interface PgServer {
  adminUrl: string;
  version: string;
  /** Stops and removes a cluster this run started; leaves a server it was given alone. */
  release(): void;
}

/** The newest installed PostgreSQL's bin directory (server and client tools), or null. */
export function serverBin(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).sort((a, b) => Number(a) - Number(b));
  return versions.length ? join(root, versions[versions.length - 1]!, 'bin') : null;
}

/** Stops a cluster started by scripts/pg-test-cluster.sh in dir and deletes its files. */
function stopCluster(dir: string): void {
  const bin = serverBin();
  if (bin && existsSync(join(dir, 'data', 'PG_VERSION'))) {
    const ctl = [join(bin, 'pg_ctl'), '-D', join(dir, 'data'), '-m', 'fast', '-w', 'stop'];
    const asRoot = process.getuid?.() === 0;
    try {
      execFileSync(asRoot ? 'runuser' : ctl[0]!, asRoot ? ['-u', 'postgres', '--', ...ctl] : ctl.slice(1), { stdio: 'ignore' });
    } catch { /* already stopped */ }
  }
  rmSync(dir, { recursive: true, force: true });
}

async function adminQuery<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<T>(sql)).rows;
  } finally {
    await c.end();
  }
}

/**
 * The server to use: the URL given, or a throwaway cluster started with scripts/pg-test-cluster.sh
 * in `dir` (removed again by release()).
 */
export async function pgServer(url: string | null, root: string, dir: string, log: (l: string) => void): Promise<PgServer> {
  let adminUrl = url;
  let started = false;
  if (!adminUrl) {
    stopCluster(dir);
    log(`starting a throwaway PostgreSQL cluster in ${dir}`);
    try {
      adminUrl = execFileSync(join(root, 'scripts', 'pg-test-cluster.sh'), [dir], { encoding: 'utf8' }).trim();
    } catch (err) {
      throw new BenchError(`could not start PostgreSQL with scripts/pg-test-cluster.sh (${(err as Error).message.split('\n')[0]}); pass --pg-url or set PAPERBOY_BENCH_DATABASE_URL`);
    }
    started = true;
  }
  const release = (): void => { if (started) stopCluster(dir); };
  try {
    const [row] = await adminQuery<{ v: string }>(adminUrl, "SELECT current_setting('server_version') AS v");
    return { adminUrl, version: row?.v ?? 'unknown', release };
  } catch (err) {
    release();
    throw new BenchError(`cannot connect to PostgreSQL at ${adminUrl.replace(/\/\/[^@]*@/, '//***@')}: ${(err as Error).message}`);
  }
}

/** Creates an empty database on the server and returns its URL (name: letters, digits, _ only). */
export async function createDatabase(server: PgServer, name: string): Promise<string> {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`bad database name ${name}`);
  await adminQuery(server.adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await adminQuery(server.adminUrl, `CREATE DATABASE ${name}`);
  const u = new URL(server.adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Drops a database createDatabase made. */
export async function dropDatabase(server: PgServer, name: string): Promise<void> {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`bad database name ${name}`);
  await adminQuery(server.adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}

