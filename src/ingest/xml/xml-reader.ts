import { SaxesParser, type SaxesTagPlain } from 'saxes';
import type { XmlElement } from './xml-element.js';

/** What the reader reports while it walks a document. */
export type XmlItem =
  /** The root element's start tag (no children), reported once, for checking the document type. */
  | { readonly kind: 'root'; readonly element: XmlElement }
  /** A captured element with its subtree and its text exactly as it appeared in the document. */
  | { readonly kind: 'element'; readonly element: XmlElement; readonly raw: string; readonly line: number }
  /** The document is not well-formed from `line` on; nothing after it is reported. */
  | { readonly kind: 'error'; readonly line: number; readonly message: string };

interface Frame {
  readonly el: XmlElement | null;
  readonly ns: Readonly<Record<string, string>>;
}

class Stop extends Error {}

/**
 * Streams an XML document and hands back whole subtrees of the elements named in `capture`
 * (`entry`, `record`, `item`, ...). Built on saxes, which never fetches or expands external
 * entities and does not expand entities declared in a DTD: they are reported as errors instead.
 * Namespaces are resolved leniently so that a record with an undeclared prefix still reads.
 */
export class XmlReader {
  private readonly parser = new SaxesParser({ position: true });
  private readonly stack: Frame[] = [];
  private out: XmlItem[] = [];
  private buf = '';
  private bufStart = 0;
  private captureDepth = -1;
  private captureStart = 0;
  private captureLine = 0;
  private tagStart = 0;
  private tagLine = 0;
  private failed = false;
  private first = true;

  constructor(private readonly capture: ReadonlySet<string>) {
    const p = this.parser;
    p.on('opentagstart', () => {
      this.tagStart = this.bufStart + this.buf.lastIndexOf('<', p.position - 1 - this.bufStart);
      this.tagLine = p.line;
    });
    p.on('opentag', (tag) => this.openTag(tag as SaxesTagPlain));
    p.on('closetag', () => this.closeTag());
    p.on('text', (t) => this.addText(t));
    p.on('cdata', (t) => this.addText(t));
    p.on('error', (err) => {
      if (this.failed) throw new Stop();
      this.failed = true;
      const m = /^(?:[^:]*:)?(\d+):(\d+): (.*)$/s.exec(err.message);
      this.out.push({ kind: 'error', line: m ? Number(m[1]) : p.line, message: m ? m[3]! : err.message });
      throw new Stop();
    });
  }

  /** Feeds the next chunk; returns what completed in it. */
  write(chunk: string): XmlItem[] {
    if (this.first) { chunk = chunk.replace(/^\uFEFF/, ''); this.first = false; }
    this.buf += chunk;
    this.run(() => this.parser.write(chunk));
    if (this.captureDepth < 0) {
      const cut = this.buf.lastIndexOf('<');
      if (cut > 0) { this.buf = this.buf.slice(cut); this.bufStart += cut; }
    }
    return this.take();
  }

  /** Ends the document; reports an error when it stopped in the middle. */
  close(): XmlItem[] {
    this.run(() => this.parser.close());
    return this.take();
  }

  private run(fn: () => void): void {
    if (this.failed) return;
    try { fn(); } catch (err) { if (!(err instanceof Stop)) throw err; }
  }

  private take(): XmlItem[] {
    const items = this.out;
    this.out = [];
    return items;
  }

  private openTag(tag: SaxesTagPlain): void {
    const parent = this.stack[this.stack.length - 1];
    let ns = parent?.ns ?? {};
    for (const [k, v] of Object.entries(tag.attributes)) {
      if (k === 'xmlns' || k.startsWith('xmlns:')) ns = { ...ns, [k === 'xmlns' ? '' : k.slice(6)]: v };
    }
    const colon = tag.name.indexOf(':');
    const name = colon < 0 ? tag.name : tag.name.slice(colon + 1);
    const uri = ns[colon < 0 ? '' : tag.name.slice(0, colon)] ?? '';
    const make = (): XmlElement => ({ name, uri, attrs: { ...tag.attributes }, children: [], text: '' });
    if (!parent) {
      this.out.push({ kind: 'root', element: make() });
      this.stack.push({ el: null, ns });
      return;
    }
    if (this.captureDepth >= 0) {
      const el = make();
      parent.el?.children.push(el);
      this.stack.push({ el, ns });
      return;
    }
    if (this.capture.has(name)) {
      this.captureDepth = this.stack.length;
      this.captureStart = this.tagStart;
      this.captureLine = this.tagLine;
      this.stack.push({ el: make(), ns });
      return;
    }
    this.stack.push({ el: null, ns });
  }

  private closeTag(): void {
    const frame = this.stack.pop();
    if (this.stack.length !== this.captureDepth || !frame?.el) return;
    const end = this.parser.position;
    const raw = this.buf.slice(this.captureStart - this.bufStart, end - this.bufStart);
    this.out.push({ kind: 'element', element: frame.el, raw, line: this.captureLine });
    this.captureDepth = -1;
  }

  private addText(text: string): void {
    if (this.captureDepth < 0) return;
    const el = this.stack[this.stack.length - 1]?.el;
    if (el) el.text += text;
  }
}

/** Streams a document from text chunks (a file being read). */
export async function* readXml(input: AsyncIterable<string>, capture: ReadonlySet<string>): AsyncIterable<XmlItem> {
  const reader = new XmlReader(capture);
  for await (const chunk of input) yield* reader.write(chunk);
  yield* reader.close();
}

/** Reads a whole document held in memory (one HTTP response). */
export function readXmlString(xml: string, capture: ReadonlySet<string>): XmlItem[] {
  const reader = new XmlReader(capture);
  return [...reader.write(xml), ...reader.close()];
}
