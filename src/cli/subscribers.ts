import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { ExitCode } from './main.js';
import { openContext, type AppContext } from './context.js';
import { subscribersFromCsv, CSV_COLUMNS } from './subscribers-csv.js';
import { formatSubscribers, subscriberJson } from './subscribers-format.js';
import { normaliseEmail } from '../email/email-address.js';
import { createMailer, type Mailer } from '../email/mailer.js';
import { confirmationMail } from '../email/confirmation-mail.js';
import { subscriberLinks } from '../email/subscriber-links.js';
import { TOKEN_TTL_SECONDS } from '../email/signed-token.js';
import { linkSecret } from '../store/app-secret.js';
import { findSubscriberByEmail, listSubscribers, type Subscriber, type SubscriberStatus } from '../store/subscribers.js';
import { removeSubscriber, saveSubscriber } from '../store/subscribers-write.js';
import { defaultPreferences, parseFrequency, parseInterests, parseWeekday, type Preferences } from '../store/subscribers-input.js';

async function userError(message: string): Promise<Error> {
  return new (await import('./main.js')).UserError(message);
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

interface AddOptions {
  frequency?: string; weekday?: string; category?: string[]; topic?: string[]; author?: string[]; org?: string[]; paper?: string[]; confirmed?: boolean;
}

/** The options given, over the address's current preferences (an update changes only what was passed). */
async function preferencesFrom(o: AddOptions, current: Preferences): Promise<Preferences> {
  const frequency = o.frequency === undefined ? current.frequency : parseFrequency(o.frequency);
  if (!frequency) throw await userError(`--frequency must be daily or weekly, got "${o.frequency}"`);
  const weekday = o.weekday === undefined ? current.weekday : parseWeekday(o.weekday);
  if (weekday === null) throw await userError(`--weekday must be mon..sun, got "${o.weekday}"`);
  const c = current.interests;
  const interests = parseInterests({
    categories: o.category ?? c.categories, topics: o.topic ?? c.topics, authors: o.author ?? c.authors, organizations: o.org ?? c.organizations, papers: o.paper ?? c.papers,
  });
  if (!interests.ok) throw await userError(Object.entries(interests.errors).map(([k, m]) => `${k}: ${m}`).join('; '));
  return { frequency, weekday, interests: interests.value };
}

/** Sends opt-in mails for the CLI; needs SMTP_URL, checked before anything is stored. */
async function optInSender(ctx: AppContext): Promise<{ send(s: Subscriber): Promise<string | null>; close(): void }> {
  if (!ctx.config.smtpUrl) throw await userError('SMTP_URL is not set, so no confirmation mail can be sent: set it, or pass --confirmed');
  const secret = await linkSecret(ctx.db, ctx.config.secret);
  let mailer: Mailer | null = null;
  return {
    async send(s) {
      mailer ??= createMailer(ctx.config.smtpUrl!, { from: ctx.config.mailFrom, ratePerSecond: ctx.config.mailRatePerSecond });
      const links = subscriberLinks(secret, ctx.config.baseUrl, s);
      const sent = await mailer.send(confirmationMail({
        to: s.email, kind: 'subscribe', confirmUrl: links.confirm, siteUrl: ctx.config.baseUrl, preferences: s,
        validHours: Math.round(TOKEN_TTL_SECONDS.confirm / 3600),
      }));
      return sent.ok ? null : `${sent.kind} failure: ${sent.message}`;
    },
    close: () => mailer?.close(),
  };
}

const IMPORT_HELP = `
CSV: a header row, then one address per row. Columns (any order and case; only email required):
  email, frequency (daily|weekly), weekday (mon..sun), categories, topics, authors, organizations, papers
List cells hold several values separated by ";". Example:
  email,frequency,weekday,categories,topics,authors
  ada@example.org,weekly,fri,cs.CL;cs.LG,"retrieval;speech, audio","Doe, J."
An address already stored is updated. Bad rows are listed as FILE:LINE and the others imported
(exit status 1 when any row failed).`;

/** Whether a saved subscriber still needs the opt-in mail. */
const needsOptIn = (s: Subscriber): boolean => s.status === 'pending';

/**
 * `paperboy subscribers add|list|remove|import`: the administrator's side of subscriptions.
 * Without --confirmed, new addresses get the same opt-in mail as the web form and stay pending.
 */
export function registerSubscribers(program: Command, exit: ExitCode): void {
  const cmd = program.command('subscribers').description('manage digest subscribers: add, list, remove, import a CSV list');

  cmd.command('add').description('add an address; for an existing one, change only the options given (a list option replaces that list)')
    .argument('<email>', 'the address (stored lower-cased)')
    .option('--frequency <f>', 'daily (Monday to Friday) or weekly (default daily)')
    .option('--weekday <day>', 'day of a weekly digest: mon..sun (default mon)')
    .option('--category <c>', 'arXiv category, e.g. cs.CL (repeatable)', collect)
    .option('--topic <t>', 'keywords or a sentence (repeatable)', collect)
    .option('--author <a>', 'author name (repeatable)', collect)
    .option('--org <o>', 'organization (repeatable)', collect)
    .option('--paper <id>', 'arXiv id of a paper you like (repeatable)', collect)
    .option('--confirmed', 'active at once, without an opt-in mail')
    .action(async (email: string, o: AddOptions) => {
      const address = normaliseEmail(email);
      if (!address.ok) throw await userError(`${email}: ${address.message}`);
      const ctx = await openContext();
      const sender = o.confirmed ? null : await optInSender(ctx).catch(async (e: unknown) => { await ctx.close(); throw e; });
      try {
        const prefs = await preferencesFrom(o, (await findSubscriberByEmail(ctx.db, address.address)) ?? defaultPreferences());
        const { subscriber, created } = await saveSubscriber(ctx.db, address.address, prefs, { confirmed: !!o.confirmed });
        let note = '';
        if (sender && needsOptIn(subscriber)) {
          const failed = await sender.send(subscriber);
          note = failed ? `; confirmation mail NOT sent (${failed})` : '; confirmation mail sent';
          if (failed) exit.code = 1;
        }
        process.stdout.write(`${created ? 'added' : 'updated'} ${subscriber.email} (${subscriber.status}${note})\n`);
      } finally {
        sender?.close();
        await ctx.close();
      }
    });

  cmd.command('list').description('list subscribers, oldest first')
    .option('--status <s>', 'only pending, active, unsubscribed or bouncing')
    .option('--json', 'one JSON object per line')
    .action(async (o: { status?: string; json?: boolean }) => {
      if (o.status && !['pending', 'active', 'unsubscribed', 'bouncing'].includes(o.status)) throw await userError(`--status must be pending, active, unsubscribed or bouncing`);
      const ctx = await openContext();
      try {
        const all = await listSubscribers(ctx.db, { status: o.status as SubscriberStatus | undefined });
        process.stdout.write(o.json ? all.map((s) => `${JSON.stringify(subscriberJson(s))}\n`).join('') : formatSubscribers(all));
      } finally {
        await ctx.close();
      }
    });

  cmd.command('remove').description('delete an address and its preferences')
    .argument('<email>', 'the address')
    .action(async (email: string) => {
      const address = normaliseEmail(email);
      const ctx = await openContext();
      try {
        const removed = await removeSubscriber(ctx.db, address.ok ? address.address : email.trim().toLowerCase());
        if (!removed) exit.code = 1;
        process.stdout.write(removed ? `removed ${email.trim().toLowerCase()}\n` : `no subscriber ${email.trim().toLowerCase()}\n`);
      } finally {
        await ctx.close();
      }
    });

  cmd.command('import').description('add or update subscribers from a CSV file; bad rows are reported, the rest imported')
    .argument('<file>', `CSV with a header row; columns: ${CSV_COLUMNS.join(', ')} (only email required; lists separated by ";")`)
    .option('--confirmed', 'active at once, without opt-in mails')
    .addHelpText('after', IMPORT_HELP)
    .action(async (file: string, o: { confirmed?: boolean }) => {
      const text = await readFile(file, 'utf8').catch(async (e: NodeJS.ErrnoException) => { throw await userError(`${file}: ${e.code === 'ENOENT' ? 'no such file' : e.message}`); });
      const parsed = subscribersFromCsv(text, file);
      if (!parsed.ok) throw await userError(parsed.message);
      const ctx = await openContext();
      const sender = o.confirmed ? null : await optInSender(ctx).catch(async (e: unknown) => { await ctx.close(); throw e; });
      const counts = { added: 0, updated: 0, mailed: 0, failed: parsed.problems.length };
      const problems = [...parsed.problems];
      try {
        for (const row of parsed.rows) {
          const { subscriber, created } = await saveSubscriber(ctx.db, row.email, row.prefs, { confirmed: !!o.confirmed });
          counts[created ? 'added' : 'updated']++;
          if (!sender || !needsOptIn(subscriber)) continue;
          const failed = await sender.send(subscriber);
          if (failed) problems.push({ source: `${file}:${row.line}`, message: `stored, but the confirmation mail was not sent: ${failed}` });
          else counts.mailed++;
        }
      } finally {
        sender?.close();
        await ctx.close();
      }
      if (problems.length) exit.code = 1;
      const lines = [`added ${counts.added}, updated ${counts.updated}, rejected ${counts.failed}${sender ? `, confirmation mails sent ${counts.mailed}` : ''}`];
      for (const p of problems) lines.push(`  ${p.source}: ${p.message}`);
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}
