import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { formValue } from './form-body.js';

/** The hidden field every POST form of the site carries. */
export const CSRF_FIELD = '_csrf';

const COOKIE_MAX_AGE_SECONDS = 24 * 3600;

/** Cookie values from the Cookie header; malformed pairs are skipped. */
export function readCookie(req: FastifyRequest, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** Issues and checks form tokens; one per app, built by `csrfProtection`. */
export interface CsrfProtection {
  /** The token to put in the form's hidden field; sets (or refreshes) the cookie it is tied to. */
  token(req: FastifyRequest, reply: FastifyReply): Promise<string>;
  /** Whether a POST carries a hidden field that matches its cookie. */
  check(req: FastifyRequest): Promise<boolean>;
}

/**
 * Signed double-submit tokens: a random value in a cookie, and in the form its HMAC under the
 * site's secret. Another site can make a browser send the cookie but can neither read it nor
 * compute the HMAC, so it cannot fill in the field. Over https the cookie is `__Host-` prefixed
 * and `Secure`; always `HttpOnly` and `SameSite=Lax`. Needs no server-side session.
 */
export function csrfProtection(opts: { secret: () => Promise<string>; secure: boolean }): CsrfProtection {
  const cookieName = opts.secure ? '__Host-pb_csrf' : 'pb_csrf';
  const sign = async (value: string): Promise<string> =>
    createHmac('sha256', await opts.secret()).update(`csrf.${value}`).digest('base64url');
  return {
    async token(req, reply) {
      const existing = readCookie(req, cookieName);
      const value = existing && /^[A-Za-z0-9_-]{32,64}$/.test(existing) ? existing : randomBytes(24).toString('base64url');
      reply.header('set-cookie',
        `${cookieName}=${value}; Path=/; Max-Age=${COOKIE_MAX_AGE_SECONDS}; HttpOnly; SameSite=Lax${opts.secure ? '; Secure' : ''}`);
      return sign(value);
    },
    async check(req) {
      const value = readCookie(req, cookieName);
      const field = formValue(req.body, CSRF_FIELD);
      if (!value || !field) return false;
      const want = Buffer.from(await sign(value));
      const got = Buffer.from(field);
      return got.length === want.length && timingSafeEqual(got, want);
    },
  };
}
