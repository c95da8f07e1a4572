import type { FastifyReply } from 'fastify';
import { html, type Html } from '../views/html.js';
import { layout } from '../views/layout.js';
import { privatePage } from './subscribe-services.js';

/** A short page for the outcome of a subscription action (confirmed, unsubscribed, refused...). */
export function messagePage(reply: FastifyReply, status: number, title: string, body: Html): string {
  privatePage(reply, status);
  return layout({ title: `${title} · paperboy`, body: html`<h1>${title}</h1>${body}` }).value;
}

/** 403 for a form post without a valid CSRF token: explains what to do instead of a bare error. */
export function csrfRejected(reply: FastifyReply, back: string): string {
  return messagePage(reply, 403, 'This form could not be accepted', html`<p>The form was sent without its security token, or it
expired, or it came from another site. Nothing was changed.</p>
<p>Open <a href="${back}">the form</a> again and send it from there. If it keeps happening, allow cookies for this site.</p>`);
}

/** 429 when one client sent the form too often; says how long to wait. */
export function rateLimited(reply: FastifyReply, retryAfterSeconds: number): string {
  reply.header('retry-after', String(retryAfterSeconds));
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return messagePage(reply, 429, 'Too many requests', html`<p>This form was sent too many times from your network. Please try again in
${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.</p><p><a href="/">Back to the latest papers</a></p>`);
}

/** 400/410 for a link that is not valid (tampered, revoked, or for a removed address). */
export function invalidLink(reply: FastifyReply, reason: 'expired' | 'invalid', what: string): string {
  if (reason === 'expired') {
    return messagePage(reply, 410, 'This link has expired', html`<p>${what} links stop working after a while. Use the link in a more
recent email from us, or <a href="/subscribe">subscribe again</a> to get a new one.</p>`);
  }
  return messagePage(reply, 400, 'This link is not valid', html`<p>The link is incomplete, was changed, or has been replaced by a newer
one. Copy the whole link from the email, or use the one in our most recent email.</p><p><a href="/subscribe">Subscribe</a> ·
<a href="/">Latest papers</a></p>`);
}

/** The notice shown instead of a working form when this instance has no SMTP server configured. */
export function notConfiguredNotice(): Html {
  return html`<div class="empty"><p><strong>Email digests are not configured on this instance.</strong> The administrator has not set an
outgoing mail server (SMTP_URL), so subscriptions cannot be confirmed and nothing is stored.</p></div>`;
}
