import { STYLE_CSS } from '../assets/style.js';
import { THEME_JS } from '../assets/theme-script.js';
import { AssetRegistry } from './asset-registry.js';

/**
 * The site's own static files. Add a script or another stylesheet with one `add` call here;
 * layouts link it with `assetHref(name)`, which always names the current content.
 */
export const siteAssets = new AssetRegistry();

siteAssets.add({ name: 'style.css', content: STYLE_CSS, type: 'text/css; charset=utf-8' });
siteAssets.add({ name: 'theme.js', content: THEME_JS, type: 'text/javascript; charset=utf-8' });

/** The URL to put in `<link href>` / `<script src>` for a site asset, e.g. `assetHref('style.css')`. */
export function assetHref(name: string): string {
  return siteAssets.href(name);
}
