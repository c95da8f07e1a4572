/**
 * Text for XML 1.0 documents. Paper metadata comes from outside (control characters from PDFs,
 * lone surrogates, markup), and one illegal character makes a whole feed unreadable, so every
 * value is cleaned and escaped here and nowhere else.
 */

// Everything outside the XML 1.0 Char production: C0 controls but tab/LF/CR, surrogates, U+FFFE/U+FFFF.
const ILLEGAL = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Removes characters XML 1.0 cannot carry at all (not even as character references). */
export function stripInvalidXml(text: string): string {
  return text.replace(ILLEGAL, '');
}

/** Cleans and escapes text for element content and quoted attribute values. */
export function escapeXml(text: string): string {
  return stripInvalidXml(text).replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** `<name attrs>text</name>` with the text escaped; attributes are escaped too. */
export function element(name: string, text: string, attrs: Record<string, string> = {}): string {
  return `<${name}${attributes(attrs)}>${escapeXml(text)}</${name}>`;
}

/** ` a="1" b="2"`, escaped; an empty object gives an empty string. */
export function attributes(attrs: Record<string, string>): string {
  return Object.entries(attrs).map(([k, v]) => ` ${k}="${escapeXml(v)}"`).join('');
}
