import type { Db } from '../db/db.js';
import { findSubscriberById, SUBSCRIBER_COLUMNS, subscriberFromRow, type Subscriber, type SubscriberRow } from './subscribers.js';
import type { Preferences } from './subscribers-input.js';

/**
 * Every change to the subscribers table. Addresses arrive already normalised (email-address.ts);
 * one row per address, so subscribing again updates the row instead of adding one.
 */

/** What a public subscribe request did; the web response is the same page for every value. */
export type SubscribeChange = 'new' | 'pending' | 'resubscribe' | 'pending-change';

function prefsJson(p: Preferences): string {
  return JSON.stringify({ frequency: p.frequency, weekday: p.weekday, interests: p.interests });
}

async function rowByEmail(db: Db, email: string): Promise<Subscriber> {
  const row = await db.get<SubscriberRow>(`SELECT ${SUBSCRIBER_COLUMNS} FROM subscribers WHERE email = ?`, [email]);
  return subscriberFromRow(row!);
}

/**
 * A subscribe request from the public form (anyone may type any address). New, pending and
 * unsubscribed addresses take the preferences and wait for confirmation; an active address keeps
 * its preferences and holds the new ones in `pending_changes` until its owner confirms by mail.
 */
export async function requestSubscription(db: Db, email: string, prefs: Preferences, now = new Date()): Promise<{ subscriber: Subscriber; change: SubscribeChange }> {
  const at = now.toISOString();
  return db.transaction(async (tx) => {
    const inserted = await tx.run(
      `INSERT INTO subscribers (email, status, frequency, weekday, interests, created_at, updated_at)
       VALUES (?, 'pending', ?, ?, ?, ?, ?) ON CONFLICT (email) DO NOTHING`,
      [email, prefs.frequency, prefs.weekday, JSON.stringify(prefs.interests), at, at],
    );
    if (inserted > 0) return { subscriber: await rowByEmail(tx, email), change: 'new' as const };
    const existing = await rowByEmail(tx, email);
    if (existing.status === 'pending' || existing.status === 'unsubscribed') {
      await tx.run(
        `UPDATE subscribers SET status = 'pending', frequency = ?, weekday = ?, interests = ?, pending_changes = NULL, updated_at = ?
         WHERE id = ?`,
        [prefs.frequency, prefs.weekday, JSON.stringify(prefs.interests), at, existing.id],
      );
      return { subscriber: await rowByEmail(tx, email), change: existing.status === 'pending' ? 'pending' as const : 'resubscribe' as const };
    }
    await tx.run('UPDATE subscribers SET pending_changes = ?, updated_at = ? WHERE id = ?', [prefsJson(prefs), at, existing.id]);
    return { subscriber: await rowByEmail(tx, email), change: 'pending-change' as const };
  });
}

/**
 * An administrator adds or updates an address (CLI, CSV import): preferences apply at once.
 * `confirmed` makes it active without an opt-in mail; otherwise a new or unsubscribed address
 * becomes pending and an active one stays active.
 */
export async function saveSubscriber(db: Db, email: string, prefs: Preferences, opts: { confirmed: boolean }, now = new Date()): Promise<{ subscriber: Subscriber; created: boolean }> {
  const at = now.toISOString();
  return db.transaction(async (tx) => {
    const inserted = await tx.run(
      `INSERT INTO subscribers (email, status, frequency, weekday, interests, created_at, updated_at, confirmed_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (email) DO NOTHING`,
      [email, opts.confirmed ? 'active' : 'pending', prefs.frequency, prefs.weekday, JSON.stringify(prefs.interests), at, at, opts.confirmed ? at : null],
    );
    if (inserted > 0) return { subscriber: await rowByEmail(tx, email), created: true };
    const existing = await rowByEmail(tx, email);
    const status = opts.confirmed ? 'active' : existing.status === 'unsubscribed' ? 'pending' : existing.status;
    await tx.run(
      `UPDATE subscribers SET status = ?, frequency = ?, weekday = ?, interests = ?, pending_changes = NULL, updated_at = ?,
       confirmed_at = ?, unsubscribed_at = ? WHERE id = ?`,
      [status, prefs.frequency, prefs.weekday, JSON.stringify(prefs.interests), at,
        status === 'active' ? existing.confirmedAt ?? at : existing.confirmedAt, null, existing.id],
    );
    return { subscriber: await rowByEmail(tx, email), created: false };
  });
}

