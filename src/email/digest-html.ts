import { html, trusted, type Html } from '../web/views/html.js';
import type { DigestPaperView, DigestView } from './digest-view.js';

// Inline styles carry the light look (clients that drop <style> still get it); the <style> block
// adds dark mode for clients that honour prefers-color-scheme. Colours are constants, never data.
const FONT = "-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";
const S = {
  body: `margin:0;padding:0;background:#f3f4f6;color:#1f2328;font-family:${FONT};`,
  card: 'background:#ffffff;border:1px solid #e3e5e8;border-radius:10px;padding:16px 18px;',
  title: 'margin:0 0 6px 0;font-size:17px;line-height:1.35;font-weight:600;',
  titleLink: 'color:#1f2328;text-decoration:none;',
  muted: 'margin:0 0 4px 0;font-size:13px;line-height:1.4;color:#5b626b;',
  abstract: 'margin:10px 0 12px 0;font-size:14px;line-height:1.5;color:#30363d;',
  button: 'display:inline-block;padding:5px 12px;margin:0 6px 4px 0;border-radius:6px;background:#eef2ff;color:#3b4fd8;font-size:13px;font-weight:600;text-decoration:none;',
  section: 'margin:24px 0 10px 0;font-size:13px;letter-spacing:.08em;text-transform:uppercase;color:#5b626b;font-weight:700;',
  footer: 'font-size:12px;line-height:1.6;color:#5b626b;',
  link: 'color:#3b4fd8;',
} as const;

const DARK = trusted(`
:root { color-scheme: light dark; supported-color-schemes: light dark; }
@media (prefers-color-scheme: dark) {
  .pb-body, .pb-outer { background: #0d1117 !important; color: #e6edf3 !important; }
  .pb-card { background: #161b22 !important; border-color: #30363d !important; }
  .pb-title a, .pb-heading { color: #f0f6fc !important; }
  .pb-muted, .pb-section, .pb-footer { color: #9da7b3 !important; }
  .pb-abstract { color: #c9d1d9 !important; }
  .pb-button { background: #1f2a4d !important; color: #a5b4fc !important; }
  .pb-footer a, .pb-brand { color: #a5b4fc !important; }
}
@media only screen and (max-width: 480px) { .pb-card { padding: 14px !important; } }`);

function paperCard(p: DigestPaperView): Html {
  const org = p.organization ? html`<p class="pb-muted" style="${S.muted}">${p.organization}</p>` : '';
  const why = p.reasons.length ? html`<p class="pb-muted" style="${S.muted}">Because you follow ${p.reasons.join(', ')}</p>` : '';
  const votes = p.upvotes > 0 ? html` · ▲ ${p.upvotes}` : '';
  const abstract = p.abstract ? html`<p class="pb-abstract" style="${S.abstract}">${p.aiSummary ? html`<em>AI summary:</em> ` : ''}${p.abstract}</p>` : '';
  const code = p.links.code ? html`<a class="pb-button" style="${S.button}" href="${p.links.code}">Code</a>` : '';
  const pdf = p.links.pdf ? html`<a class="pb-button" style="${S.button}" href="${p.links.pdf}">PDF</a>` : '';
  return html`<tr><td style="padding:0 0 12px 0;">
<table role="presentation" class="pb-card" width="100%" cellpadding="0" cellspacing="0" border="0" style="${S.card}"><tr><td>
<h3 class="pb-title" style="${S.title}"><a href="${p.links.page}" style="${S.titleLink}">${p.title}</a></h3>
<p class="pb-muted" style="${S.muted}">${p.authors}${votes}</p>
${org}${why}${abstract}
<a class="pb-button" style="${S.button}" href="${p.links.page}">Read</a>${code}${pdf}
</td></tr></table>
</td></tr>`;
}

function section(title: string, papers: DigestPaperView[]): Html | '' {
  if (!papers.length) return '';
  return html`<tr><td><h2 class="pb-section" style="${S.section}">${title}</h2></td></tr>${papers.map(paperCard)}`;
}

/**
 * The HTML part: nested tables and inline CSS (what mail clients render alike), light by default
 * and dark where the client supports it. Every paper and subscriber value goes through the
 * escaping `html` tag; links are http(s) only.
 */
export function digestHtml(v: DigestView): string {
  const doc = html`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="supported-color-schemes" content="light dark">
<title>${v.subject}</title>
<style>${DARK}</style></head>
<body class="pb-body" style="${S.body}">
<table role="presentation" class="pb-outer" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#f3f4f6;"><tr><td align="center" style="padding:24px 12px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:640px;">
<tr><td style="padding:0 0 4px 0;"><p class="pb-muted" style="${S.muted}"><a class="pb-brand" href="${v.siteUrl}" style="${S.link}font-weight:700;text-decoration:none;">paperboy</a></p>
<h1 class="pb-heading" style="margin:0;font-size:24px;line-height:1.3;color:#1f2328;">${v.heading}</h1>
<p class="pb-muted" style="${S.muted}">${v.periodText}</p></td></tr>
${section('Top papers', v.top)}
${section('For you', v.forYou)}
<tr><td class="pb-footer" style="${S.footer}padding:18px 4px 0 4px;">
You get this digest because you subscribed at <a href="${v.siteUrl}" style="${S.link}">${v.siteUrl}</a>.<br>
<a href="${v.links.preferences}" style="${S.link}">Change what you get</a> · <a href="${v.links.unsubscribe}" style="${S.link}">Unsubscribe</a>
</td></tr>
</table></td></tr></table>
</body></html>`;
  return doc.value;
}
