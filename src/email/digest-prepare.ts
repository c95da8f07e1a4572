import { digestSubscriber } from '../store/digest-subscribers.js';
import { fixPapers, markClosed, type OutboxRow } from '../store/digest-outbox.js';
import type { OutgoingMail } from './mailer.js';
import { parseDigestPeriod } from './digest-period.js';
import { DigestSelector, type SelectDeps } from './digest-select.js';
import { digestMail, isEmpty, pickOf, selectionOf, type DigestPick } from './digest-message.js';

/** What preparing a digest reads: selection inputs and how links are built. */
export interface PrepareDeps extends SelectDeps {
  baseUrl: string;
  /** The key that signs unsubscribe and preferences links. */
  secret: string;
}

/** A claimed row with its mail rendered and its papers fixed, ready to hand to the SMTP server. */
export interface PreparedMail {
  row: OutboxRow;
  subscriberId: number;
  mail: OutgoingMail;
  /** Row ids of the mail's papers, recorded as sent with the row. */
  paperRowIds: number[];
}

/** What preparing one row came to: a mail to send, or the row closed without one. */
export type Prepared =
  | { kind: 'mail'; prepared: PreparedMail }
  | { kind: 'closed'; status: 'skipped' | 'cancelled' };

/**
 * Turns claimed outbox rows into finished mails before any of them is sent, so no accepted mail
 * waits for its "sent" commit behind selection or rendering (CPU work). One preparer serves a
 * whole run: each period's selector (its papers and shared interest queries) is opened once.
 */
export class DigestPreparer {
  private readonly selectors = new Map<string, Promise<DigestSelector>>();

  constructor(private readonly deps: PrepareDeps, private readonly now: () => Date) {}

  /** Closes the row when its subscriber left or nothing is new; otherwise fixes its papers and renders it. */
  async prepare(row: OutboxRow): Promise<Prepared> {
    const { db } = this.deps;
    const period = parseDigestPeriod(row.period);
    const who = await digestSubscriber(db, row.subscriberId);
    if (!period || !who || who.status !== 'active') {
      await markClosed(db, row.id, 'cancelled', period ? `subscriber is ${who?.status ?? 'gone'}` : 'unknown period', this.now());
      return { kind: 'closed', status: 'cancelled' };
    }
    let selection;
    if (row.papers) {
      // A retry, or a takeover of a row in doubt: exactly the papers of the first attempt.
      selection = await selectionOf(db, JSON.parse(row.papers) as DigestPick);
    } else {
      selection = await (await this.selectorFor(row.period)).select(who.id, who.interests);
      if (!isEmpty(selection)) await fixPapers(db, row.id, JSON.stringify(pickOf(selection)), this.now());
    }
    if (isEmpty(selection)) {
      await markClosed(db, row.id, 'skipped', 'nothing new in the period', this.now());
      return { kind: 'closed', status: 'skipped' };
    }
    const mail = digestMail({ baseUrl: this.deps.baseUrl, secret: this.deps.secret, period, selection, to: who, messageId: row.messageId, now: this.now() });
    const paperRowIds = [...selection.top, ...selection.forYou].map((p) => p.rowId);
    return { kind: 'mail', prepared: { row, subscriberId: who.id, mail, paperRowIds } };
  }

  private selectorFor(name: string): Promise<DigestSelector> {
    let s = this.selectors.get(name);
    if (!s) {
      s = DigestSelector.open(this.deps, parseDigestPeriod(name)!);
      this.selectors.set(name, s);
    }
    return s;
  }
}
