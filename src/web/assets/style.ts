import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

const LIGHT = `--bg: #fafaf8; --fg: #1b1b1f; --muted: #585c63; --card: #ffffff; --border: #dedfe3;
  --accent: #a8321c; --accent-soft: #fbe9e4; --chip: #efefea; --link: #1650ad; --mark: #fff0a8; --mark-fg: #1b1b1f;
  --focus: #1650ad; --shadow: 0 1px 2px rgb(0 0 0 / .05); color-scheme: light;`;
const DARK = `--bg: #121317; --fg: #e7e7ea; --muted: #a3a6ad; --card: #1b1c22; --border: #30323a;
  --accent: #ff9a80; --accent-soft: #3a211c; --chip: #272931; --link: #91b8ff; --mark: #6b5a12; --mark-fg: #fff6d0;
  --focus: #91b8ff; --shadow: none; color-scheme: dark;`;

/**
 * The site's one stylesheet, kept as a module so it ships inside the compiled package with no
 * copy step. Two themes through custom properties: the system preference picks one unless the
 * reader chose one with the toggle (`data-theme` on the root element, set by the theme script).
 */
export const STYLE_CSS = `
:root { ${LIGHT} --radius: 10px; --gap: 1rem; --wide: 54rem; }
@media (prefers-color-scheme: dark) { :root:not([data-theme="light"]) { ${DARK} } }
:root[data-theme="dark"] { ${DARK} }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--bg); color: var(--fg);
  font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", sans-serif; }
a { color: var(--link); text-underline-offset: .15em; }
a:hover { text-decoration-thickness: 2px; }
:focus-visible, input:focus, select:focus, input:focus-within { outline: 3px solid var(--focus); outline-offset: 2px; border-radius: 3px; }
.skip-link { position: absolute; left: .5rem; top: -3rem; background: var(--card); color: var(--fg); padding: .5rem .8rem;
  border: 2px solid var(--focus); border-radius: var(--radius); z-index: 10; }
.skip-link:focus { top: .5rem; }
.visually-hidden { position: absolute !important; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.site-header, main, .site-footer { max-width: var(--wide); margin: 0 auto; padding: 0 var(--gap); }
.site-header { display: flex; flex-wrap: wrap; align-items: center; gap: .6rem 1.2rem; padding-top: 1rem; padding-bottom: .6rem;
  border-bottom: 1px solid var(--border); }
.brand { font-weight: 750; font-size: 1.25rem; color: var(--fg); text-decoration: none; letter-spacing: -.01em; }
.brand span { color: var(--accent); }
.site-nav ul { display: flex; gap: .9rem; list-style: none; margin: 0; padding: 0; }
.site-nav a { color: var(--fg); text-decoration: none; font-weight: 500; }
.site-nav a[aria-current="page"] { text-decoration: underline; text-decoration-color: var(--accent); text-decoration-thickness: 2px; }
.site-search { display: flex; gap: .4rem; flex: 1 1 14rem; margin-left: auto; max-width: 22rem; }
input, select, button, textarea { font: inherit; color: var(--fg); background: var(--card); border: 1px solid var(--border);
  border-radius: 8px; padding: .35rem .6rem; min-height: 2.25rem; }
input[type="search"] { flex: 1; min-width: 0; }
input[type="radio"], input[type="checkbox"] { min-height: 0; }
textarea { max-width: 100%; }
.field-error { color: var(--accent); }
fieldset { min-width: 0; margin: 0; }
button, .button { cursor: pointer; background: var(--chip); }
.theme-toggle { white-space: nowrap; display: inline-flex; gap: .35rem; align-items: center; }
.theme-icon { font-size: 1.05em; line-height: 1; }
.theme-toggle[hidden] { display: none; }
.site-footer { color: var(--muted); font-size: .85rem; padding-top: 1rem; padding-bottom: 2rem; margin-top: 2.5rem;
  border-top: 1px solid var(--border); }
.site-footer a { color: var(--muted); }
h1 { font-size: 1.55rem; line-height: 1.25; margin: 1.25rem 0 .4rem; overflow-wrap: anywhere; }
.lede { color: var(--muted); margin: 0 0 1rem; }
.feed-links { color: var(--muted); font-size: 0.9rem; margin: 1.5rem 0 0; }
.list-exports { color: var(--muted); font-size: 0.9rem; margin: 1rem 0 0; }
.trending-filter { display: flex; flex-wrap: wrap; align-items: center; gap: .4rem .6rem; margin: .2rem 0 .8rem; }
.counts-note { color: var(--muted); font-size: 0.85rem; margin: 1rem 0 0; }
.did-you-mean { margin: .4rem 0 1rem; font-size: 1.05rem; }
.toolbar { display: flex; flex-wrap: wrap; align-items: center; gap: .6rem 1rem; margin: .5rem 0 1rem; }
.toolbar form { display: flex; flex-wrap: wrap; gap: .4rem; align-items: center; }
form.date-picker:not(.toolbar form) { display: flex; flex-wrap: wrap; gap: .4rem; align-items: center; margin: .5rem 0 .9rem; }
form.scoped-search { display: flex; gap: .4rem; margin: .5rem 0 .9rem; max-width: 36rem; }
form.scoped-search input[type=search] { flex: 1; min-width: 0; }
form.recommend-form textarea { width: 100%; box-sizing: border-box; }
.period-nav { display: flex; justify-content: space-between; gap: .5rem; margin: .5rem 0 1rem; }
.period-nav a, .period-nav span { padding: .3rem .7rem; border: 1px solid var(--border); border-radius: 999px;
  background: var(--card); text-decoration: none; }
.period-nav span { color: var(--muted); border-style: dashed; }
.segmented { display: inline-flex; border: 1px solid var(--border); border-radius: 999px; overflow: hidden; }
.segmented a { padding: .2rem .75rem; text-decoration: none; color: var(--fg); }
.segmented a[aria-current] { background: var(--fg); color: var(--bg); }
.papers { list-style: none; padding: 0; margin: 0; display: grid; gap: .8rem; }
.paper { background: var(--card); border: 1px solid var(--border); border-radius: var(--radius); padding: .9rem 1rem;
  display: grid; grid-template-columns: 3.4rem minmax(0, 1fr); gap: .2rem 1rem; box-shadow: var(--shadow); }
.votes { grid-row: span 5; text-align: center; border: 1px solid var(--border); border-radius: 8px; padding: .3rem 0;
  height: fit-content; font-weight: 700; font-size: 1.05rem; line-height: 1.2; }
.votes small { display: block; font-weight: 400; color: var(--muted); font-size: .7rem; }
.sc { font-variant: small-caps; }
math[display="block"] { margin: .4em 0; }
.votes.uncounted { color: var(--muted); font-weight: 400; border-style: dashed; }
.paper h2 { margin: 0; font-size: 1.08rem; line-height: 1.35; overflow-wrap: anywhere; }
.paper h2 a { color: var(--fg); text-decoration: none; }
.paper h2 a:hover { text-decoration: underline; }
.meta { color: var(--muted); font-size: .88rem; margin: 0; overflow-wrap: anywhere; }
.meta > * + *::before { content: "·"; display: inline-block; margin: 0 .4em; color: var(--muted); text-decoration: none; }
.meta a { color: inherit; }
.abstract { margin: .2rem 0; overflow-wrap: anywhere; }
.links { display: flex; flex-wrap: wrap; gap: .35rem .8rem; align-items: center; font-size: .88rem; margin: .2rem 0 0; }
.chips { display: flex; flex-wrap: wrap; gap: .3rem; list-style: none; margin: 0; padding: 0; }
.chip { display: inline-block; background: var(--chip); border-radius: 999px; padding: .05rem .55rem; font-size: .8rem;
  color: var(--fg); text-decoration: none; }
a.chip:hover { text-decoration: underline; }
mark { background: var(--mark); color: var(--mark-fg); border-radius: 2px; padding: 0 .1em; }
.directory { list-style: none; margin: 0 0 1.25rem; padding: 0; columns: 18rem auto; column-gap: 2rem; }
.directory li { break-inside: avoid; padding: .15rem 0; }
.directory .count { color: var(--muted); font-size: .85rem; }
.directory a.namesakes { color: var(--muted); font-size: .8rem; white-space: nowrap; }
.directory code, .directory-group h2 code { font-size: .8em; color: var(--muted); }
.empty { background: var(--card); border: 1px dashed var(--border); border-radius: var(--radius); padding: 1rem 1.25rem; }
pre { background: var(--chip); padding: .6rem .8rem; border-radius: 6px; overflow-x: auto; }
.pager { display: flex; flex-wrap: wrap; gap: .5rem; justify-content: center; align-items: center; margin: 1.5rem 0; }
.pager a { padding: .3rem .8rem; border: 1px solid var(--border); border-radius: 999px; background: var(--card); text-decoration: none; }
.pager span { color: var(--muted); }
.paper-page h1 { font-size: 1.7rem; }
.authors-full { margin: .3rem 0 .6rem; overflow-wrap: anywhere; }
.paper-page section { margin: 1.4rem 0; }
.paper-page h2 { font-size: 1.1rem; margin: 0 0 .4rem; }
.paper-page .abstract-full { font-size: 1.03rem; line-height: 1.65; overflow-wrap: anywhere; white-space: pre-line; }
.actions { display: flex; flex-wrap: wrap; gap: .5rem; margin: .8rem 0; padding: 0; list-style: none; }
.actions a { display: inline-block; padding: .35rem .8rem; border: 1px solid var(--border); border-radius: 8px;
  background: var(--card); text-decoration: none; }
.actions a.primary { background: var(--accent); border-color: var(--accent); color: var(--bg); font-weight: 600; }
dl.facts { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: .3rem 1rem; margin: 0; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
.summary-box { background: var(--accent-soft); border-radius: var(--radius); padding: .8rem 1rem; }
.filters { display: grid; grid-template-columns: repeat(auto-fit, minmax(8rem, 1fr)); gap: .6rem; margin: .6rem 0 1rem;
  padding: .8rem; background: var(--card); border: 1px solid var(--border); border-radius: var(--radius); }
.filters label { display: grid; gap: .15rem; font-size: .85rem; color: var(--muted); min-width: 0; }
.filters label > input:not([type="checkbox"]), .filters label > select { width: 100%; min-width: 0; }
.filters label.check { display: flex; align-items: center; gap: .4rem; color: var(--fg); }
.filters .check input { min-height: 0; }
.search-main { display: flex; gap: .4rem; margin: .6rem 0; }
.search-main input { flex: 1; min-width: 0; font-size: 1.05rem; }
.hint { color: var(--muted); font-size: .85rem; margin: 0 0 .4rem; }
.modes { display: flex; flex-wrap: wrap; align-items: baseline; gap: .3rem 1.1rem; border: 0; padding: 0; margin: .2rem 0 .4rem; }
.modes legend { float: left; padding: 0; margin-right: .2rem; font-size: .85rem; color: var(--muted); }
.modes label { display: inline-flex; align-items: baseline; gap: .35rem; }
.modes input { min-height: 0; }
.modes small { color: var(--muted); font-size: .8rem; }
.degraded { background: var(--accent-soft); border-radius: 6px; padding: .4rem .7rem; }
.similar-list { list-style: none; margin: 0; padding: 0; display: grid; gap: .7rem; }
.similar-paper { border-left: 3px solid var(--border); padding-left: .8rem; }
.similar-title { font-weight: 600; overflow-wrap: anywhere; }
.why { font-size: .85rem; margin: .1rem 0 0; overflow-wrap: anywhere; }
.why-label { color: var(--muted); }
.why .term, .why .topic { background: var(--chip); border-radius: 4px; padding: 0 .3rem; white-space: nowrap; }
.why-topics { margin-left: .4rem; }
.similar-more { font-size: .85rem; margin: .6rem 0 0; }
.formula { background: var(--chip); padding: .5rem .8rem; border-radius: 6px; display: inline-block; font-family: ui-monospace, monospace; }
@media (max-width: 36rem) {
  .paper { grid-template-columns: 2.7rem minmax(0, 1fr); gap: .2rem .7rem; padding: .8rem .8rem; }
  .votes { grid-row: span 2; font-size: .95rem; }
  .votes small { font-size: .62rem; }
  .paper > .abstract, .paper > .chips, .paper > .links { grid-column: 1 / -1; }
  .site-header { gap: .5rem .9rem; }
  .site-search { max-width: none; flex: 1 1 12rem; min-width: 0; order: 3; }
  .site-search input { width: 100%; }
  .theme-toggle { order: 4; }
  .theme-label { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  h1 { font-size: 1.35rem; }
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
