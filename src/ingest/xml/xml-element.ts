/**
 * A small element tree for one XML record (an Atom entry, an OAI record, an RSS item). Records are
 * small, so adapters read them as trees while the document around them is streamed.
 */
export interface XmlElement {
  /** Local name without prefix (`primary_category` for `arxiv:primary_category`). */
  readonly name: string;
  /** Namespace URI the prefix resolved to; '' when none or undeclared. */
  readonly uri: string;
  /** Attributes by qualified name, exactly as written. */
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: XmlElement[];
  /** The element's own text and CDATA, entities decoded, untrimmed. */
  text: string;
}

/** The first child with this local name, so adapters read fields without caring about prefixes. */
export function child(el: XmlElement, name: string): XmlElement | undefined {
  return el.children.find((c) => c.name === name);
}

/** Every child with this local name, in document order. */
export function childrenNamed(el: XmlElement, name: string): XmlElement[] {
  return el.children.filter((c) => c.name === name);
}

/** A child's text, trimmed; null when the child is absent or blank (a source that says nothing). */
export function childText(el: XmlElement, name: string): string | null {
  const t = child(el, name)?.text.trim();
  return t ? t : null;
}

/** An attribute by local name (`version`, `term`), whatever prefix it was written with. */
export function attr(el: XmlElement, name: string): string | undefined {
  if (name in el.attrs) return el.attrs[name];
  const key = Object.keys(el.attrs).find((k) => k.slice(k.indexOf(':') + 1) === name);
  return key === undefined ? undefined : el.attrs[key];
}

/**
 * The root element's name and start tag in the first bytes of a document, for sniffing. Skips the
 * XML declaration, comments and a doctype; null when no start tag is in sight.
 */
export function rootTag(head: string): { name: string; tag: string } | null {
  const cleaned = head
    .replace(/^\uFEFF/, '')
    .replace(/<\?[\s\S]*?\?>/g, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<!DOCTYPE[^>[]*(\[[\s\S]*?\])?\s*>/i, '');
  const m = /<([A-Za-z_][\w.:-]*)([^>]*)>?/.exec(cleaned);
  if (!m) return null;
  const qname = m[1]!;
  return { name: qname.slice(qname.indexOf(':') + 1), tag: m[0] };
}
