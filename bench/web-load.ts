import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import { BenchError } from './options.js';

/** One load run against one URL: throughput and latency as autocannon measured them. */
export interface LoadResult {
  requestsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

/** A server process the benchmark started, and how to stop it. */
export interface ServerProcess {
  origin: string;
  stop(): Promise<void>;
}

const started = new Set<ChildProcess>();

/** Stops every server still running (on errors and Ctrl-C). */
export function stopAll(): void {
  for (const c of started) c.kill('SIGTERM');
}

/** A TCP port that was free a moment ago on loopback (the server is told to listen on it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

function track(child: ChildProcess, label: string, log: (l: string) => void): () => Promise<void> {
  started.add(child);
  child.stderr?.on('data', (d: Buffer) => { for (const l of d.toString('utf8').split('\n')) if (l.trim()) log(`${label}: ${l}`); });
  const exited = new Promise<void>((resolve) => child.once('exit', () => { started.delete(child); resolve(); }));
  return async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
  };
}

async function waitHealthy(origin: string, path: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new BenchError(`the server at ${origin} exited with code ${child.exitCode}`);
    try {
      if ((await fetch(origin + path)).ok) return;
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new BenchError(`the server at ${origin} did not answer ${path} within 30 s`);
}

/** `paperboy serve --no-schedule` on loopback over the given database, as a user would start it (plus `env`). */
export async function startPaperboy(root: string, dbPath: string, log: (l: string) => void, env: Record<string, string> = {}): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [`${root}/bin/paperboy.js`, 'serve', '--no-schedule'], {
    cwd: root,
    // warn: per-request info lines would measure the log pipe, not the server.
    env: { ...process.env, DATABASE_URL: dbPath, PAPERBOY_HOST: '127.0.0.1', PAPERBOY_PORT: String(port), PAPERBOY_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const stop = track(child, 'paperboy', log);
  const origin = `http://127.0.0.1:${port}`;
  await waitHealthy(origin, '/healthz', child);
  return { origin, stop };
}

/**
 * Requests each page once, then waits until the server answers /healthz promptly several times in
 * a row: the first semantic request loads every vector and builds the approximate index, work a
 * long-running server does once, which must not be measured as the pages' latency.
 */
export async function warmUp(origin: string, paths: readonly string[], log: (l: string) => void): Promise<number> {
  const started = Date.now();
  for (const path of paths) await (await fetch(origin + path)).arrayBuffer();
  for (let prompt = 0; prompt < 8 && Date.now() - started < 120_000;) {
    const t = performance.now();
    await (await fetch(`${origin}/healthz`)).arrayBuffer();
    prompt = performance.now() - t < 50 ? prompt + 1 : 0;
    await new Promise((r) => setTimeout(r, 250));
  }
  const seconds = (Date.now() - started) / 1000;
  log(`warm-up: ${seconds.toFixed(1)} s until the server answered promptly`);
  return seconds;
}

/** The bare node:http baseline serving the pages listed in `manifest`. */
export async function startBare(script: string, manifest: string, firstPath: string, log: (l: string) => void): Promise<ServerProcess> {
  const child = spawn(process.execPath, [script, manifest], { stdio: ['ignore', 'pipe', 'pipe'] });
  const stop = track(child, 'bare', log);
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.once('data', (d: Buffer) => resolve((JSON.parse(d.toString('utf8')) as { port: number }).port));
    child.once('exit', (code) => reject(new BenchError(`the bare server exited with code ${code}`)));
  });
  const origin = `http://127.0.0.1:${port}`;
  await waitHealthy(origin, firstPath, child);
  return { origin, stop };
}

/** Drives `url` with `connections` keep-alive connections for `seconds`, after a short warm-up. */
export async function load(url: string, connections: number, seconds: number, paths?: readonly string[]): Promise<LoadResult> {
  // With `paths`, each request takes the next one (warm-up included), so none is asked for twice
  // while the list lasts: pages that no cache has seen.
  let next = 0;
  const rotate: Pick<autocannon.Options, 'requests'> = paths?.length ? { requests: [{ setupRequest: (req) => ({ ...req, path: paths[next++ % paths.length]! }) }] } : {};
  await autocannon({ url, connections, duration: Math.min(2, seconds), ...rotate });
  const r = await autocannon({ url, connections, duration: seconds, ...rotate });
  if (paths?.length && next > paths.length) throw new BenchError(`${url}: ${next} requests went round the ${paths.length} different paths; measure with more`);
  return {
    requestsPerSec: Math.round(r.requests.average),
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    maxMs: r.latency.max,
    requests: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
  };
}
