import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { WorkerReport } from './worker-io.js';

/** A worker's result with the memory its process used. */
export interface ChildRun<R> {
  result: R;
  /** Highest RSS seen by sampling /proc/<pid>/status every ~100 ms (null where /proc is missing). */
  peakRssSampledMb: number | null;
  /** The process's own `resourceUsage().maxRSS` (the kernel's high-water mark). */
  maxRssMb: number;
}

const running = new Set<ChildProcess>();

/** Stops every worker still running (on Ctrl-C, before the run removes their databases). */
export function stopChildren(): void {
  for (const c of running) c.kill('SIGTERM');
}

/** The current resident set (VmRSS) of a process in MiB, or null when it cannot be read. */
function rssMb(pid: number): number | null {
  try {
    const m = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/**
 * Runs `dist/bench/<worker>.js` in its own Node process so that each system's memory is measured
 * alone, samples its RSS from outside (a worker busy in synchronous SQLite cannot sample itself)
 * and returns the JSON report it prints last. Its stderr (progress) passes through.
 */
export function runChild<A, R>(worker: string, args: A): Promise<ChildRun<R>> {
  const script = fileURLToPath(new URL(`./${worker}.js`, import.meta.url));
  const child = spawn(process.execPath, ['--expose-gc', script, JSON.stringify(args)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let peak: number | null = null;
  const sample = (): void => {
    const mb = child.pid ? rssMb(child.pid) : null;
    if (mb != null) peak = Math.max(peak ?? 0, mb);
  };
  const timer = setInterval(sample, 100);
  running.add(child);
  let out = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (d: string) => { out += d; });
  return new Promise((resolve, reject) => {
    child.on('error', (err) => { clearInterval(timer); running.delete(child); reject(err); });
    child.on('close', (code, signal) => {
      clearInterval(timer);
      running.delete(child);
      if (code !== 0) return reject(new Error(`${worker} failed (${signal ? `signal ${signal}` : `exit code ${code}`})`));
      const last = out.trim().split('\n').pop() ?? '';
      try {
        const report = JSON.parse(last) as WorkerReport<R>;
        resolve({ result: report.result, peakRssSampledMb: peak, maxRssMb: report.maxRssKb / 1024 });
      } catch {
        reject(new Error(`${worker} printed no report: ${last.slice(0, 200)}`));
      }
    });
  });
}
