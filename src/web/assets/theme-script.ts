/**
 * The site's only script: it applies a theme the reader chose earlier (before the first paint,
 * since it loads in <head>) and wires the toggle button, which stays hidden without JavaScript
 * so the page then simply follows the system setting. A same-origin file because the CSP
 * forbids inline scripts; served with a hashed URL by the site's asset registry.
 */
export const THEME_JS = `(function () {
  var KEY = 'paperboy-theme';
  var ORDER = ['auto', 'light', 'dark'];
  var LABELS = { auto: 'Theme: auto', light: 'Theme: light', dark: 'Theme: dark' };
  var ICONS = { auto: '\u25D0', light: '\u2600', dark: '\u263E' };
  var root = document.documentElement;
  function stored() {
    try { var v = window.localStorage.getItem(KEY); return ORDER.indexOf(v) > 0 ? v : 'auto'; } catch (e) { return 'auto'; }
  }
  function apply(theme) {
    if (theme === 'auto') root.removeAttribute('data-theme'); else root.setAttribute('data-theme', theme);
  }
  function save(theme) {
    try { if (theme === 'auto') window.localStorage.removeItem(KEY); else window.localStorage.setItem(KEY, theme); } catch (e) { /* private mode: the choice lasts for this page only */ }
  }
  apply(stored());
  function wire() {
    var button = document.querySelector('[data-theme-toggle]');
    if (!button) return;
    function show(theme) {
      var icon = button.querySelector('.theme-icon');
      var label = button.querySelector('.theme-label');
      if (icon) icon.textContent = ICONS[theme];
      if (label) label.textContent = LABELS[theme]; else button.textContent = LABELS[theme];
      button.setAttribute('data-current', theme);
    }
    show(stored());
    button.hidden = false;
    button.addEventListener('click', function () {
      var next = ORDER[(ORDER.indexOf(button.getAttribute('data-current') || 'auto') + 1) % ORDER.length];
      apply(next);
      save(next);
      show(next);
    });
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', wire); else wire();
})();
`;
