import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * The site's one stylesheet, kept as a module so it ships inside the compiled package with no
 * copy step. Two themes through custom properties: the reader's system preference picks one.
 */
export const STYLE_CSS = `
:root {
  --bg: #fbfbfa; --fg: #1d1d1f; --muted: #5f6368; --card: #ffffff; --border: #e3e3e0;
  --accent: #b3261e; --accent-fg: #ffffff; --chip: #f0f0ec; --link: #1a57b6;
  --radius: 10px; --gap: 1rem;
  color-scheme: light dark;
}
@media (prefers-color-scheme: dark) {
  :root { --bg: #131316; --fg: #e8e8ea; --muted: #a0a0a8; --card: #1c1c21; --border: #2e2e35;
    --accent: #ff8a80; --accent-fg: #131316; --chip: #26262d; --link: #8ab4f8; }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg);
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
a { color: var(--link); }
.site-header, main, .site-footer { max-width: 52rem; margin: 0 auto; padding: 0 var(--gap); }
.site-header { display: flex; align-items: baseline; gap: var(--gap); padding-top: 1.25rem; }
.site-header .brand { font-weight: 700; font-size: 1.3rem; color: var(--fg); text-decoration: none; }
.site-header .tagline { color: var(--muted); }
.site-footer { color: var(--muted); font-size: .85rem; padding-bottom: 2rem; }
h1 { font-size: 1.6rem; margin: 1.25rem 0 .5rem; }
h2.day { font-size: 1.1rem; color: var(--muted); margin: 2rem 0 .5rem; }
.papers { list-style: none; padding: 0; margin: 0; display: grid; gap: var(--gap); }
.paper { background: var(--card); border: 1px solid var(--border); border-radius: var(--radius); padding: 1rem 1.1rem;
  display: grid; grid-template-columns: 3.5rem 1fr; gap: .25rem 1rem; }
.paper .votes { grid-row: span 4; text-align: center; border: 1px solid var(--border); border-radius: var(--radius);
  padding: .35rem 0; height: fit-content; font-weight: 600; }
.paper .votes small { display: block; font-weight: 400; color: var(--muted); font-size: .7rem; }
.paper h3 { margin: 0; font-size: 1.1rem; line-height: 1.35; overflow-wrap: anywhere; }
.paper h3 a { color: var(--fg); text-decoration: none; }
.paper h3 a:hover { text-decoration: underline; }
.paper .meta { color: var(--muted); font-size: .88rem; }
.paper .meta > * + *::before { content: " · "; }
.paper .abstract { margin: .25rem 0; overflow-wrap: anywhere; }
.paper .links { display: flex; flex-wrap: wrap; gap: .4rem; align-items: center; font-size: .88rem; }
.chip { background: var(--chip); border-radius: 999px; padding: .05rem .55rem; font-size: .8rem; color: var(--fg); }
.empty { background: var(--card); border: 1px dashed var(--border); border-radius: var(--radius); padding: 1rem 1.25rem; }
pre { background: var(--chip); padding: .6rem .8rem; border-radius: 6px; overflow-x: auto; }
@media (max-width: 36rem) {
  .paper { grid-template-columns: 1fr; }
  .paper .votes { grid-row: auto; width: fit-content; padding: .2rem .6rem; }
}
`;

const version = createHash('sha1').update(STYLE_CSS).digest('hex').slice(0, 10);

/** The stylesheet URL; it changes with the content, so browsers may cache it for a year. */
export const STYLE_HREF = `/static/style-${version}.css`;

/** Serves the stylesheet with a long cache lifetime (its URL carries its hash). */
export async function styleHandler(_req: FastifyRequest, reply: FastifyReply): Promise<string> {
  reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=31536000, immutable');
  return STYLE_CSS;
}
