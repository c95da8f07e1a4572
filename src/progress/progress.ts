import cliProgress from 'cli-progress';

/** How long work reports itself: a bar on a terminal, plain log lines otherwise. */
export interface Progress {
  /** total may be unknown (undefined); unit names what is counted ("records", "papers"). */
  start(total: number | undefined, unit: string): void;
  /** Adds n to the count done so far. */
  tick(n?: number): void;
  /** A line that must not be lost under the bar (a warning, a failed record). */
  log(line: string): void;
  stop(): void;
}

/** A Progress that reports nothing (tests, --json, services). */
export const silentProgress: Progress = { start() {}, tick() {}, log() {}, stop() {} };

/** A bar with records/s and ETA when stderr is a terminal; log lines every few seconds otherwise. */
export function terminalProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  if (stream.isTTY) return barProgress(stream);
  return lineProgress((l) => stream.write(`${l}\n`));
}

function barProgress(stream: NodeJS.WriteStream): Progress {
  let bar: cliProgress.SingleBar | null = null;
  let done = 0;
  let started = 0;
  let estimate = 0;
  return {
    start(total, unit) {
      done = 0;
      estimate = total ?? 0;
      started = Date.now();
      bar = new cliProgress.SingleBar({
        stream,
        format: total ? `{bar} {percentage}% | {value}/{total} ${unit} | {rate} ${unit}/s | ETA {eta_formatted}` : `{value} ${unit} | {rate} ${unit}/s`,
        hideCursor: true,
        etaBuffer: 50,
      }, cliProgress.Presets.shades_classic);
      bar.start(total ?? 0, 0, { rate: 0 });
    },
    tick(n = 1) {
      done += n;
      const secs = (Date.now() - started) / 1000;
      // An estimated total can be short; the bar then stays full instead of passing 100%.
      if (estimate && done > estimate) bar?.setTotal((estimate = done));
      bar?.update(done, { rate: secs > 0 ? Math.round(done / secs) : 0 });
    },
    log(line) {
      stream.write(`\r\x1b[K${line}\n`);
    },
    stop() {
      bar?.stop();
      bar = null;
    },
  };
}

/** Plain progress lines for logs and pipes, at most one every `everyMs`. */
export function lineProgress(write: (line: string) => void, everyMs = 5000): Progress {
  let done = 0;
  let total: number | undefined;
  let unit = 'items';
  let started = 0;
  let last = 0;
  return {
    start(t, u) { total = t; unit = u; done = 0; started = last = Date.now(); },
    tick(n = 1) {
      done += n;
      // An estimate that was short says nothing more: drop it rather than print a negative ETA.
      if (total !== undefined && done > total) total = undefined;
      const now = Date.now();
      if (now - last < everyMs) return;
      last = now;
      const rate = done / Math.max(0.001, (now - started) / 1000);
      const eta = total ? ` ETA ${Math.round((total - done) / Math.max(rate, 1e-9))}s` : '';
      write(`progress: ${done}${total ? `/${total}` : ''} ${unit} (${Math.round(rate)} ${unit}/s)${eta}`);
    },
    log(line) { write(line); },
    stop() {},
  };
}
