import type { Command } from 'commander';
import type { ExitCode } from './main.js';
import { UserError } from './main.js';
import { openContext, type AppContext } from './context.js';
import { silentProgress, terminalProgress } from '../progress/progress.js';
import { linkSecret } from '../store/app-secret.js';
import { digestStatus, type DigestStatus } from '../store/digest-status.js';
import { digestSubscriberByEmail } from '../store/digest-subscribers.js';
import { addDays, checkDay, digestPeriod, duePeriods, previousWeekday } from '../email/digest-period.js';
import { DigestSelector } from '../email/digest-select.js';
import { digestMail, isEmpty } from '../email/digest-message.js';
import { dryRunDigests, NoSmtpError, runDigests, UNCONFIRMED_KEEP_DAYS, type DigestRunContext } from '../email/digest-run.js';
import type { SendSummary } from '../email/digest-sender.js';

function checkedDate(date: string | undefined): string | undefined {
  if (date === undefined) return undefined;
  const problem = checkDay(date);
  if (problem) throw new UserError(`${problem.source}: ${problem.message}`);
  return date;
}

// Topics and "papers like these" use the semantic ranking when it is ready, keyword search otherwise.
function runContext(ctx: AppContext): DigestRunContext {
  return { config: ctx.config, db: ctx.db, keyword: ctx.keyword, semantic: ctx.semantic };
}

/** The one-line summary of a send run. */
export function formatSummary(periods: string[], planned: number, s: SendSummary): string {
  const parts = [`sent ${s.sent}`, `skipped ${s.skipped} (nothing new)`, `retrying ${s.retrying}`, `failed ${s.failed}`];
  if (s.cancelled) parts.push(`cancelled ${s.cancelled}`);
  if (s.stopped) parts.push(`${s.stopped} address${s.stopped === 1 ? '' : 'es'} now bouncing`);
  if (s.duplicates) parts.push(`${s.duplicates} sent twice after a lost lease`);
  if (s.resent) parts.push(`${s.resent} resent after a crash (in doubt, same Message-ID)`);
  const tail = s.outage ? `\nSMTP server unavailable (${s.outage}): the rest stays queued; run again later` : s.left ? `\n${s.left} left pending (see paperboy digest status)` : '';
  return `${periods.join(', ')}: ${planned} new in the outbox; ${parts.join(', ')}${tail}\n`;
}

/** The human-readable `digest status` report. */
export function formatStatus(st: DigestStatus): string {
  const t = st.totals;
  const lines = [`outbox: ${t.sent} sent, ${t.pending} pending (${t.retrying} waiting to retry, ${t.inDoubt} in doubt), ${t.skipped} skipped (nothing to send), ${t.failed} failed, ${t.cancelled} cancelled`];
  if (st.periods.length) lines.push('', 'period               sent  pending  skipped  failed  cancelled');
  for (const p of st.periods) {
    lines.push(`${p.period.padEnd(19)} ${String(p.sent).padStart(6)} ${String(p.pending).padStart(8)} ${String(p.skipped).padStart(8)} ${String(p.failed).padStart(7)} ${String(p.cancelled).padStart(10)}`);
  }
  if (st.inDoubt.length) lines.push('', `handed to the SMTP server, outcome not recorded: ${st.inDoubt.length} (resent with the same Message-ID once the sender's lease runs out)`);
  for (const d of st.inDoubt) {
    lines.push(`  ${d.sendingSince}  ${d.email}  ${d.period}  ${d.messageId}  ${d.senderAlive ? 'sending now' : 'in doubt: sender stopped'}, handed over ${d.handoffs}x`);
  }
  lines.push('', st.bouncing.length ? `bouncing addresses (no more mail): ${st.bouncing.length}` : 'bouncing addresses: none');
  for (const b of st.bouncing) lines.push(`  ${b.email}  ${b.bounceCount} bounces, last ${b.lastBounceAt ?? '?'}: ${b.lastBounce ?? ''}`);
  lines.push('', st.recentFailures.length ? 'recent failures:' : 'recent failures: none');
  for (const f of st.recentFailures) {
    lines.push(`  ${f.at}  ${f.email}  ${f.period}  ${f.status === 'pending' ? `retry at ${f.nextAttemptAt}` : 'failed'} (attempt ${f.attempts}): ${f.error}`);
  }
  return `${lines.join('\n')}\n`;
}

async function withContext<T>(fn: (ctx: AppContext) => Promise<T>): Promise<T> {
  const ctx = await openContext();
  try { return await fn(ctx); } finally { await ctx.close(); }
}

