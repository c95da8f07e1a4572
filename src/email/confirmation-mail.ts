import type { OutgoingMail } from './mailer.js';
import { html, type Html } from '../web/views/html.js';
import type { Preferences } from '../store/subscribers-input.js';

const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** Preferences as short lines for people ("Weekly, on Friday"; "Topics: diffusion, retrieval"). */
export function describePreferences(p: Preferences): string[] {
  const lines = [p.frequency === 'weekly' ? `Weekly, on ${DAYS[p.weekday - 1] ?? 'Monday'}` : 'Daily, Monday to Friday'];
  const i = p.interests;
  const add = (label: string, items: readonly string[]): void => {
    if (items.length) lines.push(`${label}: ${items.join(', ')}`);
  };
  add('Categories', i.categories);
  add('Topics', i.topics);
  add('Authors', i.authors);
  add('Organizations', i.organizations);
  add('Papers like', i.papers);
  if (lines.length === 1) lines.push('Interests: none chosen (the top trending papers)');
  return lines;
}

/** What the confirmation asks for: a new subscription, or a change to an active one. */
export type ConfirmationKind = 'subscribe' | 'change';

/** Everything the opt-in mail needs; `siteUrl` is the instance's public base URL. */
export interface ConfirmationInput {
  to: string;
  kind: ConfirmationKind;
  confirmUrl: string;
  siteUrl: string;
  preferences: Preferences;
  /** Hours the link stays valid. */
  validHours: number;
}

function htmlBody(c: ConfirmationInput, heading: string, lead: string, button: string, lines: string[]): Html {
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark"><meta name="supported-color-schemes" content="light dark"><title>${heading}</title></head>
<body style="margin:0;padding:0;background:#fafaf8;color:#1b1b1f;font-family:system-ui,-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0"><tr><td align="center" style="padding:24px 12px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:560px;background:#ffffff;border:1px solid #dedfe3;border-radius:10px;">
<tr><td style="padding:24px;font-size:16px;line-height:1.5;color:#1b1b1f;">
<p style="margin:0 0 12px;font-weight:700;font-size:20px;">paper<span style="color:#a8321c;">boy</span></p>
<h1 style="margin:0 0 12px;font-size:20px;">${heading}</h1>
<p style="margin:0 0 16px;">${lead}</p>
<p style="margin:0 0 20px;"><a href="${c.confirmUrl}" style="display:inline-block;background:#a8321c;color:#ffffff;text-decoration:none;font-weight:600;padding:10px 18px;border-radius:8px;">${button}</a></p>
<p style="margin:0 0 6px;color:#585c63;font-size:14px;">Your choices:</p>
<ul style="margin:0 0 16px;padding-left:20px;font-size:14px;">${lines.map((l) => html`<li>${l}</li>`)}</ul>
<p style="margin:0 0 8px;color:#585c63;font-size:13px;">The link works for ${c.validHours} hours. If the button does not work, copy this address into your browser:<br><a href="${c.confirmUrl}" style="color:#1650ad;word-break:break-all;">${c.confirmUrl}</a></p>
<p style="margin:0;color:#585c63;font-size:13px;">If you did not ask for this, ignore this email: nothing will be sent to you.</p>
</td></tr></table>
<p style="margin:12px 0 0;color:#585c63;font-size:12px;"><a href="${c.siteUrl}" style="color:#585c63;">${c.siteUrl}</a></p>
</td></tr></table>
</body></html>`;
}

/**
 * The double opt-in email: the only mail sent to an address before its owner confirms. A change
 * to an active subscription is confirmed the same way, so nobody can rewrite someone else's
 * preferences by typing their address into the form.
 */
export function confirmationMail(c: ConfirmationInput): OutgoingMail {
  const change = c.kind === 'change';
  const subject = change ? 'Confirm the change to your paperboy digest' : 'Confirm your paperboy digest subscription';
  const heading = change ? 'Confirm your new digest preferences' : 'Confirm your subscription';
  const lead = change
    ? `Someone (probably you) asked to change the paperboy digest sent to ${c.to}. Your current preferences stay until you confirm.`
    : `Someone (probably you) asked to send paperboy's digest of new research papers to ${c.to}. Nothing is sent until you confirm.`;
  const button = change ? 'Confirm the change' : 'Confirm my subscription';
  const lines = describePreferences(c.preferences);
  const text = [
    heading, '', lead, '', `${button}:`, c.confirmUrl, '',
    'Your choices:', ...lines.map((l) => `- ${l}`), '',
    `The link works for ${c.validHours} hours.`,
    'If you did not ask for this, ignore this email: nothing will be sent to you.', '', c.siteUrl, '',
  ].join('\n');
  return { to: c.to, subject, text, html: htmlBody(c, heading, lead, button, lines).value, headers: { 'Auto-Submitted': 'auto-generated' } };
}
