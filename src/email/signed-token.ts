import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a subscriber link may do. Part of the signature, so a token for one purpose fails for another. */
export type TokenPurpose = 'confirm' | 'unsubscribe' | 'preferences';

/** The facts a token carries. `version` is the subscriber's token_version: bumping it revokes old links. */
export interface TokenClaims {
  purpose: TokenPurpose;
  subscriberId: number;
  version: number;
  /** Expiry, seconds since the epoch. */
  expires: number;
}

/** Why a token was refused; shown to the person who followed the link. */
export type TokenCheck = { ok: true; claims: TokenClaims } | { ok: false; reason: 'malformed' | 'bad-signature' | 'expired' | 'wrong-purpose' };

function mac(secret: string, payload: string): Buffer {
  return createHmac('sha256', secret).update(payload).digest();
}

/**
 * Signs a link token: `purpose.subscriber.version.expires.signature`, URL-safe and short enough
 * for a mail client not to wrap. Links work without a login because only the server can sign.
 */
export function signToken(secret: string, claims: TokenClaims): string {
  const payload = `${claims.purpose}.${claims.subscriberId}.${claims.version}.${claims.expires}`;
  return `${payload}.${mac(secret, payload).toString('base64url')}`;
}

/** Checks a token's signature, purpose and expiry; a value, never a throw, for any input. */
export function verifyToken(secret: string, token: string, purpose: TokenPurpose, nowSeconds = Date.now() / 1000): TokenCheck {
  const parts = token.split('.');
  if (parts.length !== 5) return { ok: false, reason: 'malformed' };
  const [p, id, version, expires, sig] = parts as [string, string, string, string, string];
  if (!/^\d{1,15}$/.test(id) || !/^\d{1,9}$/.test(version) || !/^\d{1,12}$/.test(expires)) return { ok: false, reason: 'malformed' };
  const want = mac(secret, `${p}.${id}.${version}.${expires}`);
  const got = Buffer.from(sig, 'base64url');
  // Only the one canonical spelling: base64url's last character has spare bits, and a token that
  // differs from the one we signed must not pass, even where it decodes to the same bytes.
  if (got.toString('base64url') !== sig) return { ok: false, reason: 'malformed' };
  if (got.length !== want.length || !timingSafeEqual(got, want)) return { ok: false, reason: 'bad-signature' };
  if (p !== purpose) return { ok: false, reason: 'wrong-purpose' };
  const claims: TokenClaims = { purpose, subscriberId: Number(id), version: Number(version), expires: Number(expires) };
  if (claims.expires < nowSeconds) return { ok: false, reason: 'expired' };
  return { ok: true, claims };
}

/** Lifetimes: a confirmation link is short-lived; unsubscribe and preferences links must keep working in old mails. */
export const TOKEN_TTL_SECONDS: Readonly<Record<TokenPurpose, number>> = Object.freeze({
  confirm: 3 * 24 * 3600,
  unsubscribe: 400 * 24 * 3600,
  preferences: 400 * 24 * 3600,
});
