import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readXml, readXmlString, type XmlItem } from '../src/ingest/xml/xml-reader.js';
import { attr, child, childText, rootTag } from '../src/ingest/xml/xml-element.js';
import { fixture } from './helpers/harvest-server.js';

async function* chunks(text: string, size: number): AsyncIterable<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

async function collect(items: AsyncIterable<XmlItem>): Promise<XmlItem[]> {
  const out: XmlItem[] = [];
  for await (const i of items) out.push(i);
  return out;
}

describe('XmlReader', () => {
  it('captures records with their exact source text and resolves prefixes', () => {
    const xml = fixture('atom/cs.CL-start-0.xml');
    const items = readXmlString(xml, new Set(['entry', 'totalResults']));
    assert.equal(items[0]!.kind, 'root');
    const elements = items.filter((i) => i.kind === 'element');
    assert.deepEqual(elements.map((e) => e.element.name), ['totalResults', 'entry', 'entry']);
    const entry = elements[1]!;
    assert.ok(xml.includes(entry.raw), 'raw is a slice of the document');
    assert.ok(entry.raw.startsWith('<entry>') && entry.raw.endsWith('</entry>'));
    const primary = child(entry.element, 'primary_category')!;
    assert.equal(primary.uri, 'http://arxiv.org/schemas/atom');
    assert.equal(attr(primary, 'term'), 'cs.CL');
    assert.equal(child(entry.element, 'title')!.uri, 'http://www.w3.org/2005/Atom');
  });

  it('gives the same records whatever the chunk boundaries', async () => {
    const xml = fixture('oai/raw-from-2024-01-01.xml');
    const whole = readXmlString(xml, new Set(['record']));
    for (const size of [1, 7, 64, 4096]) {
      const streamed = await collect(readXml(chunks(xml, size), new Set(['record'])));
      assert.deepEqual(streamed, whole, `chunk size ${size}`);
    }
  });

  it('decodes entities and CDATA but never expands entities from a DTD', () => {
    const xml = '<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd"><!ENTITY y "boom">]><r><rec><t>a &amp; b <![CDATA[<c>]]></t><u>&x;</u></rec></r>';
    const items = readXmlString(xml, new Set(['rec']));
    const error = items.find((i) => i.kind === 'error');
    assert.ok(error && error.kind === 'error' && /undefined entity/.test(error.message));
    assert.ok(!items.some((i) => i.kind === 'element' && /root:|boom/.test(JSON.stringify(i.element))));
    const ok = readXmlString('<r><rec><t>a &amp; b <![CDATA[<c>]]></t></rec></r>', new Set(['rec']));
    const rec = ok.find((i) => i.kind === 'element');
    assert.equal(rec && rec.kind === 'element' ? childText(rec.element, 't') : null, 'a & b <c>');
  });

  it('reports malformed XML once, with its line, keeping the records before it', () => {
    const items = readXmlString('<r>\n<rec><a>1</a></rec>\n<rec><a>2</b></rec>\n<rec/></r>', new Set(['rec']));
    assert.equal(items.filter((i) => i.kind === 'element').length, 1);
    const errors = items.filter((i) => i.kind === 'error');
    assert.equal(errors.length, 1);
    assert.equal(errors[0]!.kind === 'error' && errors[0]!.line, 3);
  });

  it('tolerates an undeclared prefix and reports a truncated document', () => {
    const items = readXmlString('<r><rec xsi:schemaLocation="x"><a>1</a></rec></r>', new Set(['rec']));
    assert.equal(items.filter((i) => i.kind === 'element').length, 1);
    const cut = readXmlString('<r><rec><a>1</a></rec><rec><a>', new Set(['rec']));
    assert.equal(cut.filter((i) => i.kind === 'element').length, 1);
    assert.equal(cut.at(-1)!.kind, 'error');
  });

  it('finds the root element for sniffing past declarations and comments', () => {
    assert.equal(rootTag('\uFEFF<?xml version="1.0"?>\n<!-- hi --><OAI-PMH xmlns="x">')?.name, 'OAI-PMH');
    assert.equal(rootTag('<a:feed xmlns:a="http://www.w3.org/2005/Atom">')?.name, 'feed');
    assert.equal(rootTag('{"a": 1}'), null);
  });
});
