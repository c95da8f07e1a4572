import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { linkedText } from '../src/web/views/linked-text.js';

const render = (text: string): string => linkedText(text).toString();
const link = (url: string): string => `<a href="${url}" rel="nofollow ugc noopener">${url}</a>`;

describe('addresses in abstracts become links', () => {
  it('links an address and escapes the text around it', () => {
    assert.equal(render('Code for A<B & C: https://github.com/org/repo'), `Code for A&lt;B &amp; C: ${link('https://github.com/org/repo')}`);
  });

  it('leaves sentence punctuation and unopened brackets outside the link', () => {
    assert.equal(render('See https://x.org/a.'), `See ${link('https://x.org/a')}.`);
    assert.equal(render('(code: https://x.org/a), and [data: http://y.org/b].'), `(code: ${link('https://x.org/a')}), and [data: ${link('http://y.org/b')}].`);
    assert.equal(render('https://en.wikipedia.org/wiki/Set_(mathematics);'), `${link('https://en.wikipedia.org/wiki/Set_(mathematics)')};`);
  });

  it('links every address, at the start and the end of the text', () => {
    assert.equal(render('https://a.org/x and https://b.org/y'), `${link('https://a.org/x')} and ${link('https://b.org/y')}`);
  });

  it('keeps markup in or after an address inert', () => {
    const out = render('https://x.org/"><script>alert(1)</script> https://x.org/a?b=1&c=<img>');
    assert.equal(out, `${link('https://x.org/')}&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt; <a href="https://x.org/a?b=1&amp;c=" rel="nofollow ugc noopener">https://x.org/a?b=1&amp;c=</a>&lt;img&gt;`);
    assert.doesNotMatch(out, /<script|<img/);
  });

  it('links no other scheme and no bare scheme', () => {
    assert.equal(render('javascript:alert(1) data:text/html,x https:// ftp://f.org/x'), 'javascript:alert(1) data:text/html,x https:// ftp://f.org/x');
    assert.equal(render('https://[bad'), 'https://[bad');
    // The shortest address still links (its href as the URL parser writes it); a bare scheme does not.
    assert.equal(render('see http://a, https://.'), 'see <a href="http://a/" rel="nofollow ugc noopener">http://a</a>, https://.');
  });
});
