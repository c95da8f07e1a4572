import { html, type Html } from './html.js';
import { STYLE_HREF } from '../assets/style.js';

/** What every page passes to the frame around it. */
export interface LayoutProps {
  title: string;
  body: Html;
  /** A short description for search engines and link previews. */
  description?: string;
}

/** The document frame shared by every page: head, site header, main content, footer. No script. */
export function layout(props: LayoutProps): Html {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${props.title}</title>
${props.description ? html`<meta name="description" content="${props.description}">` : ''}
<link rel="stylesheet" href="${STYLE_HREF}">
</head>
<body>
<header class="site-header">
<a class="brand" href="/">paperboy</a>
<span class="tagline">Daily papers, self-hosted</span>
</header>
<main>
${props.body}
</main>
<footer class="site-footer">
<p>Paper metadata from arXiv and Hugging Face Daily Papers. Links go to arXiv; PDFs are never mirrored.</p>
</footer>
</body>
</html>
`;
}
