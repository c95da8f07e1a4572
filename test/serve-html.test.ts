import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { html, trusted, safeUrl, escapeHtml } from '../src/web/views/html.js';
import { authorList, formatCount, formatDate, formatDay, preview } from '../src/web/views/format.js';
import { pager, rangeLabel } from '../src/web/views/pager.js';

describe('html tagged template', () => {
  it('escapes every interpolation by default', () => {
    const title = '<script>alert(1)</script> & "quotes" \'single\' `tick`';
    assert.equal(html`<h1>${title}</h1>`.value, '<h1>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot; &#39;single&#39; &#96;tick&#96;</h1>');
  });

  it('keeps attribute values inside their quotes', () => {
    const evil = '"><img src=x onerror=alert(1)>';
    const out = html`<a title="${evil}">x</a>`.value;
    assert.equal(out, '<a title="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;">x</a>');
    assert.doesNotMatch(out, /<img/);
  });

  it('nests html values and arrays without escaping them twice', () => {
    const items = ['a<b', 'c&d'].map((t) => html`<li>${t}</li>`);
    assert.equal(html`<ul>${items}</ul>`.value, '<ul><li>a&lt;b</li><li>c&amp;d</li></ul>');
    assert.equal(html`${trusted('<hr>')}${'<hr>'}`.value, '<hr>&lt;hr&gt;');
  });

  it('renders null, undefined and false as nothing, numbers as text', () => {
    assert.equal(html`[${null}${undefined}${false}${0}${42}]`.value, '[042]');
  });

  it('leaves LaTeX as plain text', () => {
    assert.equal(escapeHtml('$\\mathcal{O}(n^2)$ for x<y'), '$\\mathcal{O}(n^2)$ for x&lt;y');
  });
});

describe('safeUrl', () => {
  it('passes http(s) and site paths and blocks script URLs', () => {
    assert.equal(safeUrl('https://arxiv.org/abs/2501.00001'), 'https://arxiv.org/abs/2501.00001');
    assert.equal(safeUrl('/papers/2501.00001'), '/papers/2501.00001');
    assert.equal(safeUrl('javascript:alert(1)'), '#');
    assert.equal(safeUrl(' JaVaScRiPt:alert(1)'), '#');
    assert.equal(safeUrl('data:text/html,<script>'), '#');
    assert.equal(safeUrl('//evil.example/x'), '#');
    assert.equal(safeUrl(null), '#');
  });
});

describe('view formatting', () => {
  it('shows the first authors and +N for the rest', () => {
    assert.equal(authorList(['A', 'B']), 'A, B');
    assert.equal(authorList(['A', 'B', 'C', 'D']), 'A, B, C, D');
    assert.equal(authorList(['A', 'B', 'C', 'D', 'E', 'F']), 'A, B, C +3');
    assert.equal(authorList([]), '');
  });

  it('cuts long abstracts at a word boundary', () => {
    const text = 'word '.repeat(200);
    const p = preview(text, 50)!;
    assert.ok(p.length <= 51);
    assert.match(p, /word…$/);
    assert.equal(preview('short  text\nhere'), 'short text here');
    // A cut inside a \textbf or \href group ends before the word that opens it; escaped braces are text.
    const bold = `We propose \\textbf{a method ${'that works '.repeat(10)}} for all.`;
    assert.equal(preview(bold, 60), 'We propose…');
    const link = `Our data: \\href{https://x.org/d}{the ${'big '.repeat(20)}set} here.`;
    assert.equal(preview(link, 60), 'Our data…');
    assert.equal(preview(`Sets \\{a\\} and ${'more '.repeat(20)}`, 30), 'Sets \\{a\\} and more more more…');
    assert.equal(preview(null), null);
  });

  it('formats days and dates in UTC', () => {
    assert.equal(formatDay('2025-03-17'), 'Monday, March 17, 2025');
    assert.equal(formatDay('not-a-day'), 'not-a-day');
    assert.equal(formatDate('2025-03-17T23:59:00.000Z'), 'Mar 17, 2025');
    assert.equal(formatDate(null), null);
  });

  it('groups the digits of large counts in ranges and pagers', () => {
    assert.equal(formatCount(25049), '25,049');
    assert.equal(formatCount(999), '999');
    assert.equal(rangeLabel({ page: 51, pageSize: 30, total: 25049 }, 30), '1,501–1,530 of 25,049');
    assert.equal(rangeLabel({ page: 1, pageSize: 30, total: 0 }, 0), '0 of 0');
    assert.match(pager({ page: 2, pageSize: 20, total: 1_000_000 }, (p) => `/x?page=${p}`).value, /Page 2 of 50,000/);
  });
});
