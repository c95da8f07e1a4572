import { fork } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import nodemailer from 'nodemailer';
import { openDatabase } from '../src/db/connect.js';
import { migrate } from '../src/db/migrate.js';
import { lineProgress } from '../src/progress/progress.js';
import { KeywordIndex } from '../src/search/keyword/keyword-index.js';
import { papersAfterCursor } from '../src/store/paper-batch-read.js';
import { digestSubscriber } from '../src/store/digest-subscribers.js';
import { periodsCovering } from '../src/email/digest-period.js';
import { DigestSelector } from '../src/email/digest-select.js';
import { digestMail } from '../src/email/digest-message.js';
import { runDigests } from '../src/email/digest-run.js';
import { machineInfo } from './machine.js';
import { BenchError } from './options.js';
import { ensureWebDb } from './web-db.js';
import { seedBenchSubscribers } from './digest-subscribers.js';

// `npm run bench -- --only digest`: plan, select, render and send the digests of 10,000 subscribers
// with varied interests over a 100,000-paper SQLite database to a local SMTP sink (its own process),
// next to a baseline measured in the same run: raw nodemailer sending as many pre-rendered copies
// of one digest to the same sink over the same number of connections.

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const log = (line: string): void => { process.stderr.write(`[bench:digest] ${line}\n`); };
const say = (text: string): void => { process.stdout.write(`${text}\n`); };
const TARGET_SECONDS = 120;
const CONNECTIONS = 4;

interface Sink { port: number; count(): Promise<{ mails: number; recipients: number; bytes: number }>; reset(): Promise<unknown>; stop(): void }

function startSink(): Promise<Sink> {
  const child = fork(fileURLToPath(new URL('./digest-sink.js', import.meta.url)), [], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  const ask = <T>(m: string): Promise<T> => new Promise((r) => { child.once('message', (v) => r(v as T)); child.send(m); });
  return new Promise((resolvePort, reject) => {
    child.once('error', reject);
    child.stdout!.once('data', (d: Buffer) => resolvePort({
      port: Number(String(d).trim()), count: () => ask('count'), reset: () => ask('reset'), stop: () => { child.send('stop'); },
    }));
  });
}

function options(argv: readonly string[]): { subscribers: number; papers: number; dataDir: string } {
  const shared = process.env['PAPERBOY_SHARED'];
  const o = { subscribers: 10_000, papers: 100_000, dataDir: shared ? resolve(shared, 'data') : resolve(root, '..', 'shared', 'data') };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i]!, argv[i + 1]];
    if (value === undefined) throw new BenchError(`${flag}: missing value`);
    if (flag === '--subscribers') o.subscribers = Number(value);
    else if (flag === '--papers') o.papers = Number(value);
    else if (flag === '--data') o.dataDir = resolve(value);
    else throw new BenchError(`unknown argument ${flag} (expected --subscribers N, --papers N, --data DIR)`);
  }
  if (!(o.subscribers >= 1 && o.papers >= 1)) throw new BenchError('--subscribers and --papers take positive numbers');
  return o;
}

