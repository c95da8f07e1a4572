import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { escapeXml, stripInvalidXml } from '../src/web/feeds/xml-text.js';
import { renderRss } from '../src/web/feeds/rss.js';
import { renderAtom } from '../src/web/feeds/atom.js';
import type { Feed } from '../src/web/feeds/feed-model.js';
import { child, childrenNamed, parseXml } from './helpers/xml-tree.js';

const NASTY = 'Bad\u0000 \u0007bytes\u000b \uFFFE\uD800 & <script>alert(1)</script> "q" \'a\' $\\mathcal{O}(n)$ 😀';

function feed(items: Feed['items']): Feed {
  return { title: 'T & <t>', description: 'D', htmlUrl: 'http://x.test/', selfUrl: 'http://x.test/feeds/daily.rss?a=1&b=2', items };
}

const ITEM: Feed['items'][number] = {
  url: 'http://x.test/papers/2501.00001',
  title: NASTY,
  summary: NASTY,
  authors: ['Ada <Lovelace>', 'A & B'],
  categories: ['cs.CL'],
  absUrl: 'https://arxiv.org/abs/2501.00001',
  pdfUrl: 'https://arxiv.org/pdf/2501.00001',
  published: '2025-03-17T17:59:00.000Z',
  updated: null,
};

describe('XML text', () => {
  it('strips characters XML 1.0 cannot carry and keeps the rest, astral ones included', () => {
    assert.equal(stripInvalidXml('a\u0000b\u0008c\td\ne\rf\uFFFEg\uFFFFh\uD800i\uDFFFj😀'), 'abc\td\ne\rfghij😀');
  });

  it('is checked by a parser that rejects what a broken feed would contain', () => {
    assert.throws(() => parseXml('<a>\u0000</a>'), /disallowed character/);
    assert.throws(() => parseXml('<a>&nbsp;</a>'), /undefined entity/);
  });

  it('escapes markup and quotes', () => {
    assert.equal(escapeXml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;');
  });
});

describe('RSS and Atom rendering', () => {
  it('gives well-formed RSS whose title reads back exactly and whose description shows markup as text', () => {
    const rss = parseXml(renderRss(feed([ITEM])));
    assert.equal(rss.name, 'rss');
    assert.equal(rss.attrs['version'], '2.0');
    const channel = child(rss, 'channel');
    for (const required of ['title', 'link', 'description']) child(channel, required);
    assert.equal(child(channel, 'title').text, 'T & <t>');
    assert.equal(child(channel, 'atom:link').attrs['href'], 'http://x.test/feeds/daily.rss?a=1&b=2');
    const [item] = childrenNamed(channel, 'item');
    assert.ok(item);
    const clean = stripInvalidXml(NASTY);
    assert.equal(child(item, 'title').text, clean);
    assert.equal(child(item, 'guid').text, ITEM.url);
    assert.equal(child(item, 'guid').attrs['isPermaLink'], 'true');
    assert.equal(child(item, 'pubDate').text, 'Mon, 17 Mar 2025 17:59:00 GMT');
    const description = child(item, 'description').text;
    assert.doesNotMatch(description, /<script>/);
    assert.match(description, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    assert.deepEqual(childrenNamed(item, 'dc:creator').map((c) => c.text), ['Ada <Lovelace>', 'A & B']);
  });

  it('gives well-formed Atom with every required element, entries and the feed alike', () => {
    const atom = parseXml(renderAtom(feed([ITEM, { ...ITEM, url: 'http://x.test/papers/hep-th/9901001', authors: [], published: null }])));
    assert.equal(atom.name, 'feed');
    assert.equal(atom.attrs['xmlns'], 'http://www.w3.org/2005/Atom');
    for (const required of ['id', 'title', 'updated', 'author']) child(atom, required);
    assert.equal(child(atom, 'updated').text, '2025-03-17T17:59:00.000Z');
    const entries = childrenNamed(atom, 'entry');
    assert.equal(entries.length, 2);
    for (const e of entries) {
      for (const required of ['id', 'title', 'updated']) assert.ok(child(e, required).text.length > 0);
      assert.ok(!Number.isNaN(Date.parse(child(e, 'updated').text)));
    }
    assert.equal(child(entries[0]!, 'summary').text, stripInvalidXml(NASTY));
    assert.equal(child(entries[0]!, 'summary').attrs['type'], 'text');
    assert.equal(child(entries[1]!, 'id').text, 'http://x.test/papers/hep-th/9901001');
  });

  it('renders an empty feed as valid XML with a fixed date, so its bytes never change', () => {
    const a = renderAtom(feed([]));
    assert.equal(a, renderAtom(feed([])));
    assert.equal(child(parseXml(a), 'updated').text, '1970-01-01T00:00:00.000Z');
    assert.equal(childrenNamed(child(parseXml(renderRss(feed([]))), 'channel'), 'item').length, 0);
  });
});