/** What following a confirmation link did. `stale`: unsubscribed after the link was sent. */
export type ConfirmOutcome = 'confirmed' | 'changed' | 'already' | 'stale' | 'gone';

/**
 * Confirms an address (or a pending change of preferences) for a verified token. Harmless to
 * repeat: a second confirmation reports `already` and changes nothing.
 */
export async function confirmSubscription(db: Db, id: number, version: number, issuedAt: string, now = new Date()): Promise<{ outcome: ConfirmOutcome; subscriber: Subscriber | null }> {
  const at = now.toISOString();
  return db.transaction(async (tx) => {
    const s = await findSubscriberById(tx, id);
    if (!s || s.tokenVersion !== version) return { outcome: 'gone' as const, subscriber: null };
    if (s.status === 'unsubscribed' && s.unsubscribedAt && s.unsubscribedAt > issuedAt) return { outcome: 'stale' as const, subscriber: s };
    const p = s.pendingChanges;
    const wasActive = s.status === 'active' || s.status === 'bouncing';
    if (wasActive && !p) return { outcome: 'already' as const, subscriber: s };
    await tx.run(
      `UPDATE subscribers SET status = ?, frequency = ?, weekday = ?, interests = ?, pending_changes = NULL, updated_at = ?,
       confirmed_at = ?, unsubscribed_at = NULL WHERE id = ?`,
      [wasActive ? s.status : 'active', p?.frequency ?? s.frequency, p?.weekday ?? s.weekday, JSON.stringify(p?.interests ?? s.interests), at,
        s.confirmedAt && wasActive ? s.confirmedAt : at, id],
    );
    return { outcome: wasActive ? 'changed' as const : 'confirmed' as const, subscriber: await findSubscriberById(tx, id) };
  });
}

/** Stops all mail to a subscriber (link, one-click POST). Repeating it is harmless. */
export async function unsubscribeSubscriber(db: Db, id: number, version: number, now = new Date()): Promise<'unsubscribed' | 'already' | 'gone'> {
  const s = await findSubscriberById(db, id);
  if (!s || s.tokenVersion !== version) return 'gone';
  if (s.status === 'unsubscribed') return 'already';
  const at = now.toISOString();
  await db.run(
    "UPDATE subscribers SET status = 'unsubscribed', unsubscribed_at = ?, pending_changes = NULL, updated_at = ? WHERE id = ? AND status <> 'unsubscribed'",
    [at, at, id],
  );
  return 'unsubscribed';
}

/** Saves preferences chosen on the preferences page (the owner, proven by the signed link). */
export async function updateSubscriberPreferences(db: Db, id: number, version: number, prefs: Preferences, now = new Date()): Promise<Subscriber | null> {
  const changed = await db.run(
    'UPDATE subscribers SET frequency = ?, weekday = ?, interests = ?, pending_changes = NULL, updated_at = ? WHERE id = ? AND token_version = ?',
    [prefs.frequency, prefs.weekday, JSON.stringify(prefs.interests), now.toISOString(), id, version],
  );
  return changed > 0 ? findSubscriberById(db, id) : null;
}

/** Deletes an address and everything kept about it (CLI `subscribers remove`). */
export async function removeSubscriber(db: Db, email: string): Promise<boolean> {
  return (await db.run('DELETE FROM subscribers WHERE email = ?', [email])) > 0;
}

/**
 * Forgets sign-ups that were never confirmed and not asked for again since `before`: nobody proved
 * the address theirs, so it is not kept. Addresses confirmed once (now unsubscribed or asking to
 * come back) stay, as the record of their consent and unsubscription.
 */
export async function purgeUnconfirmed(db: Db, before: Date): Promise<number> {
  return db.run("DELETE FROM subscribers WHERE status = 'pending' AND confirmed_at IS NULL AND updated_at < ?", [before.toISOString()]);
}

/** Revokes every link sent so far to this subscriber (new mails carry the new version). */
export async function revokeSubscriberLinks(db: Db, id: number): Promise<void> {
  await db.run('UPDATE subscribers SET token_version = token_version + 1, updated_at = ? WHERE id = ?', [new Date().toISOString(), id]);
}