async function main(): Promise<void> {
  const opts = options(process.argv.slice(2));
  const workDir = join(root, '.bench');
  mkdirSync(workDir, { recursive: true });
  const web = await ensureWebDb(opts.dataDir, workDir, opts.papers, log);
  const path = join(workDir, `digest-run-${process.pid}.db`);
  // A copy, so the outbox and subscribers of this run never touch the shared benchmark database.
  copyFileSync(web.path, path);
  if (existsSync(`${web.path}-wal`)) copyFileSync(`${web.path}-wal`, `${path}-wal`);
  const db = openDatabase(path);
  const keyword = new KeywordIndex(db);
  const sink = await startSink();
  try {
    await migrate(db);
    const day = web.listedDays[web.listedDays.length - 1]!;
    const periods = periodsCovering(day);
    const selector = await DigestSelector.open({ db, keyword }, periods.daily);
    const pool = (await papersAfterCursor(db, 0, 3000)).papers.map((p) => p.paperId);
    log(`seeding ${opts.subscribers.toLocaleString('en-US')} subscribers (period ${periods.daily.name}: ${selector.papers.papers.length} papers)`);
    await seedBenchSubscribers(db, opts.subscribers, periods.weeklyWeekday, selector.papers.papers, pool, 42);

    // Baseline: the same number of one pre-rendered digest through a bare nodemailer pool.
    const first = (await digestSubscriber(db, 1))!;
    const sample = digestMail({ baseUrl: 'https://papers.example.org', secret: 'bench-secret-long-enough', period: periods.daily, selection: await selector.select(first.id, first.interests), to: first, messageId: '<bench@x>', now: new Date() });
    const transport = nodemailer.createTransport({ pool: true, host: '127.0.0.1', port: sink.port, secure: false, ignoreTLS: true, maxConnections: CONNECTIONS, maxMessages: Infinity });
    log('baseline: raw nodemailer, pre-rendered messages');
    const b0 = performance.now();
    await Promise.all(Array.from({ length: opts.subscribers }, (_, i) => transport.sendMail({
      from: 'paperboy <digest@bench.example>', to: `reader${i}@bench.example`, subject: sample.subject, text: sample.text, html: sample.html, headers: sample.headers,
    })));
    const baseSeconds = (performance.now() - b0) / 1000;
    transport.close();
    const baseCount = await sink.count();
    await sink.reset();

    log('paperboy: plan, select, render, send and record every digest');
    const config = { baseUrl: 'https://papers.example.org', secret: 'bench-secret-long-enough', smtpUrl: `smtp://127.0.0.1:${sink.port}`, mailFrom: 'paperboy <digest@bench.example>', mailRatePerSecond: 10_000 };
    const t0 = performance.now();
    const r = await runDigests({ db, keyword, config }, { date: day, today: day, progress: lineProgress(log) });
    const seconds = (performance.now() - t0) / 1000;
    const got = await sink.count();
    const s = r.summary;
    const digests = s.sent + s.skipped;
    const rows: Array<[string, string]> = [
      ['papers in the database', web.papers.toLocaleString('en-US')],
      ['subscribers (80% daily, 20% weekly)', opts.subscribers.toLocaleString('en-US')],
      ['periods', r.periods.join(', ')],
      ['paperboy: digests built and sent', `${s.sent.toLocaleString('en-US')} sent, ${s.skipped} skipped (nothing new), ${s.failed + s.retrying} failed`],
      ['paperboy: total time', `${seconds.toFixed(1)} s (target < ${TARGET_SECONDS} s: ${seconds < TARGET_SECONDS ? 'met' : 'NOT met'})`],
      ['paperboy: digests/s', (digests / seconds).toFixed(0)],
      ['baseline (raw nodemailer, pre-rendered): time', `${baseSeconds.toFixed(1)} s for ${baseCount.mails.toLocaleString('en-US')} messages`],
      ['baseline: messages/s', (opts.subscribers / baseSeconds).toFixed(0)],
      ['paperboy time / baseline time', `${(seconds / baseSeconds).toFixed(2)}x`],
      ['sink received (paperboy run)', `${got.mails.toLocaleString('en-US')} mails to ${got.recipients.toLocaleString('en-US')} addresses, ${(got.bytes / got.mails / 1024).toFixed(1)} KB each`],
    ];
    const m = machineInfo();
    say(`\n## Digests (${new Date().toISOString().slice(0, 10)}, ${m.cores} cores (${m.cpu}), Node ${m.node}; compare the ratio, it holds across machines)\n`);
    say('| measure | value |\n|---|---|');
    for (const [k, v] of rows) say(`| ${k} | ${v} |`);
    writeFileSync(join(workDir, `digest-results-${Date.now()}.json`), `${JSON.stringify({ seconds, baseSeconds, summary: s, sink: got, subscribers: opts.subscribers, papers: web.papers, periods: r.periods }, null, 2)}\n`);
    if (got.mails !== s.sent) throw new Error(`the sink got ${got.mails} mails but ${s.sent} were recorded as sent`);
  } finally {
    sink.stop();
    await keyword.close();
    await db.close();
    for (const f of [path, `${path}-wal`, `${path}-shm`]) if (existsSync(f)) rmSync(f);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:digest: ${err instanceof BenchError ? err.message : err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
}).finally(() => {
  // Idle pooled SMTP sockets can outlive the run; the figures are written, so end here.
  process.exit();
});
