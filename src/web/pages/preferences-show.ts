import type { FastifyReply, FastifyRequest } from 'fastify';
import type { WebDeps } from '../deps.js';
import { html, type Html } from '../views/html.js';
import { layout } from '../views/layout.js';
import { verifyToken, type TokenCheck } from '../../email/signed-token.js';
import { SUBSCRIBER_PATHS, subscriberLinks } from '../../email/subscriber-links.js';
import { findSubscriberById, type Subscriber } from '../../store/subscribers.js';
import { updateSubscriberPreferences } from '../../store/subscribers-write.js';
import { privatePage, type SubscriptionServices } from './subscribe-services.js';
import { csrfRejected, invalidLink } from './subscribe-messages.js';
import { csrfField, preferencesFieldset, preferencesText, readPreferences, textOfPreferences, type FieldErrors, type PreferencesText } from './subscribe-fields.js';
import { pathToken } from './subscribe-confirm.js';

function statusNote(sub: Subscriber): Html {
  if (sub.status === 'unsubscribed') return html`<div class="empty"><p>This address is unsubscribed: no digests are sent. Your choices are kept
in case you <a href="/subscribe">subscribe again</a>.</p></div>`;
  if (sub.status === 'pending') return html`<div class="empty"><p>This subscription is not confirmed yet: follow the link in the confirmation
email to start receiving digests.</p></div>`;
  if (sub.status === 'bouncing') return html`<div class="empty"><p>Mail to this address has been bouncing, so digests are paused.</p></div>`;
  return html``;
}

async function page(s: SubscriptionServices, deps: WebDeps, sub: Subscriber, token: string, csrf: string, t: PreferencesText, errors: FieldErrors, saved: boolean): Promise<string> {
  const links = subscriberLinks(await s.secret(), deps.config.baseUrl, sub);
  const count = Object.keys(errors).length;
  const body = html`<h1>Digest preferences</h1>
<p class="lede">For <strong>${sub.email}</strong>.</p>
${statusNote(sub)}
${saved ? html`<div class="summary-box" role="status"><p><strong>Saved.</strong> The next digest follows these preferences.</p></div>` : ''}
${count ? html`<div class="empty" role="alert"><p><strong>Nothing was saved: please correct the ${count === 1 ? 'field' : 'fields'} marked below.</strong></p></div>` : ''}
<form class="subscribe-form" action="${SUBSCRIBER_PATHS.preferences + token}" method="post" novalidate>
${csrfField(csrf)}
${preferencesFieldset(t, errors)}
<p><button type="submit">Save preferences</button></p>
</form>
<p>Want no more digests? <a href="${links.unsubscribe}">Unsubscribe</a>.</p>`;
  return layout({ title: 'Digest preferences · paperboy', body }).value;
}

async function subscriberFor(deps: WebDeps, check: TokenCheck): Promise<Subscriber | null> {
  if (!check.ok) return null;
  const sub = await findSubscriberById(deps.db, check.claims.subscriberId);
  return sub && sub.tokenVersion === check.claims.version ? sub : null;
}

/** `GET /preferences/:token`: the subscriber's choices in the same form as the subscribe page, prefilled. */
export function preferencesShow(deps: WebDeps, s: SubscriptionServices) {
  return async (req: FastifyRequest, reply: FastifyReply): Promise<string> => {
    const token = pathToken(req);
    const check = verifyToken(await s.secret(), token, 'preferences');
    const sub = await subscriberFor(deps, check);
    if (!sub) return invalidLink(reply, !check.ok && check.reason === 'expired' ? 'expired' : 'invalid', 'Preferences');
    const csrf = await s.csrf.token(req, reply);
    privatePage(reply);
    return page(s, deps, sub, token, csrf, textOfPreferences(sub), {}, false);
  };
}

/** `POST /preferences/:token`: validates and saves; errors re-render the form next to each field. */
export function preferencesSubmit(deps: WebDeps, s: SubscriptionServices) {
  return async (req: FastifyRequest, reply: FastifyReply): Promise<string> => {
    const token = pathToken(req);
    if (!(await s.csrf.check(req))) return csrfRejected(reply, SUBSCRIBER_PATHS.preferences + token);
    const check = verifyToken(await s.secret(), token, 'preferences');
    const sub = await subscriberFor(deps, check);
    if (!sub || !check.ok) return invalidLink(reply, !check.ok && check.reason === 'expired' ? 'expired' : 'invalid', 'Preferences');
    const text = preferencesText(req.body);
    const read = readPreferences(text);
    const csrf = await s.csrf.token(req, reply);
    if (!read.ok) {
      privatePage(reply, 400);
      return page(s, deps, sub, token, csrf, text, read.errors, false);
    }
    const saved = await updateSubscriberPreferences(deps.db, sub.id, check.claims.version, read.prefs);
    if (!saved) return invalidLink(reply, 'invalid', 'Preferences');
    privatePage(reply);
    return page(s, deps, saved, token, csrf, textOfPreferences(saved), {}, true);
  };
}
