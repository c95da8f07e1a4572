import type { Backend, FreshDb } from './databases.js';
import { seedDigestPapers, seedSubscribers } from './digest-seed.js';
import { startSmtpSink, type SmtpSink } from './digest-smtp-sink.js';
import { runCli } from './cli-process.js';
import type { InDoubtRow } from '../../src/store/digest-status.js';

/** A database with the digest papers and `n` daily subscribers, an SMTP sink, and the CLI's environment. */
export interface DigestWorld {
  fresh: FreshDb;
  sink: SmtpSink;
  env: Record<string, string>;
  emails: string[];
  close(): Promise<void>;
}

/** SMTP connections the sender opens at PAPERBOY_MAIL_RATE 12 (one per 10 mails a second). */
export const WORLD_CONNECTIONS = 2;

/** Builds a world for real `paperboy digest` processes. */
export async function digestWorld(backend: Backend, n: number): Promise<DigestWorld> {
  const fresh = await backend.create();
  const keyword = await seedDigestPapers(fresh);
  await keyword.close();
  const emails = await seedSubscribers(fresh, n);
  const sink = await startSmtpSink();
  const env = {
    DATABASE_URL: fresh.url, SMTP_URL: sink.url, PAPERBOY_MAIL_RATE: '12', PAPERBOY_SECRET: 'cli-test-secret-long-enough',
    PAPERBOY_BASE_URL: 'https://papers.example.org', PAPERBOY_MAIL_FROM: 'paperboy <digest@example.org>',
  };
  return { fresh, sink, env, emails, async close() { await sink.close(); await fresh.drop(); } };
}

/** Distinct Message-IDs each recipient got, and the raw number of mails. */
export function deliveries(sink: SmtpSink): Map<string, { ids: Set<string>; mails: number }> {
  const out = new Map<string, { ids: Set<string>; mails: number }>();
  for (const m of sink.mails) {
    const d = out.get(m.to) ?? { ids: new Set<string>(), mails: 0 };
    d.ids.add(String(m.parsed.messageId));
    d.mails++;
    out.set(m.to, d);
  }
  return out;
}

/** The rows `paperboy digest status --json` reports in doubt (handed to the SMTP server, no outcome recorded). */
export async function inDoubtRows(env: Record<string, string>): Promise<InDoubtRow[]> {
  const r = await runCli(['digest', 'status', '--json'], env);
  if (r.code !== 0) throw new Error(`digest status failed: ${r.stderr}`);
  return (JSON.parse(r.stdout) as { inDoubt: InDoubtRow[] }).inDoubt;
}
