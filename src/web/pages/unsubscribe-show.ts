import type { FastifyReply, FastifyRequest } from 'fastify';
import type { WebDeps } from '../deps.js';
import { html } from '../views/html.js';
import { formValue } from '../http/form-body.js';
import { verifyToken, type TokenCheck } from '../../email/signed-token.js';
import { SUBSCRIBER_PATHS, subscriberLinks } from '../../email/subscriber-links.js';
import { findSubscriberById } from '../../store/subscribers.js';
import { unsubscribeSubscriber } from '../../store/subscribers-write.js';
import { privatePage, type SubscriptionServices } from './subscribe-services.js';
import { csrfRejected, invalidLink, messagePage } from './subscribe-messages.js';
import { csrfField } from './subscribe-fields.js';
import { pathToken } from './subscribe-confirm.js';

function refused(reply: FastifyReply, check: Extract<TokenCheck, { ok: false }>): string {
  return invalidLink(reply, check.reason === 'expired' ? 'expired' : 'invalid', 'Unsubscribe');
}

/**
 * `GET /unsubscribe/:token` (and the one-click URL opened in a browser): names the address and
 * shows one button. Opening the link changes nothing, so a mail scanner cannot unsubscribe anyone.
 */
export function unsubscribeShow(deps: WebDeps, s: SubscriptionServices) {
  return async (req: FastifyRequest, reply: FastifyReply): Promise<string> => {
    const token = pathToken(req);
    const check = verifyToken(await s.secret(), token, 'unsubscribe');
    if (!check.ok) return refused(reply, check);
    const sub = await findSubscriberById(deps.db, check.claims.subscriberId);
    if (!sub || sub.tokenVersion !== check.claims.version) return invalidLink(reply, 'invalid', 'Unsubscribe');
    if (sub.status === 'unsubscribed') {
      return messagePage(reply, 200, 'Already unsubscribed', html`<p><strong>${sub.email}</strong> gets no digests from this site.
<a href="/subscribe">Subscribe again</a> any time.</p>`);
    }
    const csrf = await s.csrf.token(req, reply);
    const links = subscriberLinks(await s.secret(), deps.config.baseUrl, sub);
    return messagePage(reply, 200, 'Unsubscribe', html`<p>Stop sending digests to <strong>${sub.email}</strong>?</p>
<form action="${SUBSCRIBER_PATHS.unsubscribe + token}" method="post">${csrfField(csrf)}<button type="submit">Unsubscribe</button></form>
<p>Too many emails? <a href="${links.preferences}">Switch to a weekly digest or change your interests</a> instead.</p>`);
  };
}

async function unsubscribed(deps: WebDeps, s: SubscriptionServices, reply: FastifyReply, token: string): Promise<string> {
  const check = verifyToken(await s.secret(), token, 'unsubscribe');
  if (!check.ok) return refused(reply, check);
  const outcome = await unsubscribeSubscriber(deps.db, check.claims.subscriberId, check.claims.version);
  if (outcome === 'gone') return invalidLink(reply, 'invalid', 'Unsubscribe');
  return messagePage(reply, 200, 'You are unsubscribed', html`<p>No more digests will be sent to this address.${outcome === 'already' ? ' (It was already unsubscribed.)' : ''}</p>
<p>Changed your mind? <a href="/subscribe">Subscribe again</a>.</p>`);
}

/** `POST /unsubscribe/:token`: the button on the page above (a CSRF-protected form). */
export function unsubscribeSubmit(deps: WebDeps, s: SubscriptionServices) {
  return async (req: FastifyRequest, reply: FastifyReply): Promise<string> => {
    const token = pathToken(req);
    if (!(await s.csrf.check(req))) return csrfRejected(reply, SUBSCRIBER_PATHS.unsubscribe + token);
    return unsubscribed(deps, s, reply, token);
  };
}

/** Whether a body is RFC 8058's `List-Unsubscribe=One-Click`, sent url-encoded or as multipart text. */
function isOneClick(body: unknown): boolean {
  if (formValue(body, 'List-Unsubscribe') === 'One-Click') return true;
  if (typeof body !== 'string') return false;
  return body.trim() === 'List-Unsubscribe=One-Click' || /name="?List-Unsubscribe"?\s*\r?\n\r?\n\s*One-Click\b/i.test(body);
}

/**
 * `POST /unsubscribe/one-click/:token`: RFC 8058 one-click unsubscribe, sent by mail clients with
 * no cookie and no CSRF token. The signed token in the URL is the authorisation; the body must be
 * `List-Unsubscribe=One-Click`. Answers in plain text, since no person reads it.
 */
export function unsubscribeOneClick(deps: WebDeps, s: SubscriptionServices) {
  return async (req: FastifyRequest, reply: FastifyReply): Promise<string> => {
    if (!isOneClick(req.body)) {
      reply.code(400).type('text/plain; charset=utf-8').header('cache-control', 'no-store');
      return 'Expected the body List-Unsubscribe=One-Click.\n';
    }
    const check = verifyToken(await s.secret(), pathToken(req), 'unsubscribe');
    const outcome = check.ok ? await unsubscribeSubscriber(deps.db, check.claims.subscriberId, check.claims.version) : 'gone';
    privatePage(reply, outcome === 'gone' ? (check.ok ? 404 : check.reason === 'expired' ? 410 : 400) : 200);
    reply.type('text/plain; charset=utf-8');
    return outcome === 'gone' ? 'This unsubscribe link is not valid.\n' : 'Unsubscribed.\n';
  };
}
