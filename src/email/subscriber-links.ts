/**
 * The signed links every subscriber mail carries. Use from the digest sender:
 *
 *   const secret = await linkSecret(db, config.secret);        // src/store/app-secret.ts
 *   const links = subscriberLinks(secret, config.baseUrl, subscriber);   // {id, tokenVersion}
 *   mail.headers = { ...mail.headers, ...listUnsubscribeHeaders(links) };
 *   // body: links.unsubscribe (a page with a button) and links.preferences
 *
 * `oneClick` is the RFC 8058 target: a POST with the body `List-Unsubscribe=One-Click` unsubscribes
 * at once without a CSRF token (the signed token in the URL authorises it); a GET on it shows the
 * same page as `unsubscribe`. Tokens last TOKEN_TTL_SECONDS (400 days for unsubscribe and
 * preferences, 3 days for confirm); bumping subscribers.token_version revokes them all.
 */
import { signToken, TOKEN_TTL_SECONDS, type TokenPurpose } from './signed-token.js';

/** The absolute URLs for one subscriber. */
export interface SubscriberLinks {
  /** Opt-in (or change-of-preferences) confirmation page. */
  confirm: string;
  /** Unsubscribe page: shows a button, POST unsubscribes. */
  unsubscribe: string;
  /** The List-Unsubscribe URL (RFC 8058 one-click POST). */
  oneClick: string;
  /** Preferences page: a form prefilled with the current choices. */
  preferences: string;
}

/** Who the links are for: the id and the current token_version of the subscriber. */
export interface LinkSubject {
  id: number;
  tokenVersion: number;
}

/** Site paths of the pages behind the links (the routes in src/web/routes/pages.ts use them too). */
export const SUBSCRIBER_PATHS = Object.freeze({
  confirm: '/subscribe/confirm/',
  unsubscribe: '/unsubscribe/',
  oneClick: '/unsubscribe/one-click/',
  preferences: '/preferences/',
});

/** Keeps a base URL's own path (a site served under /papers/ keeps it in every link); digests link papers with it too. */
export function absoluteUrl(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, '')}${path}`;
}

/** Signs one token for this subscriber and purpose, valid from `now` for its purpose's lifetime. */
export function subscriberToken(secret: string, subject: LinkSubject, purpose: TokenPurpose, nowMs = Date.now()): string {
  const expires = Math.floor(nowMs / 1000) + TOKEN_TTL_SECONDS[purpose];
  return signToken(secret, { purpose, subscriberId: subject.id, version: subject.tokenVersion, expires });
}

/** When a token was signed, from its expiry and its purpose's lifetime (ISO text, for comparisons with stored times). */
export function tokenIssuedAt(purpose: TokenPurpose, expires: number): string {
  return new Date((expires - TOKEN_TTL_SECONDS[purpose]) * 1000).toISOString();
}

/** Builds every link for one subscriber against the site's public base URL. */
export function subscriberLinks(secret: string, baseUrl: string, subject: LinkSubject, nowMs = Date.now()): SubscriberLinks {
  const unsubscribe = subscriberToken(secret, subject, 'unsubscribe', nowMs);
  return {
    confirm: absoluteUrl(baseUrl, SUBSCRIBER_PATHS.confirm + subscriberToken(secret, subject, 'confirm', nowMs)),
    unsubscribe: absoluteUrl(baseUrl, SUBSCRIBER_PATHS.unsubscribe + unsubscribe),
    oneClick: absoluteUrl(baseUrl, SUBSCRIBER_PATHS.oneClick + unsubscribe),
    preferences: absoluteUrl(baseUrl, SUBSCRIBER_PATHS.preferences + subscriberToken(secret, subject, 'preferences', nowMs)),
  };
}

/** The two RFC 8058 headers that let a mail client offer "Unsubscribe" and POST it for the reader. */
export function listUnsubscribeHeaders(links: SubscriberLinks): Record<string, string> {
  return { 'List-Unsubscribe': `<${links.oneClick}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
}
