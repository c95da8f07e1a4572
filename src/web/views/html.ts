/**
 * HTML built with a tagged template that escapes every interpolation unless it is already `Html`.
 * Titles and abstracts come from the outside world (`<`, `&`, LaTeX, hostile markup), so escaping
 * is the default and opting out is explicit and rare.
 */

/** Markup that is already safe to emit as is (built by `html` or marked with `trusted`). */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

/** Escapes text for use in element content and in quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (c) => ENTITIES[c]!);
}

function render(value: unknown): string {
  if (value instanceof Html) return value.value;
  if (value == null || value === false) return '';
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

/** The template tag every view uses: `html\`<h1>${title}</h1>\`` escapes `title`. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1]!;
  return new Html(out);
}

/** Marks a constant string written in this codebase (never data) as markup. */
export function trusted(markup: string): Html {
  return new Html(markup);
}

/**
 * A URL that is safe in `href`: http(s) absolute URLs and site-relative paths pass, anything else
 * (`javascript:`, `data:`) becomes `#`, because escaping alone does not stop a script URL.
 */
export function safeUrl(url: string | null | undefined): string {
  if (!url) return '#';
  if (url.startsWith('/') && !url.startsWith('//')) return url;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.toString() : '#';
  } catch {
    return '#';
  }
}
