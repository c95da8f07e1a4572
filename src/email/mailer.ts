import nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';

/** One email as paperboy builds it; `messageId` is set by the caller so a resend keeps the same id. */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  messageId?: string;
  headers?: Record<string, string>;
}

/**
 * What happened to one email. `temporary` (connection refused, timeouts, 4xx) is worth retrying;
 * `permanent` (5xx: no such user, rejected) is not. Expected failures are values, not throws.
 */
export type SendResult =
  | { ok: true; messageId: string; response: string }
  | { ok: false; kind: 'temporary' | 'permanent'; message: string; code?: number };

/** The one way paperboy sends mail, so tests and the digest sender share delivery rules. */
export interface Mailer {
  send(mail: OutgoingMail): Promise<SendResult>;
  close(): void;
}

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

interface SmtpError {
  message?: string;
  responseCode?: number;
  code?: string;
  response?: string;
}

/** Sorts a nodemailer failure into retry-later or give-up, by the SMTP reply code when there is one. */
export function classifySmtpError(err: unknown): Extract<SendResult, { ok: false }> {
  const e = (err ?? {}) as SmtpError;
  const code = typeof e.responseCode === 'number' ? e.responseCode : undefined;
  const message = (e.response ?? e.message ?? String(err)).trim();
  if (code !== undefined && code >= 500 && code < 600) return { ok: false, kind: 'permanent', message, code };
  return { ok: false, kind: 'temporary', message: code ? message : `${e.code ?? 'error'}: ${message}`, ...(code ? { code } : {}) };
}

/** Options beyond the URL: tests shorten timeouts; the sender sets the rate. */
export interface MailerOptions {
  from: string;
  /** Most messages per second over all connections. */
  ratePerSecond: number;
  /** Parallel SMTP connections (default 2). */
  connections?: number;
  /** Connection, greeting and socket timeouts in ms (default 30 s). */
  timeoutMs?: number;
}

/**
 * A pooled SMTP mailer for `SMTP_URL` (smtp:// or smtps://, user and password in the URL). The
 * pool keeps connections open between messages and enforces the sending-rate limit.
 */
export function createMailer(smtpUrl: string, opts: MailerOptions): Mailer {
  const url = new URL(smtpUrl);
  const timeout = opts.timeoutMs ?? 30_000;
  const perSecond = Math.max(1, Math.round(opts.ratePerSecond));
  const transport: Transporter = nodemailer.createTransport({
    pool: true,
    host: url.hostname,
    port: url.port ? Number(url.port) : url.protocol === 'smtps:' ? 465 : 587,
    secure: url.protocol === 'smtps:',
    auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
    maxConnections: opts.connections ?? 2,
    maxMessages: Infinity,
    rateDelta: 1000,
    rateLimit: perSecond,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
    // A local relay (or a test server) often has no certificate; TLS is still used when offered.
    tls: { rejectUnauthorized: !(url.searchParams.get('tls') === 'insecure' || LOCAL_HOSTS.has(url.hostname)) },
  });
  return {
    async send(mail) {
      try {
        const info = await transport.sendMail({
          from: opts.from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html,
          messageId: mail.messageId, headers: mail.headers,
        });
        return { ok: true, messageId: String(info.messageId), response: String(info.response ?? '') };
      } catch (err) {
        return classifySmtpError(err);
      }
    },
    close() {
      transport.close();
    },
  };
}
