import type { Db } from '../db/db.js';
import { papersByIds } from '../store/paper-batch-read.js';
import type { DigestCandidate } from '../store/digest-candidates.js';
import type { OutgoingMail } from './mailer.js';
import type { DigestPeriod } from './digest-period.js';
import type { DigestSelection } from './digest-select.js';
import { digestView } from './digest-view.js';
import { digestHtml } from './digest-html.js';
import { digestText } from './digest-text.js';
import { listUnsubscribeHeaders, subscriberLinks } from './subscriber-links.js';

/**
 * The papers of one digest as the outbox keeps them (its `paper_ids` column): fixed at the first
 * attempt, so a retry after a failure or a crash sends the same digest.
 */
export interface DigestPick {
  top: string[];
  forYou: Array<{ id: string; reasons: string[] }>;
}

/** The pick of a selection, to store. */
export function pickOf(s: DigestSelection): DigestPick {
  return { top: s.top.map((p) => p.paperId), forYou: s.forYou.map((p) => ({ id: p.paperId, reasons: p.reasons })) };
}

/** Reads a stored pick back into a selection; papers deleted since are left out. */
export async function selectionOf(db: Db, pick: DigestPick): Promise<DigestSelection> {
  const papers = await papersByIds(db, [...pick.top, ...pick.forYou.map((p) => p.id)]);
  const byId = new Map(papers.map((p) => [p.paperId, { ...p, score: 0 } as DigestCandidate]));
  return {
    top: pick.top.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : [])),
    forYou: pick.forYou.flatMap((f) => (byId.has(f.id) ? [{ ...byId.get(f.id)!, reasons: f.reasons }] : [])),
  };
}

/**
 * A Message-ID fixed when the outbox row is created and reused by every attempt, so a digest that
 * is sent again after a crash (the mail left, the commit did not) carries the same id and mail
 * systems that collapse duplicates by Message-ID show it once.
 */
export function digestMessageId(baseUrl: string, period: string, subscriberId: number, nonce: string): string {
  let host = 'paperboy.invalid';
  try { host = new URL(baseUrl).hostname || host; } catch { /* keep the placeholder */ }
  return `<digest-${period.replace(/[^A-Za-z0-9-]/g, '-')}-${subscriberId}-${nonce}@${host}>`;
}

/** Whether a selection has anything to mail. */
export function isEmpty(s: DigestSelection): boolean {
  return s.top.length + s.forYou.length === 0;
}

/** Who a digest goes to, as the message builder needs it. */
export interface DigestRecipient {
  id: number;
  email: string;
  tokenVersion: number;
}

/**
 * The complete email of one digest: subject, text and HTML parts, the fixed Message-ID, and the
 * RFC 8058 one-click unsubscribe headers (mail providers show an "Unsubscribe" button for them).
 */
export function digestMail(opts: { baseUrl: string; secret: string; period: DigestPeriod; selection: DigestSelection; to: DigestRecipient; messageId: string; now: Date }): OutgoingMail {
  const links = subscriberLinks(opts.secret, opts.baseUrl, opts.to, opts.now.getTime());
  const view = digestView(opts.baseUrl, opts.period, opts.selection, links);
  return {
    to: opts.to.email,
    subject: view.subject,
    text: digestText(view),
    html: digestHtml(view),
    messageId: opts.messageId,
    headers: { ...listUnsubscribeHeaders(links), 'X-Paperboy-Period': opts.period.name },
  };
}
