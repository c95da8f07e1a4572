import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';

// The compiled CLI next to the compiled tests (dist/test/helpers -> dist/src/cli).
const MAIN_URL = new URL('../../src/cli/main.js', import.meta.url).href;
const LAUNCH = 'const { main } = await import(process.argv[1]); process.exitCode = await main(process.argv);';

/** What a finished CLI run printed and returned. */
export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Environment for a child CLI: the caller's settings win, logs stay quiet unless asked for. */
function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, PAPERBOY_LOG_LEVEL: 'warn', ...env };
}

/** Starts `paperboy ARGS...` as a real child process (the same code the bin runs). */
export function startCli(args: string[], env: Record<string, string>): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, ['--input-type=module', '-e', LAUNCH, MAIN_URL, ...args], { env: childEnv(env) });
}

/** Runs `paperboy ARGS...` to completion; kills it after timeoutMs so a hang fails the test. */
export function runCli(args: string[], env: Record<string, string>, timeoutMs = 20_000): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = startCli(args, env);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
