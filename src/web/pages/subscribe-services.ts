import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { WebDeps } from '../deps.js';
import { csrfProtection, type CsrfProtection } from '../http/csrf.js';
import { RateLimiter, type RateLimitOptions } from '../http/rate-limit.js';
import { createMailer, type Mailer } from '../../email/mailer.js';
import { confirmationMail, type ConfirmationKind } from '../../email/confirmation-mail.js';
import { subscriberLinks } from '../../email/subscriber-links.js';
import { TOKEN_TTL_SECONDS } from '../../email/signed-token.js';
import { linkSecret } from '../../store/app-secret.js';
import type { Subscriber } from '../../store/subscribers.js';
import type { Preferences } from '../../store/subscribers-input.js';

/** Form posts allowed per client IP (5 per 10 minutes), and confirmation mails per address (3 per hour). */
export const SUBSCRIBE_LIMITS: Readonly<{ perIp: RateLimitOptions; perAddress: RateLimitOptions }> = Object.freeze({
  perIp: { limit: 5, windowMs: 10 * 60_000 },
  perAddress: { limit: 3, windowMs: 60 * 60_000 },
});

const CLOSE_GRACE_MS = 5000;

/** What the subscription pages share within one app: link secret, CSRF, limits and the opt-in mailer. */
export interface SubscriptionServices {
  /** False when SMTP_URL is unset: the form says so and stores nothing. */
  enabled: boolean;
  secret(): Promise<string>;
  csrf: CsrfProtection;
  perIp: RateLimiter;
  perAddress: RateLimiter;
  /** Queues the opt-in mail without waiting for SMTP, so every answer takes the same time. */
  sendConfirmation(s: Pick<Subscriber, 'id' | 'email' | 'tokenVersion'>, kind: ConfirmationKind, prefs: Preferences): void;
}

/**
 * Builds the services once per app. Mails go out in the background (failures are logged, never
 * shown: the page must not reveal anything about the address); closing the app waits for them.
 */
export function subscriptionServices(app: FastifyInstance, deps: WebDeps): SubscriptionServices {
  let secretP: Promise<string> | null = null;
  const secret = (): Promise<string> => {
    secretP ??= linkSecret(deps.db, deps.config.secret);
    secretP.catch(() => { secretP = null; });
    return secretP;
  };
  const secure = new URL(deps.config.baseUrl).protocol === 'https:';
  let mailer: Mailer | null = null;
  const inFlight = new Set<Promise<void>>();
  app.addHook('onClose', async () => {
    // Mails already queued get a moment to go out; a stalled SMTP server must not hold up shutdown.
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => { timer = setTimeout(resolve, CLOSE_GRACE_MS); });
    await Promise.race([Promise.allSettled([...inFlight]), grace]);
    clearTimeout(timer);
    mailer?.close();
  });

  const deliver = async (s: Pick<Subscriber, 'id' | 'email' | 'tokenVersion'>, kind: ConfirmationKind, prefs: Preferences): Promise<void> => {
    const links = subscriberLinks(await secret(), deps.config.baseUrl, s);
    mailer ??= createMailer(deps.config.smtpUrl!, { from: deps.config.mailFrom, ratePerSecond: deps.config.mailRatePerSecond });
    const mail = confirmationMail({
      to: s.email, kind, confirmUrl: links.confirm, siteUrl: deps.config.baseUrl, preferences: prefs,
      validHours: Math.round(TOKEN_TTL_SECONDS.confirm / 3600),
    });
    const sent = await mailer.send(mail);
    if (!sent.ok) deps.logger.warn({ subscriber: s.id, kind: sent.kind, smtp: sent.message }, 'confirmation mail not sent');
  };

  const perAddress = new RateLimiter(SUBSCRIBE_LIMITS.perAddress);
  return {
    enabled: !!deps.config.smtpUrl,
    secret,
    csrf: csrfProtection({ secret, secure }),
    perIp: new RateLimiter(SUBSCRIBE_LIMITS.perIp),
    perAddress,
    sendConfirmation(s, kind, prefs) {
      if (!deps.config.smtpUrl) return;
      // Over the per-address limit the mail is dropped silently: the page looks the same either way.
      if (!perAddress.hit(s.email).ok) return;
      const p = deliver(s, kind, prefs).catch((err: unknown) => deps.logger.error({ err, subscriber: s.id }, 'confirmation mail failed'));
      inFlight.add(p);
      void p.finally(() => inFlight.delete(p));
    },
  };
}

/** Marks a subscription page as personal: never kept by the page cache or a shared proxy. */
export function privatePage(reply: FastifyReply, status = 200): void {
  reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store');
}

/** The client address the per-IP limit counts (the socket's; set Fastify trustProxy behind a proxy). */
export function clientKey(req: FastifyRequest): string {
  return req.ip || 'unknown';
}