/** `paperboy digest preview|send|status`: the email digests from the command line. */
export function registerDigest(program: Command, exit: ExitCode): void {
  const digest = program.command('digest').description('email digests: preview one, send a period, see the outbox');

  digest.command('preview')
    .description("print the digest a subscriber would get (nothing is sent or recorded)")
    .requiredOption('--email <address>', 'the subscriber')
    .option('--date <YYYY-MM-DD>', 'last day covered (default: what the schedule sends today)')
    .option('--format <format>', 'text or html', 'text')
    .action(async (opts: { email: string; date?: string; format: string }) => {
      if (opts.format !== 'text' && opts.format !== 'html') throw new UserError('--format: expected text or html');
      const date = checkedDate(opts.date);
      await withContext(async (ctx) => {
        const who = await digestSubscriberByEmail(ctx.db, opts.email);
        if (!who) throw new UserError(`no subscriber ${opts.email}`);
        const today = new Date().toISOString().slice(0, 10);
        const day = date ?? (who.frequency === 'daily' ? duePeriods(today).daily?.day ?? previousWeekday(today) : addDays(today, -1));
        const period = digestPeriod(who.frequency, day);
        const selection = await (await DigestSelector.open(runContext(ctx), period)).select(who.id, who.interests);
        if (isEmpty(selection)) {
          process.stdout.write(`${period.name}: nothing to send to ${who.email} (no new papers in the period)\n`);
          return;
        }
        const mail = digestMail({ baseUrl: ctx.config.baseUrl, secret: await linkSecret(ctx.db, ctx.config.secret), period, selection, to: who, messageId: '<preview@paperboy.invalid>', now: new Date() });
        if (opts.format === 'html') { process.stdout.write(mail.html ?? ''); return; }
        const headers = Object.entries(mail.headers ?? {}).map(([k, v]) => `${k}: ${v}`);
        process.stdout.write(`To: ${mail.to}\nSubject: ${mail.subject}\n${headers.join('\n')}\n\n${mail.text}`);
      });
    });

  digest.command('send')
    .description('send the digests of a period (exactly once; safe to rerun and to run in parallel)')
    .option('--date <YYYY-MM-DD>', 'last day covered: daily for that day, weekly for the 7 days ending it to weekly subscribers whose day is the next one (default: what the schedule sends today)')
    .option('--dry-run', 'show who would get a digest; send and record nothing')
    .option('--json', 'print one JSON summary object on stdout')
    .option('--lease <seconds>', 'how long a claimed digest stays reserved for this run if it stops renewing', '60')
    .action(async (opts: { date?: string; dryRun?: boolean; json?: boolean; lease: string }) => {
      const date = checkedDate(opts.date);
      const leaseSeconds = Number(opts.lease);
      if (!(leaseSeconds >= 1 && leaseSeconds <= 3600)) throw new UserError('--lease: expected seconds between 1 and 3600');
      const today = new Date().toISOString().slice(0, 10);
      await withContext(async (ctx) => {
        if (opts.dryRun) {
          const r = await dryRunDigests(runContext(ctx), { date, today });
          if (opts.json) { process.stdout.write(`${JSON.stringify({ dryRun: true, ...r })}\n`); return; }
          for (const p of r.periods) process.stdout.write(`${p.period}: ${p.papers} papers; ${p.wouldSend} of ${p.subscribers} subscribers would get a digest, ${p.wouldSkip} nothing new\n`);
          return;
        }
        const progress = opts.json && !process.stderr.isTTY ? silentProgress : terminalProgress();
        const r = await runDigests(runContext(ctx), { date, today, progress, leaseMs: leaseSeconds * 1000 }).catch((err: unknown) => {
          throw err instanceof NoSmtpError ? new UserError(err.message) : err;
        });
        if (r.summary.outage) exit.code = 1;
        process.stdout.write(opts.json ? `${JSON.stringify(r)}\n` : formatSummary(r.periods, r.planned, r.summary));
        if (!opts.json && r.purged) process.stdout.write(`forgot ${r.purged} unconfirmed sign-up${r.purged === 1 ? '' : 's'} older than ${UNCONFIRMED_KEEP_DAYS} days\n`);
      });
    });

  digest.command('status')
    .description('outbox counts per period, bouncing addresses, recent failures')
    .option('--json', 'print one JSON object')
    .action(async (opts: { json?: boolean }) => {
      await withContext(async (ctx) => {
        const st = await digestStatus(ctx.db);
        process.stdout.write(opts.json ? `${JSON.stringify(st)}\n` : formatStatus(st));
      });
    });
}
