import type { FastifyReply, FastifyRequest } from 'fastify';
import type { WebDeps } from '../deps.js';
import { html } from '../views/html.js';
import { layout } from '../views/layout.js';
import { formValue } from '../http/form-body.js';
import { normaliseEmail } from '../../email/email-address.js';
import { requestSubscription } from '../../store/subscribers-write.js';
import { defaultPreferences } from '../../store/subscribers-input.js';
import { clientKey, privatePage, type SubscriptionServices } from './subscribe-services.js';
import { csrfRejected, messagePage, notConfiguredNotice, rateLimited } from './subscribe-messages.js';
import {
  csrfField, field, preferencesFieldset, preferencesText, readPreferences, textOfPreferences,
  type FieldErrors, type PreferencesText,
} from './subscribe-fields.js';

function formPage(s: SubscriptionServices, token: string, email: string, t: PreferencesText, errors: FieldErrors): string {
  const count = Object.keys(errors).length;
  const body = html`<h1>Get the digest by email</h1>
<p class="lede">New papers for your interests in your inbox, daily or weekly. No account needed: we send a link to confirm your
address, and every email has a one-click unsubscribe link.</p>
${s.enabled ? '' : notConfiguredNotice()}
${count ? html`<div class="empty" role="alert"><p><strong>Please correct ${count === 1 ? 'the field' : `${count} fields`} marked below.</strong></p></div>` : ''}
<form class="subscribe-form" action="/subscribe" method="post" novalidate>
${csrfField(token)}
${field('email', 'Email address', (a) => html`<input ${a} type="email" size="40" maxlength="254" autocomplete="email" required value="${email}">`, errors.email)}
${preferencesFieldset(t, errors)}
<p><button type="submit"${s.enabled ? '' : html` disabled`}>Subscribe</button></p>
</form>`;
  return layout({ title: 'Subscribe · paperboy', description: 'Get new research papers for your interests by email, daily or weekly.', body }).value;
}

/** `GET /subscribe`: the form (no account; works without JavaScript). */
export function subscribeForm(_deps: WebDeps, s: SubscriptionServices) {
  return async (req: FastifyRequest, reply: FastifyReply): Promise<string> => {
    const token = await s.csrf.token(req, reply);
    privatePage(reply);
    return formPage(s, token, '', textOfPreferences(defaultPreferences()), {});
  };
}

/** The one answer to every accepted subscription, whatever the address's state. */
function checkInbox(reply: FastifyReply): string {
  return messagePage(reply, 200, 'Check your inbox', html`<p>If the address can receive mail, a message with a confirmation link is on
its way. Nothing is sent to it until that link is followed.</p>
<p>The link works for 3 days. Nothing arrived? Look in the spam folder, or send the form again in a few minutes.</p>
<p><a href="/">Back to the latest papers</a></p>`);
}

/**
 * `POST /subscribe`: checks the CSRF token, the fields and the per-IP limit, then stores the
 * request and queues the opt-in mail. New, pending, unsubscribed and active addresses all get the
 * same page with the same status; the mail (sent in the background) is the only difference, and
 * it goes to the address's owner.
 */
export function subscribeSubmit(deps: WebDeps, s: SubscriptionServices) {
  return async (req: FastifyRequest, reply: FastifyReply): Promise<string> => {
    if (!(await s.csrf.check(req))) return csrfRejected(reply, '/subscribe');
    const text = preferencesText(req.body);
    const rawEmail = (formValue(req.body, 'email') ?? '').slice(0, 1000);
    if (!s.enabled) {
      privatePage(reply, 503);
      return formPage(s, await s.csrf.token(req, reply), rawEmail, text, {});
    }
    const address = normaliseEmail(rawEmail);
    const prefs = readPreferences(text);
    if (!address.ok || !prefs.ok) {
      const errors: FieldErrors = { ...(prefs.ok ? {} : prefs.errors), ...(address.ok ? {} : { email: address.message }) };
      const token = await s.csrf.token(req, reply);
      privatePage(reply, 400);
      return formPage(s, token, rawEmail, text, errors);
    }
    const allowed = s.perIp.hit(clientKey(req));
    if (!allowed.ok) return rateLimited(reply, allowed.retryAfterSeconds);
    const { subscriber, change } = await requestSubscription(deps.db, address.address, prefs.prefs);
    s.sendConfirmation(subscriber, change === 'pending-change' ? 'change' : 'subscribe', prefs.prefs);
    return checkInbox(reply);
  };
}

