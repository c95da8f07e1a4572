import type { FastifyReply, FastifyRequest } from 'fastify';
import type { WebDeps } from '../deps.js';
import { html } from '../views/html.js';
import { formValue } from '../http/form-body.js';
import { verifyToken } from '../../email/signed-token.js';
import { SUBSCRIBER_PATHS, subscriberLinks, tokenIssuedAt } from '../../email/subscriber-links.js';
import { describePreferences } from '../../email/confirmation-mail.js';
import { findSubscriberById } from '../../store/subscribers.js';
import { confirmSubscription } from '../../store/subscribers-write.js';
import { clientKey, type SubscriptionServices } from './subscribe-services.js';
import { csrfRejected, invalidLink, messagePage, rateLimited } from './subscribe-messages.js';
import { csrfField } from './subscribe-fields.js';

/**
 * The token of a signed link, from its path (`/unsubscribe/:token`) or its query (`/unsubscribe?token=`:
 * both forms are served), bounded so junk never reaches the verifier.
 */
export function pathToken(req: FastifyRequest): string {
  const fromQuery = (req.query as { token?: unknown } | undefined)?.token;
  const t = (req.params as { token?: string }).token ?? (typeof fromQuery === 'string' ? fromQuery : '');
  return t.length <= 200 ? t : '';
}

/** The expired-link page, with a button that mails a fresh link to the same subscriber. */
async function expiredPage(req: FastifyRequest, reply: FastifyReply, s: SubscriptionServices, token: string): Promise<string> {
  const csrf = await s.csrf.token(req, reply);
  return messagePage(reply, 410, 'This confirmation link has expired', html`<p>Confirmation links work for 3 days. You can get a new
one sent to the same address.</p>
<form action="/subscribe/resend" method="post">${csrfField(csrf)}<input type="hidden" name="token" value="${token}">
<button type="submit">Send me a new link</button></form>`);
}

/**
 * `GET /subscribe/confirm/:token`: a page with a button, not the confirmation itself, because
 * mail scanners open links; only a person pressing the button (a POST) confirms.
 */
export function confirmShow(deps: WebDeps, s: SubscriptionServices) {
  return async (req: FastifyRequest, reply: FastifyReply): Promise<string> => {
    const token = pathToken(req);
    const check = verifyToken(await s.secret(), token, 'confirm');
    if (!check.ok) return check.reason === 'expired' ? expiredPage(req, reply, s, token) : invalidLink(reply, 'invalid', 'Confirmation');
    const sub = await findSubscriberById(deps.db, check.claims.subscriberId);
    if (!sub || sub.tokenVersion !== check.claims.version) return invalidLink(reply, 'invalid', 'Confirmation');
    const change = (sub.status === 'active' || sub.status === 'bouncing') && sub.pendingChanges;
    const prefs = change ? sub.pendingChanges! : sub;
    const csrf = await s.csrf.token(req, reply);
    return messagePage(reply, 200, change ? 'Confirm your new preferences' : 'Confirm your subscription', html`<p>Digest for
<strong>${sub.email}</strong>:</p>
<ul>${describePreferences(prefs).map((l) => html`<li>${l}</li>`)}</ul>
<form action="${SUBSCRIBER_PATHS.confirm + token}" method="post">${csrfField(csrf)}<button type="submit">${change ? 'Confirm the change' : 'Confirm my subscription'}</button></form>`);
  };
}

/** `POST /subscribe/confirm/:token`: confirms; following the link again later is harmless. */
export function confirmSubmit(deps: WebDeps, s: SubscriptionServices) {
  return async (req: FastifyRequest, reply: FastifyReply): Promise<string> => {
    const token = pathToken(req);
    if (!(await s.csrf.check(req))) return csrfRejected(reply, SUBSCRIBER_PATHS.confirm + token);
    const secret = await s.secret();
    const check = verifyToken(secret, token, 'confirm');
    if (!check.ok) return check.reason === 'expired' ? expiredPage(req, reply, s, token) : invalidLink(reply, 'invalid', 'Confirmation');
    const { subscriberId, version, expires } = check.claims;
    const done = await confirmSubscription(deps.db, subscriberId, version, tokenIssuedAt('confirm', expires));
    if (done.outcome === 'gone' || !done.subscriber) return invalidLink(reply, 'invalid', 'Confirmation');
    if (done.outcome === 'stale') {
      return messagePage(reply, 409, 'This address was unsubscribed', html`<p>The address was unsubscribed after this link was sent, so
the link no longer subscribes it. <a href="/subscribe">Subscribe again</a> to get a new link.</p>`);
    }
    const links = subscriberLinks(secret, deps.config.baseUrl, done.subscriber);
    const title = done.outcome === 'changed' ? 'Your preferences are updated' : done.outcome === 'already' ? 'Already confirmed' : 'You are subscribed';
    return messagePage(reply, 200, title, html`<p>Digests for <strong>${done.subscriber.email}</strong>:</p>
<ul>${describePreferences(done.subscriber).map((l) => html`<li>${l}</li>`)}</ul>
<p><a href="${links.preferences}">Change preferences</a> · <a href="${links.unsubscribe}">Unsubscribe</a> · <a href="/">Latest papers</a></p>`);
  };
}

/**
 * `POST /subscribe/resend`: a fresh confirmation link for an expired one. The old token must carry
 * a valid signature (its age does not matter); the answer is the same whether or not a mail went out.
 */
export function confirmResend(deps: WebDeps, s: SubscriptionServices) {
  return async (req: FastifyRequest, reply: FastifyReply): Promise<string> => {
    if (!(await s.csrf.check(req))) return csrfRejected(reply, '/subscribe');
    const allowed = s.perIp.hit(clientKey(req));
    if (!allowed.ok) return rateLimited(reply, allowed.retryAfterSeconds);
    const check = verifyToken(await s.secret(), (formValue(req.body, 'token') ?? '').slice(0, 200), 'confirm', 0);
    if (!check.ok) return invalidLink(reply, 'invalid', 'Confirmation');
    const sub = await findSubscriberById(deps.db, check.claims.subscriberId);
    const waiting = sub && sub.tokenVersion === check.claims.version && (sub.status === 'pending' || !!sub.pendingChanges);
    if (waiting && sub) s.sendConfirmation(sub, sub.pendingChanges ? 'change' : 'subscribe', sub.pendingChanges ?? sub);
    return messagePage(reply, 200, 'Check your inbox', html`<p>If the subscription is still waiting for confirmation, a new link is on
its way.</p><p><a href="/">Back to the latest papers</a></p>`);
  };
}
