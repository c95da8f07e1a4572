import { html, type Html } from './html.js';
import { assetHref } from '../http/site-assets.js';
import { feedHead, feedLine, type PageFeed } from './feed-links.js';

/** Which site section a page belongs to, so the navigation marks it as current. */
export type Section = 'papers' | 'trending' | 'search' | 'other';

/** What every page passes to the frame around it. */
export interface LayoutProps {
  title: string;
  body: Html;
  /** A short description for search engines and link previews. */
  description?: string;
  /** Extra <head> markup (citation meta tags). */
  head?: Html;
  section?: Section;
  /** The search page has its own big search form; the header one is left out there. */
  headerSearch?: boolean;
  /** The feed following what the page lists: linked in <head> and under the content. */
  feed?: PageFeed;
}

function navLink(href: string, label: string, current: boolean): Html {
  return html`<li><a href="${href}"${current ? html` aria-current="page"` : ''}>${label}</a></li>`;
}

/**
 * The document frame shared by every page: skip link, header with navigation and search, the
 * main landmark, footer. The one script only applies and toggles the theme; without it the
 * page follows the system theme and the toggle stays hidden.
 */
export function layout(props: LayoutProps): Html {
  const section = props.section ?? 'other';
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${props.title}</title>
${props.description ? html`<meta name="description" content="${props.description}">` : ''}
<meta name="color-scheme" content="light dark">
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${assetHref('style.css')}">
<script src="${assetHref('theme.js')}"></script>
${props.head ?? ''}
${props.feed ? feedHead(props.feed) : ''}
</head>
<body>
<a class="skip-link" href="#main">Skip to content</a>
<header class="site-header">
<a class="brand" href="/">paper<span>boy</span></a>
<nav class="site-nav" aria-label="Main">
<ul>
${navLink('/', 'Daily', section === 'papers')}
${navLink('/trending', 'Trending', section === 'trending')}
${navLink('/search', 'Search', section === 'search')}
</ul>
</nav>
${props.headerSearch === false ? '' : html`<form class="site-search" role="search" action="/search" method="get">
<label class="visually-hidden" for="site-q">Search papers</label>
<input id="site-q" type="search" name="q" placeholder="Search papers" autocomplete="off">
<button type="submit">Search</button>
</form>`}
<button type="button" class="theme-toggle" data-theme-toggle hidden><span class="theme-icon" aria-hidden="true">◐</span><span class="theme-label">Theme: auto</span></button>
</header>
<main id="main" tabindex="-1">
${props.body}
${props.feed ? feedLine(props.feed) : ''}
</main>
<footer class="site-footer">
<p>Paper metadata from arXiv and Hugging Face Daily Papers. Links go to arXiv; PDFs are never mirrored.</p>
<p><a href="/categories">Categories</a> · <a href="/orgs">Organizations</a> · <a href="/recommend">Recommendations</a> · <a href="/subscribe">Get the digest by email</a></p>
</footer>
</body>
</html>
`;
}
