import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';

/** One mail the sink accepted, parsed, with its raw envelope recipient. */
export interface ReceivedMail {
  to: string;
  parsed: ParsedMail;
}

/** How the sink answers; tests flip these while senders run. */
export interface SinkBehaviour {
  /** Recipients answered 550 at RCPT TO (a hard bounce). */
  reject: Set<string>;
  /** When set, every RCPT TO gets 451 (a temporary failure). */
  tempFail: boolean;
}

/** A real SMTP server on 127.0.0.1 that keeps what it receives, for digest tests. */
export interface SmtpSink {
  url: string;
  port: number;
  mails: ReceivedMail[];
  behaviour: SinkBehaviour;
  /** Resolves once at least n mails have arrived. */
  waitFor(n: number, timeoutMs?: number): Promise<void>;
  /** Mails per recipient. */
  countByRecipient(): Map<string, number>;
  close(): Promise<void>;
}

/** Starts a sink on `port` (0: any free one; a fixed one to bring a sink back after an outage). */
export async function startSmtpSink(port = 0): Promise<SmtpSink> {
  const mails: ReceivedMail[] = [];
  const waiters: Array<{ n: number; resolve: () => void }> = [];
  const behaviour: SinkBehaviour = { reject: new Set(), tempFail: false };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, cb) {
      if (behaviour.tempFail) return cb(Object.assign(new Error('try again later'), { responseCode: 451 }));
      if (behaviour.reject.has(address.address.toLowerCase())) return cb(Object.assign(new Error('no such user'), { responseCode: 550 }));
      cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        void simpleParser(Buffer.concat(chunks)).then((parsed) => {
          for (const r of session.envelope.rcptTo) mails.push({ to: r.address.toLowerCase(), parsed });
          for (const w of [...waiters]) if (mails.length >= w.n) { waiters.splice(waiters.indexOf(w), 1); w.resolve(); }
          cb();
        }, cb);
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  server.on('error', () => undefined);
  const actual = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${actual}`,
    port: actual,
    mails,
    behaviour,
    waitFor(n, timeoutMs = 30_000) {
      if (mails.length >= n) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`only ${mails.length} of ${n} mails arrived`)), timeoutMs);
        waiters.push({ n, resolve: () => { clearTimeout(t); resolve(); } });
      });
    },
    countByRecipient() {
      const m = new Map<string, number>();
      for (const mail of mails) m.set(mail.to, (m.get(mail.to) ?? 0) + 1);
      return m;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
